import type {
  LookBackReason,
  MatterEventType,
  MatterState,
  ReferralGround,
  ReferralRecipient,
  ReminderTrigger,
  ReviewChecklist,
} from '../../../shared/supervision';
import type { IsoDate } from '../calendar/dates';
import type { DeadlineRule, MatterPlan } from './types';

/**
 * A change of the deadline in force, always recorded with both dates. Only
 * these events carry one: assigned (first deadline), extension_decided
 * (approved), return_ruled (justified: the clock restarts for the new unit),
 * resumed (the stopped clock given back), a send-back (reviewed rejected,
 * rechecked failed, looked_back reopened) that sets a later rework deadline,
 * and deadline_recalculated (a working-day deadline recounted once the
 * State Council notice of a year it crossed was loaded).
 */
export interface DeadlineChange {
  oldDeadline: IsoDate | null;
  newDeadline: IsoDate;
}

/** A milestone closed without being done: the supervisor's reason, on the closing event. */
export interface WaivedMilestone {
  milestoneId: string;
  title: string;
  reason: string;
}

/**
 * The ground of a 问责移交 with the facts that bore it out on the day:
 * the deadline and the day it was measured against (the completion's
 * arrival, the day the clock stopped, or the day of the referral), the
 * number of 催办, the failed rechecks and look-back reopens.
 */
export type ReferralGroundRecord =
  | { kind: 'overdue'; deadline: IsoDate; measuredOn: IsoDate; overdueWorkingDays: number }
  | { kind: 'repeated_reminders'; reminders: number }
  | { kind: 'recheck_failed'; recheckFailures: number; reopens: number }
  | { kind: Extract<ReferralGround, 'other'> };

type Payloads = {
  opened: { plan: MatterPlan; parentId: string | null };
  draft_edited: { changes: Partial<MatterPlan> };
  assigned: DeadlineChange & { leadUnitId: string; coUnitIds: readonly string[] };
  accepted: Record<string, never>;
  returned: { unitId: string; reason: string };
  return_ruled:
    | ({ justified: true; oldLeadUnitId: string; leadUnitId: string; coUnitIds: readonly string[] } & DeadlineChange & {
          deadlineRule: DeadlineRule;
        })
    | { justified: false };
  progress_reported: { unitId: string; lead: boolean; text: string; milestonesDone: readonly string[] };
  extension_requested: { deadline: IsoDate; requested: IsoDate; reason: string };
  extension_decided: ({ approved: true; requested: IsoDate } & DeadlineChange) | { approved: false; requested: IsoDate };
  help_requested: { text: string };
  help_answered: { text: string };
  /** number: the matter's 催办 ordinal (第 n 次催办), manual and automatic alike */
  reminded: { number: number; trigger: ReminderTrigger; deadline: IsoDate | null; progressDue: IsoDate | null };
  suspended: { reason: string; on: IsoDate };
  resumed: { suspendedOn: IsoDate; suspendedWorkingDays: number; change: DeadlineChange | null };
  /** extensionWithdrawn: the requested date of a pending extension that 报结 withdrew (the office is told) */
  completion_submitted: { report: string; evidenceIds: readonly string[]; extensionWithdrawn: IsoDate | null };
  completion_decided: { approved: boolean };
  reviewed:
    // waived: absent on events recorded before open milestones had to be settled at closing
    | { approved: true; checklist: ReviewChecklist; waived?: readonly WaivedMilestone[] }
    | { approved: false; checklist: Partial<ReviewChecklist>; change: DeadlineChange | null };
  rechecked: { passed: true; waived?: readonly WaivedMilestone[] } | { passed: false; change: DeadlineChange | null };
  /** early: set when the look-back came before its due day, with the supervisor's reason */
  looked_back: ({ passed: true } | { passed: false; change: DeadlineChange | null }) & { early?: { reason: string; dueOn: IsoDate } };
  /** ground: absent on referrals recorded before a ground was required */
  accountability_referred: { reason: string; recipients: readonly ReferralRecipient[]; ground?: ReferralGroundRecord };
  /** unitIds: the units the 批示 names (absent when it names none); they are told and may read it */
  instruction_added: { text: string; unitIds?: readonly string[] };
  escalated: { deadline: IsoDate; overdueWorkingDays: number; leaderId: string | null };
  look_back_due: { reason: LookBackReason; closedAt: string };
  /** year: the notice loaded; reason: the sentence the timeline shows */
  deadline_recalculated: DeadlineChange & { year: number; reason: string };
  child_linked: { childId: string };
  child_unlinked: { childId: string };
  child_closed: { childId: string };
  child_reopened: { childId: string };
};

export type EventPayload<T extends MatterEventType> = Payloads[T];

interface EventBase {
  matterId: string;
  /** 1 for `opened`, then consecutive; equals the matter's version after the event */
  seq: number;
  actorId: string;
  /** instant, ISO 8601 */
  at: string;
  /** the state after the event (the same as before when the action changes none) */
  state: MatterState;
  comment?: string;
  attachmentIds?: readonly string[];
}

/** One recorded action: every action, state change or not, is exactly one event. */
export type MatterEvent = { [T in MatterEventType]: EventBase & { type: T; payload: Payloads[T] } }[MatterEventType];

export type EventOf<T extends MatterEventType> = Extract<MatterEvent, { type: T }>;

/** The deadline change an event records, if any; the only way a deadline moves. */
export function deadlineChangeOf(event: MatterEvent): DeadlineChange | null {
  switch (event.type) {
    case 'assigned':
      return { oldDeadline: event.payload.oldDeadline, newDeadline: event.payload.newDeadline };
    case 'return_ruled':
    case 'extension_decided':
      return 'newDeadline' in event.payload
        ? { oldDeadline: event.payload.oldDeadline, newDeadline: event.payload.newDeadline }
        : null;
    case 'deadline_recalculated':
      return { oldDeadline: event.payload.oldDeadline, newDeadline: event.payload.newDeadline };
    case 'resumed':
    case 'reviewed':
    case 'rechecked':
    case 'looked_back':
      return 'change' in event.payload ? event.payload.change : null;
    default:
      return null;
  }
}
