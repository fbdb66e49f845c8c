import { matterActionLabels, matterStateLabels, matterStates, type MatterActionType, type MatterState } from '../../../shared/supervision';
import type { IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import { resolveDeadline } from './clock';
import { recalculationProblem } from './recalculation';
import type { Matter, MatterPlan } from './types';

const allStates = matterStates;
const notDraft = matterStates.filter((s) => s !== 'draft');
const notClosed = matterStates.filter((s) => s !== 'closed');

/** The states in which each action can be taken at all. */
export const statesFor: Record<MatterActionType, readonly MatterState[]> = {
  edit_draft: ['draft'],
  assign: ['draft'],
  accept: ['assigned'],
  return: ['assigned'],
  rule_return: ['assessing'],
  report_progress: ['in_progress'],
  request_extension: ['in_progress'],
  // A request made in time stays decidable while the matter is suspended.
  decide_extension: ['in_progress', 'suspended'],
  request_help: ['in_progress'],
  answer_help: ['in_progress', 'suspended', 'reviewing', 'rechecking'],
  // 催办 chases the unit, so only while the unit holds the matter.
  remind: ['assigned', 'in_progress'],
  suspend: ['in_progress'],
  resume: ['suspended'],
  submit_completion: ['in_progress'],
  approve_completion: ['in_progress'],
  review: ['reviewing'],
  recheck: ['rechecking'],
  look_back: ['closed'],
  refer_accountability: notDraft,
  add_instruction: allStates,
  escalate: ['assigned', 'in_progress'],
  mark_look_back_due: ['closed'],
  // Every state with a deadline still ahead of the office's verdict.
  recalculate_deadline: ['assigned', 'assessing', 'in_progress', 'suspended', 'reviewing', 'rechecking'],
  link_child: notClosed,
  unlink_child: allStates,
  child_closed: allStates,
  child_reopened: allStates,
};

/**
 * Why a draft cannot be assigned today (payload-free, so allowedActions
 * hides 交办 until the draft is complete); null when it can.
 */
export function assignmentProblem(m: MatterPlan, today: IsoDate, calendar: WorkCalendar): string | null {
  if (m.leadUnitId === null) return '请先确定牵头单位';
  if (m.deadlineRule === null) return '请先确定完成时限';
  if (m.deadlineRule.kind === 'date' && m.deadlineRule.date < today) return `完成时限（${m.deadlineRule.date}）已过，请重新设定`;
  const late = m.milestones.find((ms) => ms.deadline < today);
  if (late) return `节点“${late.title}”的时限（${late.deadline}）已过，请重新设定`;
  const deadline = resolveDeadline(m.deadlineRule, today, calendar);
  if (m.milestones.some((ms) => ms.deadline > deadline)) return `节点时限不能晚于事项的完成时限（${deadline}）`;
  return null;
}

/** Conditions beyond the state that do not depend on the payload; a Chinese reason, or null. */
function extra(m: Matter, type: MatterActionType, today: IsoDate, calendar: WorkCalendar): string | null {
  switch (type) {
    case 'assign':
      return assignmentProblem(m, today, calendar);
    case 'request_extension':
      // "Before the deadline": the deadline day itself still counts, as the work is due by its end.
      if (m.pendingExtension) return '已有待审批的延期申请';
      if (m.completion) return '已报结，不能再申请延期';
      if (m.deadline !== null && today > m.deadline) return '办理时限已过，延期须在时限届满前申请';
      return null;
    case 'decide_extension':
      return m.pendingExtension ? null : '没有待审批的延期申请';
    case 'request_help':
      return m.pendingHelp ? '已有待答复的督帮申请' : null;
    case 'answer_help':
      return m.pendingHelp ? null : '没有待答复的督帮申请';
    case 'submit_completion':
      if (m.completion) return '报结材料正等待单位负责人审批';
      return m.children.some((c) => c.open) ? '尚有子事项未办结，不能报结' : null;
    case 'approve_completion':
      return m.completion && !m.completion.approvedAt ? null : '没有待审批的报结材料';
    case 'escalate':
      if (m.deadline === null || today <= m.deadline) return '事项未逾期，无需升级督办';
      return m.sweep.escalatedFor === m.deadline ? '已就当前时限升级督办' : null;
    case 'mark_look_back_due':
      if (m.lookBackDue) return '回头看已在待办中';
      return m.sweep.lookBackFor === m.closedAt ? '本次办结已安排或完成回头看' : null;
    case 'recalculate_deadline':
      return recalculationProblem(m, calendar);
    case 'unlink_child':
      return m.children.length ? null : '没有子事项';
    case 'child_closed':
      return m.children.some((c) => c.open) ? null : '没有未办结的子事项';
    case 'child_reopened':
      return m.children.some((c) => !c.open) ? null : '没有已办结的子事项';
    default:
      return null;
  }
}

/**
 * Why the action cannot be taken on this matter today, whoever asks and
 * whatever the payload; null when it can. decide() and allowedActions()
 * both use it, which keeps the two consistent.
 */
export function precondition(m: Matter, type: MatterActionType, today: IsoDate, calendar: WorkCalendar): string | null {
  if (!statesFor[type].includes(m.state)) {
    return `事项当前为“${matterStateLabels[m.state]}”状态，不能${matterActionLabels[type]}`;
  }
  return extra(m, type, today, calendar);
}
