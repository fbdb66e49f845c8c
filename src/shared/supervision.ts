/**
 * 督查督办 (supervision): the enums of the matter loop with the Chinese labels
 * the UI shows. Shared by the server (domain, API schemas) and the web app.
 */

export const matterStates = [
  'draft',
  'assigned',
  'assessing',
  'in_progress',
  'suspended',
  'reviewing',
  'rechecking',
  'closed',
] as const;
export type MatterState = (typeof matterStates)[number];
export const matterStateLabels: Record<MatterState, string> = {
  draft: '立项',
  assigned: '已交办',
  assessing: '研判中',
  in_progress: '办理中',
  suspended: '暂缓',
  reviewing: '审核中',
  rechecking: '复核中',
  closed: '已办结',
};

export const matterSources = [
  'instruction',
  'meeting_decision',
  'directive',
  'inspection',
  'public_request',
  'research',
  'other',
] as const;
export type MatterSource = (typeof matterSources)[number];
export const matterSourceLabels: Record<MatterSource, string> = {
  instruction: '领导批示',
  meeting_decision: '会议议定事项',
  directive: '上级交办/要件',
  inspection: '督查发现问题',
  public_request: '群众诉求',
  research: '调研成果',
  other: '其他',
};

export const matterPriorities = ['extra_urgent', 'urgent', 'normal'] as const;
export type MatterPriority = (typeof matterPriorities)[number];
export const matterPriorityLabels: Record<MatterPriority, string> = {
  extra_urgent: '特急',
  urgent: '紧急',
  normal: '一般',
};

/** Actions people take on a matter; the API's `POST /matters/{id}/actions/{action}`. */
export const userActionTypes = [
  'edit_draft',
  'assign',
  'accept',
  'return',
  'rule_return',
  'report_progress',
  'request_extension',
  'decide_extension',
  'request_help',
  'answer_help',
  'remind',
  'suspend',
  'resume',
  'submit_completion',
  'approve_completion',
  'review',
  'recheck',
  'look_back',
  'refer_accountability',
  'add_instruction',
] as const;
/**
 * Actions only the platform takes: the sweeper (escalate, look-back due, and
 * the automatic kind of remind) and the bookkeeping a sub-matter's own
 * actions cause on its parent.
 */
export const systemActionTypes = [
  'escalate',
  'mark_look_back_due',
  'recalculate_deadline',
  'link_child',
  'unlink_child',
  'child_closed',
  'child_reopened',
] as const;
export const matterActionTypes = [...userActionTypes, ...systemActionTypes] as const;
export type UserActionType = (typeof userActionTypes)[number];
export type SystemActionType = (typeof systemActionTypes)[number];
export type MatterActionType = (typeof matterActionTypes)[number];
export const matterActionLabels: Record<MatterActionType, string> = {
  edit_draft: '修改立项信息',
  assign: '交办',
  accept: '签收',
  return: '退回',
  rule_return: '研判退回',
  report_progress: '进展反馈',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  request_help: '申请督帮',
  answer_help: '督帮答复',
  remind: '催办',
  suspend: '暂缓',
  resume: '恢复办理',
  submit_completion: '报结',
  approve_completion: '单位审批报结',
  review: '审核',
  recheck: '复核',
  look_back: '回头看',
  refer_accountability: '问责移交',
  add_instruction: '领导批示',
  escalate: '升级督办',
  mark_look_back_due: '回头看到期',
  recalculate_deadline: '重算时限',
  link_child: '新增子事项',
  unlink_child: '移除子事项',
  child_closed: '子事项办结',
  child_reopened: '子事项重新办理',
};

export const matterEventTypes = [
  'opened',
  'draft_edited',
  'assigned',
  'accepted',
  'returned',
  'return_ruled',
  'progress_reported',
  'extension_requested',
  'extension_decided',
  'help_requested',
  'help_answered',
  'reminded',
  'suspended',
  'resumed',
  'completion_submitted',
  'completion_decided',
  'reviewed',
  'rechecked',
  'looked_back',
  'accountability_referred',
  'instruction_added',
  'escalated',
  'look_back_due',
  'deadline_recalculated',
  'child_linked',
  'child_unlinked',
  'child_closed',
  'child_reopened',
] as const;
export type MatterEventType = (typeof matterEventTypes)[number];
export const matterEventLabels: Record<MatterEventType, string> = {
  opened: '立项',
  draft_edited: '修改立项信息',
  assigned: '交办',
  accepted: '签收',
  returned: '退回',
  return_ruled: '研判退回',
  progress_reported: '进展反馈',
  extension_requested: '申请延期',
  extension_decided: '延期审批',
  help_requested: '申请督帮',
  help_answered: '督帮答复',
  reminded: '催办',
  suspended: '暂缓',
  resumed: '恢复办理',
  completion_submitted: '报结',
  completion_decided: '单位审批报结',
  reviewed: '审核',
  rechecked: '复核',
  looked_back: '回头看',
  accountability_referred: '问责移交',
  instruction_added: '领导批示',
  escalated: '升级督办',
  look_back_due: '回头看到期',
  deadline_recalculated: '时限重算',
  child_linked: '新增子事项',
  child_unlinked: '移除子事项',
  child_closed: '子事项办结',
  child_reopened: '子事项重新办理',
};

/** 红黄绿灯; `none` when no clock runs (see the domain's light()). */
export const lights = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof lights)[number];
export const lightLabels: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' };

