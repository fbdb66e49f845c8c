import {
  referralRecipients,
  reviewChecklistItems,
  reviewChecklistLabels,
  type ReviewChecklist,
} from '../../../shared/supervision';
import { AppError } from '../../errors';
import type { ActionOf } from './actions';
import { resolveDeadline } from './clock';
import { lookBackTiming, referralGround, settleForClosing } from './closing';
import {
  assertChildrenClosed,
  broken,
  deadlineOf,
  requireComment,
  reworkDeadline,
  type CommandContext,
  type EventDraft,
} from './command-context';
import { assignmentProblem } from './preconditions';
import type { MatterPlan } from './types';
import {
  planKeys,
  requireFutureDate,
  requireId,
  requireIds,
  requireText,
  validateDeadlineRule,
  validatePlan,
} from './validate';

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message);

export function editDraft({ matter: m, today }: CommandContext, a: ActionOf<'edit_draft'>): EventDraft {
  const changes = a.changes as Record<string, unknown> | undefined;
  const keys = changes && typeof changes === 'object' ? Object.keys(changes) : [];
  if (!keys.length) throw invalid('没有要修改的内容');
  const unknown = keys.filter((k) => !(planKeys as readonly string[]).includes(k));
  if (unknown.length) throw invalid(`不能修改的字段：${unknown.join('、')}`);
  const dated = (['deadlineRule', 'milestones'] as const).filter((k) => keys.includes(k));
  const plan = validatePlan({ ...pickPlan(m), ...a.changes }, today, dated);
  const validated = Object.fromEntries(keys.map((k) => [k, plan[k as keyof MatterPlan]])) as Partial<MatterPlan>;
  return { type: 'draft_edited', payload: { changes: validated }, state: 'draft' };
}

export const pickPlan = (m: MatterPlan): MatterPlan =>
  Object.fromEntries(planKeys.map((k) => [k, m[k]])) as unknown as MatterPlan;

export function assign({ matter: m, today, calendar }: CommandContext): EventDraft {
  const problem = assignmentProblem(m, today, calendar);
  if (problem) throw broken(problem);
  const plan = validatePlan(pickPlan(m), today);
  if (plan.leadUnitId === null || plan.deadlineRule === null) throw broken('请先确定牵头单位和完成时限');
  const deadline = resolveDeadline(plan.deadlineRule, today, calendar);
  return {
    type: 'assigned',
    payload: { leadUnitId: plan.leadUnitId, coUnitIds: plan.coUnitIds, oldDeadline: null, newDeadline: deadline },
    state: 'assigned',
  };
}

/**
 * 研判 on a return. Justified: the matter was not the unit's, so it goes to
 * a new lead unit as a new assignment and the clock restarts from today
 * (this is the only deadline change besides extensions, resumes and rework
 * deadlines; the event records old and new). Unjustified: the same unit
 * must do it, as if it had accepted, with the deadline unchanged: the clock
 * never stopped.
 */
export function ruleReturn(ctx: CommandContext, a: ActionOf<'rule_return'>): EventDraft {
  const { matter: m, today, calendar } = ctx;
  requireComment(a, '研判意见');
  if (!a.justified) return { type: 'return_ruled', payload: { justified: false }, state: 'in_progress' };
  const oldLead = m.leadUnitId ?? '';
  const leadUnitId = requireId(a.leadUnitId, '新的牵头单位');
  if (leadUnitId === oldLead) throw broken('认定退回理由成立时，应改由其他单位牵头');
  const coUnitIds = a.coUnitIds === undefined ? m.coUnitIds.filter((u) => u !== leadUnitId) : requireIds(a.coUnitIds, '协办单位');
  if (coUnitIds.includes(leadUnitId)) throw broken('牵头单位不能同时是协办单位');
  const rule = a.deadlineRule ?? m.deadlineRule;
  if (rule === null) throw broken('请设定完成时限');
  if (a.deadlineRule === undefined && rule.kind === 'date' && rule.date < today) {
    throw broken(`原定完成时限（${rule.date}）已过，请重新设定时限`);
  }
  const deadlineRule = validateDeadlineRule(rule, today);
  const newDeadline = resolveDeadline(deadlineRule, today, calendar);
  if (m.milestones.some((ms) => !ms.doneAt && ms.deadline > newDeadline)) {
    throw broken(`节点时限不能晚于事项的完成时限（${newDeadline}）`);
  }
  return {
    type: 'return_ruled',
    payload: { justified: true, oldLeadUnitId: oldLead, leadUnitId, coUnitIds, deadlineRule, oldDeadline: m.deadline, newDeadline },
    state: 'assigned',
  };
}

export function decideExtension({ matter: m, today }: CommandContext, a: ActionOf<'decide_extension'>): EventDraft {
  const pending = m.pendingExtension;
  if (!pending) throw broken('没有待审批的延期申请');
  if (!a.approved) {
    requireComment(a, '不同意延期的理由');
    return { type: 'extension_decided', payload: { approved: false, requested: pending.requested }, state: m.state };
  }
  const current = deadlineOf(m);
  const newDeadline = requireFutureDate(a.deadline ?? pending.requested, '延期后的时限', today);
  if (newDeadline <= current) throw broken(`延期后的时限应晚于当前时限（${current}）`);
  return {
    type: 'extension_decided',
    payload: { approved: true, requested: pending.requested, oldDeadline: current, newDeadline },
    state: m.state,
  };
}

