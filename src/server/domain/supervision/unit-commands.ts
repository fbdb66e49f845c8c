import { AppError } from '../../errors';
import type { ActionOf } from './actions';
import { broken, deadlineOf, requireComment, type CommandContext, type EventDraft } from './command-context';
import { REPORT_MAX, requireDate, requireIds, requireText } from './validate';

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message);

export function reportProgress({ matter: m, actor, party }: CommandContext, a: ActionOf<'report_progress'>): EventDraft {
  const text = requireText(a.text, '进展情况', REPORT_MAX);
  const milestonesDone = a.milestonesDone === undefined ? [] : requireIds(a.milestonesDone, '已完成的节点');
  const lead = party === 'lead_liaison';
  // The lead unit answers for the milestones; a co-unit reports its own part.
  if (milestonesDone.length && !lead) throw broken('只有牵头单位可以填报节点完成情况');
  for (const id of milestonesDone) {
    const ms = m.milestones.find((x) => x.id === id);
    if (!ms) throw invalid(`节点“${id}”不存在`);
    if (ms.doneAt) throw broken(`节点“${ms.title}”已完成`);
  }
  return { type: 'progress_reported', payload: { unitId: actor.unitId ?? '', lead, text, milestonesDone }, state: m.state };
}

/** 申请延期, to a later date; precondition() has checked the deadline has not passed yet. */
export function requestExtension({ matter: m }: CommandContext, a: ActionOf<'request_extension'>): EventDraft {
  const current = deadlineOf(m);
  const requested = requireDate(a.deadline, '申请延期至');
  if (requested <= current) throw broken(`申请延期的日期应晚于当前时限（${current}）`);
  const reason = requireText(a.reason, '延期理由');
  return { type: 'extension_requested', payload: { deadline: current, requested, reason }, state: m.state };
}

/** 报结: the report and its evidence; it reaches the office only after the unit head approves. */
export function submitCompletion({ matter: m }: CommandContext, a: ActionOf<'submit_completion'>): EventDraft {
  const report = requireText(a.report, '办结报告', REPORT_MAX);
  const evidenceIds = requireIds(a.evidenceIds, '佐证材料');
  if (!evidenceIds.length) throw invalid('请至少上传一份佐证材料');
  // Reporting the work done withdraws a pending request for more time.
  const extensionWithdrawn = m.pendingExtension?.requested ?? null;
  return { type: 'completion_submitted', payload: { report, evidenceIds, extensionWithdrawn }, state: m.state };
}

export function approveCompletion({ matter: m }: CommandContext, a: ActionOf<'approve_completion'>): EventDraft {
  if (typeof a.approved !== 'boolean') throw invalid('请选择同意或退回');
  if (!a.approved) requireComment(a, '退回报结的理由');
  return { type: 'completion_decided', payload: { approved: a.approved }, state: a.approved ? 'reviewing' : m.state };
}
