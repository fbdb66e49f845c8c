import { chinaDateOf, type IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { Matter } from './types';

/**
 * 时限重算 when a year's State Council notice is loaded. A deadline is
 * resolved once, at assignment, and stays — but one counted in working days
 * across a provisional year was counted on the statutory days alone, without
 * the notice's 调休; once the notice is in, the same rule from the same day
 * gives the deadline the unit should have had. Only a deadline that is
 * still the one its rule gave (not since extended, resumed or set for
 * rework: those were decided as dates by a person) is recounted, and with
 * the calendar as it now is. The service asks only after loading a notice;
 * a local override never triggers it, so it never moves a given deadline.
 */
export function recalculatedDeadline(m: Matter, calendar: WorkCalendar): { deadline: IsoDate } | { problem: string } {
  const rule = m.deadlineRule;
  if (rule?.kind !== 'working_days') return { problem: '完成时限不是按工作日计算的，无需重算' };
  if (m.assignedAt === null || m.deadline === null) return { problem: '事项尚未交办' };
  if (m.deadline !== m.originalDeadline) return { problem: '完成时限已经延期、恢复或重新设定，不按规则重算' };
  const deadline = calendar.addWorkingDays(chinaDateOf(new Date(m.assignedAt)), rule.days);
  return deadline === m.deadline ? { problem: '按现行工作日历重算，完成时限不变' } : { deadline };
}

/** Payload-free, for precondition(): why no recalculation applies, or null. */
export function recalculationProblem(m: Matter, calendar: WorkCalendar): string | null {
  const r = recalculatedDeadline(m, calendar);
  return 'problem' in r ? r.problem : null;
}