/**
 * Back from 暂缓. The clock stood still while suspended, so by default the
 * deadline moves by the working days the matter was suspended; the
 * supervisor may set a later date instead. Either way the event records it.
 */
export function resume({ matter: m, today, calendar }: CommandContext, a: ActionOf<'resume'>): EventDraft {
  const current = deadlineOf(m);
  const suspendedOn = m.suspendedOn ?? today;
  const suspendedWorkingDays = Math.max(0, calendar.workingDaysBetween(suspendedOn, today));
  let newDeadline = suspendedWorkingDays > 0 ? calendar.addWorkingDays(current, suspendedWorkingDays) : current;
  if (a.deadline !== undefined) {
    newDeadline = requireFutureDate(a.deadline, '恢复办理后的时限', today);
    if (newDeadline < current) throw broken(`恢复办理后的时限不能早于原时限（${current}）`);
  }
  const change = newDeadline === current ? null : { oldDeadline: current, newDeadline };
  return { type: 'resumed', payload: { suspendedOn, suspendedWorkingDays, change }, state: 'in_progress' };
}

function checklistOf(value: unknown, complete: boolean): Partial<ReviewChecklist> {
  if (value === undefined && !complete) return {};
  if (!value || typeof value !== 'object') throw invalid('请填写审结标准核对表');
  const list = value as Record<string, unknown>;
  const extra = Object.keys(list).filter((k) => !(reviewChecklistItems as readonly string[]).includes(k));
  if (extra.length) throw invalid(`审结标准中没有这些项：${extra.join('、')}`);
  const out: Partial<ReviewChecklist> = {};
  for (const item of reviewChecklistItems) {
    const v = list[item];
    if (v === undefined && !complete) continue;
    if (typeof v !== 'boolean') throw invalid(`审结标准“${reviewChecklistLabels[item]}”应为是或否`);
    out[item] = v;
  }
  return out;
}

/**
 * 审核 against the 审结 standard: approval needs every item, and every
 * milestone done or waived with a reason (so the recheck that may follow
 * finds none open); rejection needs comments.
 */
export function review({ matter: m, today }: CommandContext, a: ActionOf<'review'>): EventDraft {
  if (a.approved) {
    const checklist = checklistOf(a.checklist, true) as ReviewChecklist;
    const unmet = reviewChecklistItems.filter((i) => !checklist[i]).map((i) => reviewChecklistLabels[i]);
    if (unmet.length) throw broken(`审结标准未全部满足（${unmet.join('、')}），不能审核通过`);
    if (!m.recheckRequired) assertChildrenClosed(m);
    const waived = settleForClosing(m, a.waivers);
    const payload = waived.length ? { approved: true as const, checklist, waived } : { approved: true as const, checklist };
    return { type: 'reviewed', payload, state: m.recheckRequired ? 'rechecking' : 'closed' };
  }
  requireComment(a, '退回重办意见');
  const checklist = checklistOf(a.checklist, false);
  return { type: 'reviewed', payload: { approved: false, checklist, change: reworkDeadline(m, a.deadline, today) }, state: 'in_progress' };
}

export function recheck({ matter: m, today }: CommandContext, a: ActionOf<'recheck'>): EventDraft {
  if (a.passed) {
    assertChildrenClosed(m);
    const waived = settleForClosing(m, a.waivers);
    return { type: 'rechecked', payload: waived.length ? { passed: true, waived } : { passed: true }, state: 'closed' };
  }
  requireComment(a, '复核未通过的情况');
  return { type: 'rechecked', payload: { passed: false, change: reworkDeadline(m, a.deadline, today) }, state: 'in_progress' };
}

/**
 * 回头看 on a closed matter, from its due day or early with a reason: pass,
 * or a regression that reopens it (counted as a recheck failure).
 */
export function lookBack({ matter: m, today, settings }: CommandContext, a: ActionOf<'look_back'>): EventDraft {
  const early = lookBackTiming(m, a, today, settings);
  const when = early ? { early } : {};
  if (a.passed) return { type: 'looked_back', payload: { passed: true, ...when }, state: 'closed' };
  requireComment(a, '重新办理的理由');
  return { type: 'looked_back', payload: { passed: false, change: reworkDeadline(m, a.deadline, today), ...when }, state: 'in_progress' };
}

/** 问责移交 on a recorded ground (closing.ts), with the reason and the recipients. */
export function referAccountability({ matter: m, today, calendar }: CommandContext, a: ActionOf<'refer_accountability'>): EventDraft {
  const ground = referralGround(m, a.ground, today, calendar);
  const reason = requireText(a.reason, '问责移交的理由');
  const recipients = requireIds(a.recipients, '移交对象');
  if (!recipients.length) throw invalid('请选择移交对象');
  const unknown = recipients.filter((r) => !(referralRecipients as readonly string[]).includes(r));
  if (unknown.length) throw invalid('移交对象只能是纪检监察机关或组织部门');
  return {
    type: 'accountability_referred',
    payload: { reason, recipients: recipients as (typeof referralRecipients)[number][], ground },
    state: m.state,
  };
}
