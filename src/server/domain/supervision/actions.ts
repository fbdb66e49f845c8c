import type {
  LookBackReason,
  MatterActionType,
  ReferralGround,
  ReferralRecipient,
  ReminderTrigger,
  ReviewChecklist,
} from '../../../shared/supervision';
import type { IsoDate } from '../calendar/dates';
import type { DeadlineRule, MatterPlan } from './types';

/** An open milestone waived by the closing supervisor, with the reason (recorded on the event). */
export interface MilestoneWaiver {
  milestoneId: string;
  reason: string;
}

/** A look-back before its due day: allowed only when asked for explicitly, with a reason. */
interface EarlyLookBack {
  early?: boolean;
  /** why the look-back comes before its due day (with `early: true`) */
  reason?: string;
}

/** Every action may carry a comment and attachments; both are copied to its event. */
export interface ActionBase {
  comment?: string;
  attachmentIds?: readonly string[];
}

/**
 * The actions on a matter, each with its payload. Where an action has two
 * outcomes (approve/reject, pass/fail, justified/unjustified) they share one
 * type so the UI shows one button and one dialog.
 */
export type MatterAction = ActionBase &
  (
    | { type: 'edit_draft'; changes: Partial<MatterPlan> }
    | { type: 'assign' }
    | { type: 'accept' }
    | { type: 'return'; reason: string }
    | {
        type: 'rule_return';
        justified: true;
        /** the new lead unit: a justified return means the matter was not the returning unit's */
        leadUnitId: string;
        coUnitIds?: readonly string[];
        /** defaults to the matter's rule; a working-day rule counts afresh from the ruling */
        deadlineRule?: DeadlineRule;
      }
    | { type: 'rule_return'; justified: false }
    | { type: 'report_progress'; text: string; milestonesDone?: readonly string[] }
    | { type: 'request_extension'; deadline: IsoDate; reason: string }
    | { type: 'decide_extension'; approved: true; deadline?: IsoDate }
    | { type: 'decide_extension'; approved: false }
    | { type: 'request_help'; text: string }
    | { type: 'answer_help'; text: string }
    | { type: 'remind'; trigger?: ReminderTrigger }
    | { type: 'suspend'; reason: string }
    | { type: 'resume'; deadline?: IsoDate }
    | { type: 'submit_completion'; report: string; evidenceIds: readonly string[] }
    | { type: 'approve_completion'; approved: boolean }
    | { type: 'review'; approved: true; checklist: ReviewChecklist; waivers?: readonly MilestoneWaiver[] }
    | { type: 'review'; approved: false; checklist?: Partial<ReviewChecklist>; deadline?: IsoDate }
    | { type: 'recheck'; passed: true; waivers?: readonly MilestoneWaiver[] }
    | { type: 'recheck'; passed: false; deadline?: IsoDate }
    | ({ type: 'look_back'; passed: true } & EarlyLookBack)
    | ({ type: 'look_back'; passed: false; deadline?: IsoDate } & EarlyLookBack)
    | { type: 'refer_accountability'; ground: ReferralGround; reason: string; recipients: readonly ReferralRecipient[] }
    | { type: 'add_instruction'; text: string; unitIds?: readonly string[] }
    | { type: 'escalate' }
    | { type: 'mark_look_back_due'; reason: LookBackReason }
    /** year: the year whose State Council notice was loaded (recalculation.ts) */
    | { type: 'recalculate_deadline'; year: number }
    | { type: 'link_child'; childId: string }
    | { type: 'unlink_child'; childId: string }
    | { type: 'child_closed'; childId: string }
    | { type: 'child_reopened'; childId: string }
  );

/** The action of the given type, for handlers that switch on it. */
export type ActionOf<T extends MatterActionType> = Extract<MatterAction, { type: T }>;
