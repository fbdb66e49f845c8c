import { lookBackReasons, type ReminderTrigger } from '../../../shared/supervision';
import { AppError } from '../../errors';
import type { ActionOf } from './actions';
import { nextProgressDue } from './clock';
import { broken, deadlineOf, type CommandContext, type EventDraft } from './command-context';
import { recalculatedDeadline } from './recalculation';
import { requireId } from './validate';

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message);

/**
 * 催办, numbered per matter (第 n 次催办). A supervisor's is manual; the
 * sweeper's name their trigger and are sent once per deadline (or progress
 * due date), which decide() enforces as well as the sweeper.
 */
export function remind(ctx: CommandContext, a: ActionOf<'remind'>): EventDraft {
  const { matter: m, party, today, calendar } = ctx;
  const trigger: ReminderTrigger = a.trigger ?? 'manual';
  const number = m.counts.reminders + 1;
  const base = { number, deadline: m.deadline, progressDue: null };
  if (party !== 'system') {
    if (trigger !== 'manual') throw invalid('自动催办只能由系统发出');
    return { type: 'reminded', payload: { ...base, trigger }, state: m.state };
  }
  const deadline = deadlineOf(m);
  switch (trigger) {
    case 'yellow':
      if (today > deadline) throw broken('事项已逾期，应发红灯催办');
      if (m.sweep.yellowRemindedFor === deadline || m.sweep.redRemindedFor === deadline) throw broken('已就当前时限自动催办');
      return { type: 'reminded', payload: { ...base, trigger }, state: m.state };
    case 'red':
      if (today <= deadline) throw broken('事项未逾期');
      if (m.sweep.redRemindedFor === deadline) throw broken('已就当前时限发出红灯催办');
      return { type: 'reminded', payload: { ...base, trigger }, state: m.state };
    case 'progress_late': {
      const due = nextProgressDue(m, calendar);
      if (due === null || today <= due) throw broken('进展反馈未逾期');
      if (m.sweep.progressRemindedFor === due) throw broken('已就本次进展反馈催办');
      return { type: 'reminded', payload: { ...base, trigger, progressDue: due }, state: m.state };
    }
    default:
      throw invalid('系统催办应注明触发原因');
  }
}

export function escalate({ matter: m, today, calendar }: CommandContext): EventDraft {
  const deadline = deadlineOf(m);
  const overdueWorkingDays = calendar.workingDaysBetween(deadline, today);
  return { type: 'escalated', payload: { deadline, overdueWorkingDays, leaderId: m.instructingLeaderId }, state: m.state };
}

export function markLookBackDue({ matter: m }: CommandContext, a: ActionOf<'mark_look_back_due'>): EventDraft {
  if (!lookBackReasons.includes(a.reason)) throw invalid('回头看的原因无效');
  return { type: 'look_back_due', payload: { reason: a.reason, closedAt: m.closedAt ?? '' }, state: m.state };
}

/** 时限重算 after a year's notice was loaded (recalculation.ts); the timeline shows `reason`. */
export function recalculateDeadline({ matter: m, calendar }: CommandContext, a: ActionOf<'recalculate_deadline'>): EventDraft {
  if (!Number.isInteger(a.year) || a.year < 1900 || a.year > 2100) throw invalid('载入节假日安排的年份无效');
  const r = recalculatedDeadline(m, calendar);
  if ('problem' in r) throw broken(r.problem);
  return {
    type: 'deadline_recalculated',
    payload: { oldDeadline: m.deadline, newDeadline: r.deadline, year: a.year, reason: `${a.year} 年节假日安排已载入` },
    state: m.state,
  };
}

type ChildAction = ActionOf<'link_child' | 'unlink_child' | 'child_closed' | 'child_reopened'>;

/**
 * Bookkeeping of sub-matters on the parent, taken by the system in the same
 * transaction as the child's own action, so the parent's version guards the
 * "close only when every child is closed" rule against races.
 */
export function childAction({ matter: m }: CommandContext, a: ChildAction): EventDraft {
  const childId = requireId(a.childId, '子事项');
  const child = m.children.find((c) => c.id === childId);
  const payload = { childId };
  switch (a.type) {
    case 'link_child':
      if (childId === m.id) throw broken('事项不能是自己的子事项');
      if (child) throw broken('该子事项已关联');
      return { type: 'child_linked', payload, state: m.state };
    case 'unlink_child':
      if (!child) throw broken('没有该子事项');
      return { type: 'child_unlinked', payload, state: m.state };
    case 'child_closed':
      if (!child?.open) throw broken('该子事项不是未办结的子事项');
      return { type: 'child_closed', payload, state: m.state };
    case 'child_reopened':
      if (!child || child.open) throw broken('该子事项不是已办结的子事项');
      return { type: 'child_reopened', payload, state: m.state };
  }
}
