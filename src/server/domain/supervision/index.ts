/** The matter loop (督查督办) as pure functions; see README.md in this folder. */
export type { ActionBase, ActionOf, MatterAction } from './actions';
export {
  clockStates,
  defaultSupervisionSettings,
  isProgressLate,
  lateMilestones,
  light,
  nextProgressDue,
  resolveDeadline,
  workingDaysLeft,
  type SupervisionSettings,
} from './clock';
export type { MilestoneWaiver } from './actions';
export { isOpenMilestone } from './closing';
export {
  allowedActions,
  decide,
  openMatter,
  refusedActions,
  whoRefusal,
  type ActionRefusal,
  type Decision,
  type OpenMatterInput,
} from './decide';
export {
  deadlineChangeOf,
  type DeadlineChange,
  type EventOf,
  type EventPayload,
  type MatterEvent,
  type ReferralGroundRecord,
  type WaivedMilestone,
} from './events';
export { applyEvent, dayOf, replay } from './evolve';
export { eventsForInformed, informedUnitsOf, type EventFacts, type InformedGrant, type InformedReason } from './informed';
export { actingAs, mayTake, partiesOf, type Party } from './policy';
export { precondition, statesFor } from './preconditions';
export { computeAllStats, computeStats, computeStatsWithTotal, computeTotalStats, emptyStats, type StatsPeriod, type SupervisionStats } from './stats';
export { firstDayWithin, lookBackDaysFor, lookBackDueOn, nextSweepOn, sampleLookBacks, sweep } from './sweep';
export {
  SYSTEM_ACTOR,
  type Actor,
  type Completion,
  type DeadlineRule,
  type Matter,
  type MatterChild,
  type MatterCounts,
  type MatterPlan,
  type Milestone,
  type PendingExtension,
  type PendingHelp,
  type PendingReturn,
  type Refusal,
  type SweepMemory,
} from './types';
