import { z } from 'zod';
import { toDayNumber } from '../../domain/calendar/dates';

const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD 的有效日期');

/**
 * Longest period one request may ask for: the load is bounded by the
 * period (see stats-repo.ts), so an unbounded one would replay the whole
 * history on every call.
 */
export const MAX_PERIOD_DAYS = 3 * 366;

type Period = { from: string; to: string };

/** What is wrong with a period of valid dates, in Chinese; null when from ≤ to and it is at most MAX_PERIOD_DAYS long. */
export function periodProblem(q: Period): string | null {
  if (q.from > q.to) return '起始日期不能晚于结束日期';
  if (toDayNumber(q.to) - toDayNumber(q.from) >= MAX_PERIOD_DAYS) return `统计期间不能超过 ${MAX_PERIOD_DAYS} 天`;
  return null;
}

export function checkPeriod<T extends Period>(q: T, ctx: z.RefinementCtx): void {
  const problem = periodProblem(q);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['to'] });
}

export const statsQuery = z
  .strictObject({ from: isoDate, to: isoDate, unitId: z.uuid('单位编号格式不正确').optional() })
  .superRefine(checkPeriod);

/** Either end may be left out; the board fills them in (see buildBoard) and checks the period then. */
export const boardQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export const periodBody = { from: isoDate, to: isoDate };