export const reminderTriggers = ['manual', 'yellow', 'red', 'progress_late'] as const;
export type ReminderTrigger = (typeof reminderTriggers)[number];
export const reminderTriggerLabels: Record<ReminderTrigger, string> = {
  manual: '人工催办',
  yellow: '黄灯自动催办',
  red: '红灯自动催办',
  progress_late: '进展反馈逾期催办',
};

/** The 审结 standard: a completion passes review only when every item holds. */
export const reviewChecklistItems = [
  'facts_clear',
  'problem_solved',
  'task_done',
  'conclusion_sound',
  'measures_lawful',
  'paperwork_correct',
] as const;
export type ReviewChecklistItem = (typeof reviewChecklistItems)[number];
export type ReviewChecklist = Record<ReviewChecklistItem, boolean>;
export const reviewChecklistLabels: Record<ReviewChecklistItem, string> = {
  facts_clear: '事实清楚',
  problem_solved: '问题解决',
  task_done: '任务完成',
  conclusion_sound: '结论恰当',
  measures_lawful: '措施合法',
  paperwork_correct: '手续完备',
};

export const referralRecipients = ['discipline_inspection', 'organization'] as const;
export type ReferralRecipient = (typeof referralRecipients)[number];
export const referralRecipientLabels: Record<ReferralRecipient, string> = {
  discipline_inspection: '纪检监察机关',
  organization: '组织部门',
};

/**
 * The ground a 问责移交 rests on, recorded on the event and in the referral
 * package. The first three are facts the matter's record must show; `other`
 * is the supervisor's own written reason.
 */
export const referralGrounds = ['overdue', 'repeated_reminders', 'recheck_failed', 'other'] as const;
export type ReferralGround = (typeof referralGrounds)[number];
export const referralGroundLabels: Record<ReferralGround, string> = {
  overdue: '逾期未办结',
  repeated_reminders: '多次催办仍未落实',
  recheck_failed: '复核未通过或回头看重新办理',
  other: '其他（督查员说明理由）',
};
/** "Repeated reminders" means at least this many 催办 (manual and automatic alike). */
export const REFERRAL_MIN_REMINDERS = 3;

/** A referral's recorded ground as the timeline and the referral package word it (the event's `ground`). */
export function describeReferralGround(g: Record<string, unknown> | null | undefined): string {
  switch (g?.kind) {
    case 'overdue':
      return `${referralGroundLabels.overdue}（办理期限 ${String(g.deadline)}，至 ${String(g.measuredOn)} 逾期 ${String(g.overdueWorkingDays)} 个工作日）`;
    case 'repeated_reminders':
      return `${referralGroundLabels.repeated_reminders}（已催办 ${String(g.reminders)} 次）`;
    case 'recheck_failed':
      return `${referralGroundLabels.recheck_failed}（复核未通过 ${String(g.recheckFailures)} 次，回头看重新办理 ${String(g.reopens)} 次）`;
    case 'other':
      return '督查员说明的理由';
    default:
      return '未记录（移交依据施行前的移交）';
  }
}

export const lookBackReasons = ['scheduled', 'sample'] as const;
export type LookBackReason = (typeof lookBackReasons)[number];
export const lookBackReasonLabels: Record<LookBackReason, string> = {
  scheduled: '办结后定期回头看',
  sample: '随机抽查回头看',
};

/** Lasting marks on a matter's history, for ledger filters; never cleared. */
export const matterFlags = ['recheck_failed', 'reopened', 'referred', 'escalated'] as const;
export type MatterFlag = (typeof matterFlags)[number];
export const matterFlagLabels: Record<MatterFlag, string> = {
  recheck_failed: '复核未通过',
  reopened: '回头看重新办理',
  referred: '已问责移交',
  escalated: '已升级督办',
};

/**
 * Supervision statistics of one unit as lead unit (牵头单位) over a period;
 * the one definition the board, bulletins and API use. A matter counts for
 * the unit that led it when the counted thing happened. "In the period"
 * means on a China date from `from` to min(`to`, `asOf`).
 */
export interface SupervisionStats {
  /** assignments to the unit: `assigned` events, and justified returns that reassigned a matter to it */
  assigned: number;
  /** distinct matters closed (审核通过 without recheck, or 复核通过) while the unit led them */
  closed: number;
  /**
   * of `closed`, judged by the latest closure in the period: the completion
   * reached the office (the unit head's approval) on or before the original
   * deadline of the assignment
   */
  closedOnTimeOriginal: number;
  /** the same against the deadline in force (after approved extensions, resumes, rework deadlines) */
  closedOnTimeApproved: number;
  /**
   * distinct matters that were overdue on at least one day in the period:
   * at the end of that day assigned, under return assessment or in progress,
   * and past the deadline in force. Days of an assignment whose return was
   * later ruled justified do not count: the clock did not run against that unit.
   */
  overdue: number;
  /** closedOnTimeApproved ÷ the matters either closed or overdue in the period; null when there are none */
  onTimeRate: number | null;
  /** mean working days from the assignment (the current one) to closing, over `closed`; null when none, unrounded */
  avgWorkingDaysToClose: number | null;
  /** returns (退回) made by the unit */
  returns: number;
  /** approved extensions */
  extensions: number;
  /** failed rechecks plus look-back reopens (a reopen counts as a recheck failure) */
  recheckFailures: number;
  /** look-back reopens alone */
  lookBackFailures: number;
}

/** A deadline of more than a working year is a plan, not a matter (the server's bound; the forms use it too). */
export const MAX_DEADLINE_WORKING_DAYS = 250;
