import { Lunar, Solar } from 'lunar-typescript';
import { fromDayNumber, isWeekendDayNumber, toDayNumber, type IsoDate } from './dates';

/**
 * The statutory days off (法定节假日) of 《全国年节及纪念日放假办法》, computed
 * for a year whose State Council notice (放假安排) is not out yet, so that a
 * provisional year is not a plain Monday–Friday year that falls due on 元旦.
 *
 * 第二条 (as revised by 国务院令第 795 号, in force from 2025-01-01): 元旦 1 day
 * (1-1); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (the day of the 清明
 * solar term); 劳动节 2 days (5-1, 5-2); 端午节 1 day (农历五月初五); 中秋节
 * 1 day (农历八月十五); 国庆节 3 days (10-1..10-3). Before 2025 (the 2013
 * revision, 国务院令第 644 号) 春节 was 初一至初三 and 劳动节 5-1 only.
 *
 * 第六条: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。"
 * So each statutory day on a Saturday or Sunday gets a 补假 on the first
 * weekday after it that is not itself a statutory or 补假 day. Every
 * notice 2019–2026 does exactly that (e.g. 2021 国庆 10-2/10-3 → 10-4/10-5,
 * 2026 清明 4-5 → 4-6), checked in statutory-holidays.test.ts, so a computed
 * 补假 is as certain as the holiday itself. What stays unknown until the
 * notice is 调休: which weekend days are worked to lengthen a break, and the
 * extra days off they buy — a provisional deadline can still move by those.
 */
export interface StatutoryDay {
  date: IsoDate;
  /** the holiday's name as the notices write it: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 */
  holiday: string;
  /** a weekday off in place of a statutory day that fell on a weekend (第六条) */
  inLieu: boolean;
}

/** The first year of the 2014 rules this code knows (the 2013 revision); earlier years had others. */
export const FIRST_STATUTORY_YEAR = 2014;
/** The 2024 revision (4-day 春节 from 除夕, 2-day 劳动节) applies from this year. */
const REVISION_2024_FROM = 2025;

const cache = new Map<number, readonly StatutoryDay[]>();

/**
 * The statutory days off of a Gregorian year in date order, 补假 included.
 * Pure and memoised (the lunar computation costs about a millisecond a year).
 */
export function statutoryDaysOff(year: number): readonly StatutoryDay[] {
  if (!Number.isInteger(year) || year < FIRST_STATUTORY_YEAR || year > 9999) {
    throw new RangeError(`statutory holidays are computed from ${FIRST_STATUTORY_YEAR} on, not for ${year}`);
  }
  let days = cache.get(year);
  if (!days) {
    days = compute(year);
    cache.set(year, days);
  }
  return days;
}

function compute(year: number): StatutoryDay[] {
  const revised = year >= REVISION_2024_FROM;
  const named = new Map<number, string>();
  // Where two holidays share a day (中秋 on 10-1 in 2020) the day is off once,
  // named for both; the 办法 grants nothing for the overlap, so neither does this.
  const add = (date: IsoDate, holiday: string) => {
    const n = toDayNumber(date);
    const before = named.get(n);
    named.set(n, before ? `${before}、${holiday}` : holiday);
  };
  add(ymd(year, 1, 1), '元旦');
  const newYear = toDayNumber(lunarToSolar(year, 1, 1));
  for (let i = revised ? -1 : 0; i <= 2; i++) add(fromDayNumber(newYear + i), '春节');
  add(qingming(year), '清明节');
  add(ymd(year, 5, 1), '劳动节');
  if (revised) add(ymd(year, 5, 2), '劳动节');
  add(lunarToSolar(year, 5, 5), '端午节');
  for (const d of [1, 2, 3]) add(ymd(year, 10, d), '国庆节');
  add(lunarToSolar(year, 8, 15), '中秋节');

  const out: StatutoryDay[] = [...named].map(([n, holiday]) => ({ date: fromDayNumber(n), holiday, inLieu: false }));
  const taken = new Set(named.keys());
  for (const n of [...named.keys()].sort((a, b) => a - b)) {
    if (!isWeekendDayNumber(n)) continue;
    let d = n + 1;
    while (isWeekendDayNumber(d) || taken.has(d)) d++;
    taken.add(d);
    out.push({ date: fromDayNumber(d), holiday: named.get(n)!, inLieu: true });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The Gregorian date of a (non-leap) lunar month and day in the lunar year that begins in `year`. */
function lunarToSolar(year: number, month: number, day: number): IsoDate {
  return Lunar.fromYmd(year, month, day).getSolar().toYmd() as IsoDate;
}

/** The day of the 清明 solar term, always in early April (4-4..4-6). */
function qingming(year: number): IsoDate {
  const term = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()['清明'];
  if (!term) throw new Error(`no 清明 solar term found for ${year}`);
  return term.toYmd() as IsoDate;
}

const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
