import dayjs, { type Dayjs } from 'dayjs';

/** How the period is picked: a calendar month, quarter or year, or any range the API allows. */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export const periodKindLabels: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度', custom: '自定义' };

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The whole month, quarter or year containing `d`; for custom, the year to `d` (the usual first question). */
export function periodOf(kind: PeriodKind, d: Dayjs): Period {
  if (kind === 'month') return { kind, from: iso(d.startOf('month')), to: iso(d.endOf('month')) };
  if (kind === 'quarter') {
    const first = d.month(Math.floor(d.month() / 3) * 3).startOf('month');
    return { kind, from: iso(first), to: iso(first.add(2, 'month').endOf('month')) };
  }
  if (kind === 'year') return { kind, from: iso(d.startOf('year')), to: iso(d.endOf('year')) };
  return { kind, from: iso(d.startOf('year')), to: iso(d) };
}

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid();

/** The period a link carries (?period=&from=&to=), else this month; the server checks the dates again. */
export function periodFromSearch(params: URLSearchParams, today: Dayjs = dayjs()): Period {
  const kind = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  const k: PeriodKind = kind === 'quarter' || kind === 'year' || kind === 'custom' ? kind : 'month';
  if (!isDate(from)) return periodOf(k, today);
  if (k !== 'custom') return periodOf(k, dayjs(from));
  return { kind: k, from, to: isDate(to) ? to : from };
}

/** Heading of the period as the office says it: 2026年3月, 2026年第一季度, 2026年, or the two dates. */
export function periodTitle(p: Period): string {
  const d = dayjs(p.from);
  if (p.kind === 'month') return `${d.year()}年${d.month() + 1}月`;
  if (p.kind === 'quarter') return `${d.year()}年第${'一二三四'[Math.floor(d.month() / 3)]}季度`;
  if (p.kind === 'year') return `${d.year()}年`;
  return `${p.from} 至 ${p.to}`;
}
