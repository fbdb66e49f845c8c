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

/** from ≤ to and at most MAX_PERIOD_DAYS long, with Chinese messages. */
export function checkPeriod<T extends Period>(q: T, ctx: z.RefinementCtx): void {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', message: '起始日期不能晚于结束日期', path: ['to'] });
  else if (toDayNumber(q.to) - toDayNumber(q.from) >= MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', message: `统计期间不能超过 ${MAX_PERIOD_DAYS} 天`, path: ['to'] });
}

export const statsQuery = z
  .strictObject({ from: isoDate, to: isoDate, unitId: z.uuid('单位编号格式不正确').optional() })
  .superRefine(checkPeriod);

/** The board's period defaults to the current year up to today. */
export const boardQuery = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to) checkPeriod({ from: q.from, to: q.to }, ctx);
  });

export const periodBody = { from: isoDate, to: isoDate };
