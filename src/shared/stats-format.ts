import type { SupervisionStats } from './supervision';

/**
 * How the statistics read, the same on the page, in the .xlsx and in the
 * bulletin. A rate with nothing due (no matter closed or overdue in the
 * period) is null and reads as a dash: "0.0%" would say every matter was
 * late when none was due.
 */
export const NO_FIGURE = '—';

/** Percent with one decimal (0.5 → "50.0%"), or a dash when there is no rate. */
export const fmtRate = (r: number | null): string => (r === null || !Number.isFinite(r) ? NO_FIGURE : `${(r * 100).toFixed(1)}%`);

/** Mean working days with one decimal, or a dash when nothing was closed. */
export const fmtAvg = (a: number | null): string => (a === null || !Number.isFinite(a) ? NO_FIGURE : a.toFixed(1));

export type StatsKey = keyof SupervisionStats;

export interface StatsColumn {
  key: StatsKey;
  header: string;
  /** how the figure is a number: a count, a rate (0–1) or a mean */
  kind: 'count' | 'rate' | 'mean';
}

/** The figures in the order every table shows them; headers as in the bulletin. */
export const statsColumns: readonly StatsColumn[] = [
  { key: 'assigned', header: '交办', kind: 'count' },
  { key: 'closed', header: '办结', kind: 'count' },
  { key: 'closedOnTimeOriginal', header: '按原定期限办结', kind: 'count' },
  { key: 'closedOnTimeApproved', header: '按批准期限办结', kind: 'count' },
  { key: 'overdue', header: '逾期', kind: 'count' },
  { key: 'onTimeRate', header: '按时办结率', kind: 'rate' },
  { key: 'avgWorkingDaysToClose', header: '平均办结用时（工作日）', kind: 'mean' },
  { key: 'returns', header: '退回', kind: 'count' },
  { key: 'extensions', header: '批准延期', kind: 'count' },
  { key: 'recheckFailures', header: '复核未通过', kind: 'count' },
  { key: 'lookBackFailures', header: '回头看未通过', kind: 'count' },
];

/** One figure as text. */
export function fmtFigure(s: SupervisionStats, c: StatsColumn): string {
  const v = s[c.key];
  if (c.kind === 'rate') return fmtRate(v);
  if (c.kind === 'mean') return fmtAvg(v);
  return String(v);
}
