import type { Role } from '../../../shared/roles';
import type {
  LookBackReason,
  MatterFlag,
  MatterPriority,
  MatterSource,
  MatterState,
} from '../../../shared/supervision';
import type { IsoDate } from '../calendar/dates';

/**
 * A deadline as the supervisor sets it: a fixed date, or N working days
 * counted from the day of assignment (via the working-day calendar, so
 * holidays and 调休 are honoured). The date in force is resolved once, at
 * assignment, and stored on the matter: a later change to the calendar never
 * moves a deadline already given.
 */
export type DeadlineRule = { kind: 'date'; date: IsoDate } | { kind: 'working_days'; days: number };

export interface Milestone {
  id: string;
  title: string;
  deadline: IsoDate;
  /** when a progress report of the lead unit marked it done (instant, ISO 8601) */
  doneAt?: string;
  /** set when the matter was closed without it: the supervisor's reason and the closing instant */
  waived?: { reason: string; at: string };
}

/** What the supervisor decides when opening a matter, editable while it is a draft. */
export interface MatterPlan {
  title: string;
  source: MatterSource;
  priority: MatterPriority;
  categories: readonly string[];
  leadUnitId: string | null;
  coUnitIds: readonly string[];
  deadlineRule: DeadlineRule | null;
  milestones: readonly Milestone[];
  /** a progress report is due every N working days; null when none is required */
  progressCadenceDays: number | null;
  /** whether an on-site recheck (复核) follows an approved review */
  recheckRequired: boolean;
  /** the leader whose 批示 the matter carries out; escalations and results go to them */
  instructingLeaderId: string | null;
}

export interface PendingReturn {
  unitId: string;
  reason: string;
  at: string;
}

export interface PendingExtension {
  requested: IsoDate;
  reason: string;
  at: string;
}

export interface PendingHelp {
  text: string;
  at: string;
}

/** The lead unit's completion report; approvedAt is the unit head's approval, which sends it to the office. */
export interface Completion {
  report: string;
  evidenceIds: readonly string[];
  submittedAt: string;
  approvedAt: string | null;
}

export interface MatterChild {
  id: string;
  open: boolean;
}

/** Per-matter tallies, kept in step with the events; statistics recompute them from events. */
export interface MatterCounts {
  reminders: number;
  returns: number;
  extensions: number;
  recheckFailures: number;
  /** look-back reopens (回头看 regressions) */
  reopens: number;
  escalations: number;
}

/**
 * What the sweeper has already recorded, keyed by the deadline (or due date,
 * or closure) it was about, so a sweep run twice sends nothing twice and a
 * new deadline starts afresh.
 */
export interface SweepMemory {
  yellowRemindedFor: IsoDate | null;
  redRemindedFor: IsoDate | null;
  progressRemindedFor: IsoDate | null;
  escalatedFor: IsoDate | null;
  /** the closedAt of the closure whose look-back is already due or done */
  lookBackFor: string | null;
}

/**
 * A matter's state as the domain sees it: everything the rules read.
 * Free texts beyond the title (requirement, source reference, attachments'
 * metadata, handlers) live with the service; the events carry the comments.
 * Instants are ISO 8601 strings; calendar days are China dates ('YYYY-MM-DD').
 */
export interface Matter extends MatterPlan {
  id: string;
  /** the number of events applied; an event's seq is the version it produces */
  version: number;
  state: MatterState;
  parentId: string | null;
  openedAt: string;
  /** the deadline in force; null until assigned */
  deadline: IsoDate | null;
  /** the first deadline of the current assignment (a justified return starts a new assignment) */
  originalDeadline: IsoDate | null;
  assignedAt: string | null;
  acceptedAt: string | null;
  /** the day from which the progress cadence counts: acceptance, the last lead-unit report, or a restart */
  progressClockFrom: IsoDate | null;
  lastProgressAt: string | null;
  pendingReturn: PendingReturn | null;
  pendingExtension: PendingExtension | null;
  pendingHelp: PendingHelp | null;
  completion: Completion | null;
  /** the China date the completion reached the office (the unit head's approval) */
  completedOn: IsoDate | null;
  /** set while suspended: the day the clock stopped */
  suspendedOn: IsoDate | null;
  closedAt: string | null;
  lookBackDue: LookBackReason | null;
  children: readonly MatterChild[];
  flags: readonly MatterFlag[];
  counts: MatterCounts;
  sweep: SweepMemory;
}

/**
 * Who acts. Business rights come from roles plus the unit: a liaison acts for
 * their own unit only. The system actor is the platform itself (the sweeper,
 * parent bookkeeping); no person is ever given it.
 */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  unitId: string | null;
  system?: true;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: 'system', roles: [], unitId: null, system: true });

/**
 * A refusal, with a stable code from server/errors.ts (FORBIDDEN 403,
 * RULE_VIOLATION 422, VALIDATION_FAILED 400, CLASSIFIED_CONTENT 422) and a
 * Chinese message for the user.
 */
export interface Refusal {
  ok: false;
  code: 'FORBIDDEN' | 'RULE_VIOLATION' | 'VALIDATION_FAILED' | 'CLASSIFIED_CONTENT';
  message: string;
  /** the field(s) at fault, by their names in the plan or the action (validate.ts onField) */
  fields?: readonly { field: string; message: string }[];
}
