import { AppError } from '../../errors';
import { fromDayNumber, invalidDate, isIsoDate, isWeekendDayNumber, toDayNumber, yearOf, type IsoDate } from './dates';
import { officialHolidays, type OfficialHolidays } from './official-data';
import { FIRST_STATUTORY_YEAR, statutoryDaysOff } from './statutory-holidays';

export type OverrideKind = 'holiday' | 'workday';

/** A local change to the official schedule (e.g. a county-only day off), kept in the database. */
export interface CalendarOverride {
  date: IsoDate;
  kind: OverrideKind;
  note: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';
export type DaySource = 'official' | 'override' | 'provisional';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** adjusted_workday: a day that would be off (weekend or official holiday) but is worked (调休) */
  kind: DayKind;
  /** the holiday's name, or the override's note */
  name?: string;
  /**
   * provisional: a day in a year whose notice is not in the data — a statutory
   * holiday computed from the 放假办法, or an ordinary day whose 调休 is unknown
   */
  source: DaySource;
}

export interface YearStatus {
  year: number;
  provisional: boolean;
  /** the year's State Council notice (the first one when a later notice amended it) */
  source?: string;
  notices: readonly string[];
}

interface Entry {
  working: boolean;
  name: string;
  source: DaySource;
}

/**
 * Provisional years in this range get the 放假办法's statutory days off
 * (statutory-holidays.ts); the API plans no deadline past 2100, and later
 * years stay plain Monday–Friday rather than cost the lunar computation.
 */
const LAST_STATUTORY_YEAR = 2100;
/** A provisional holiday's name says it is computed, not announced. */
export const PROVISIONAL_NAME_SUFFIX = '（按放假办法推算）';

/** Far beyond any real deadline; stops a bad argument from spinning the event loop through centuries. */
const MAX_WORKING_DAYS_STEP = 100_000;

/**
 * Working days (工作日) in China: Monday–Friday, minus official holidays, plus
 * the weekend days worked in their place (调休), then local overrides on top.
 * Years without official data (provisional) count the statutory days off the
 * 放假办法 fixes — 元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆 and
 * their 补假 — and say so; only their 调休 is unknown. Immutable: build a new
 * one when the overrides or the loaded official years change.
 */
export class WorkCalendar {
  private readonly overrides = new Map<number, Entry>();
  /** the official and provisional statutory days, shared by every calendar on this data set */
  private readonly base: Base;
  /** the overrides' day numbers, sorted */
  private readonly overrideDays: number[];

  constructor(
    private readonly data: OfficialHolidays,
    overrides: readonly CalendarOverride[] = [],
  ) {
    this.base = baseOf(data);
    const seen = new Set<number>();
    for (const o of overrides) {
      const n = toDayNumber(o.date);
      if (seen.has(n)) throw new AppError('VALIDATION_FAILED', `日期 ${o.date} 有多条本地调整`);
      if (o.kind !== 'holiday' && o.kind !== 'workday') throw new AppError('VALIDATION_FAILED', '调整类型只能是放假或上班');
      seen.add(n);
      this.overrides.set(n, { working: o.kind === 'workday', name: o.note, source: 'override' });
    }
    this.overrideDays = [...seen].sort((a, b) => a - b);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.workingOn(toDayNumber(date));
  }

  /**
   * The date n working days after `date`, counting only days after it: a
   * deadline of "1 working day" from the eve of a holiday lands on the first
   * day back. n = 0 means "on or after": the date itself when it is a working
   * day, otherwise the next working day — so a task opened on a holiday is
   * never due on that holiday. For n ≥ 1 a non-working start counts the same
   * as the working day before it (Saturday + 1 = Monday).
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS_STEP) {
      throw new AppError('VALIDATION_FAILED', `工作日天数应为 0 到 ${MAX_WORKING_DAYS_STEP} 之间的整数`);
    }
    let day = toDayNumber(date);
    if (n === 0) {
      while (!this.workingOn(day)) day++;
      return fromDayNumber(day);
    }
    let left = n;
    while (left > 0) {
      day++;
      if (this.workingOn(day)) left--;
    }
    return fromDayNumber(day);
  }

  /**
   * The number of working days d with a < d ≤ b: how many working days have
   * passed from a to b. 0 when a = b; negative (−workingDaysBetween(b, a))
   * when b is before a, e.g. the days a deadline is overdue. For a working
   * day a, workingDaysBetween(a, addWorkingDays(a, n)) = n.
   * Counts weekdays arithmetically and corrects for listed days, so a span
   * of decades costs no more than a week.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const [from, to] = [toDayNumber(a), toDayNumber(b)];
    // `0 -` and not unary minus: an empty span backwards is 0, never -0.
    if (to < from) return 0 - this.countAfter(to, from);
    return this.countAfter(from, to);
  }

  dayInfo(date: IsoDate): DayInfo {
    const n = toDayNumber(date);
    const weekend = isWeekendDayNumber(n);
    const e = this.entryAt(n);
    if (!e) {
      const source = this.yearStatus(yearOf(date)).provisional ? 'provisional' : 'official';
      return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', source };
    }
    const offWithoutIt = e.source === 'override' ? !this.baseWorking(n) : weekend;
    const kind: DayKind = !e.working ? 'holiday' : offWithoutIt ? 'adjusted_workday' : 'workday';
    return { date, working: e.working, kind, name: e.name, source: e.source };
  }

  /** Whether the year's official schedule is known; overrides do not make a year official. */
  yearStatus(year: number): YearStatus {
    assertYear(year);
    const notices = this.data.notices.get(year) ?? [];
    return notices.length ? { year, provisional: false, source: notices[0], notices } : { year, provisional: true, notices };
  }

  /** The year's listed days in date order: official (or provisional statutory) holidays and 调休 days, and every override. */
  specialDays(year: number): DayInfo[] {
    assertYear(year);
    const [first, last] = [toDayNumber(`${pad4(year)}-01-01`), toDayNumber(`${pad4(year)}-12-31`)];
    this.base.cover(first, last);
    const within = (list: readonly number[]) => list.slice(lowerBound(list, first), lowerBound(list, last + 1));
    const days = [...new Set([...within(this.base.listed), ...within(this.overrideDays)])].sort((a, b) => a - b);
    return days.map((n) => this.dayInfo(fromDayNumber(n)));
  }

  private workingOn(n: number): boolean {
    const e = this.entryAt(n);
    return e ? e.working : !isWeekendDayNumber(n);
  }

  private entryAt(n: number): Entry | undefined {
    return this.overrides.get(n) ?? this.base.at(n);
  }

  /** Working or not by the official data (or the provisional statutory days) alone, ignoring overrides. */
  private baseWorking(n: number): boolean {
    const e = this.base.at(n);
    return e ? e.working : !isWeekendDayNumber(n);
  }

  private countAfter(from: number, to: number): number {
    let count = weekdaysBefore(to + 1) - weekdaysBefore(from + 1);
    const correct = (n: number) => Number(this.workingOn(n)) - Number(!isWeekendDayNumber(n));
    this.base.cover(from + 1, to);
    const listed = this.base.listed;
    for (let i = lowerBound(listed, from + 1); i < listed.length && listed[i]! <= to; i++) {
      if (!this.overrides.has(listed[i]!)) count += correct(listed[i]!);
    }
    const own = this.overrideDays;
    for (let i = lowerBound(own, from + 1); i < own.length && own[i]! <= to; i++) count += correct(own[i]!);
    return count;
  }
}

/**
 * The official days and, for the provisional years, the computed statutory
 * ones: the same for every calendar built on one data set, so kept once per
 * data set — a calendar is built per request, with that request's overrides.
 * The statutory days are computed a year at a time as the calendar is first
 * asked about it (the lunar computation costs a few milliseconds a year), the
 * covered years always one contiguous run, so a day inside it needs no check.
 */
class Base {
  private readonly days = new Map<number, Entry>();
  /** sorted day numbers that differ from, or may differ from, plain Monday–Friday */
  listed: number[];
  /** the covered run of years, as day numbers (empty until first asked) */
  private lo = Infinity;
  private hi = -Infinity;

  constructor(private readonly data: OfficialHolidays) {
    for (const d of data.days) this.days.set(toDayNumber(d.date), { working: !d.off, name: d.name, source: 'official' });
    this.listed = [...this.days.keys()].sort((a, b) => a - b);
  }

  at(n: number): Entry | undefined {
    if (n < this.lo || n > this.hi) this.cover(n, n);
    return this.days.get(n);
  }

  /** Makes sure the statutory days of every year from a's to b's are in. */
  cover(a: number, b: number): void {
    if (a >= this.lo && b <= this.hi) return;
    const [ya, yb] = [yearOfDayNumber(Math.min(a, this.lo)), yearOfDayNumber(Math.max(b, this.hi))];
    const added: number[] = [];
    for (let year = Math.max(ya, FIRST_STATUTORY_YEAR); year <= Math.min(yb, LAST_STATUTORY_YEAR); year++) {
      if (this.coveredYear(year) || this.data.notices.get(year)?.length) continue;
      for (const d of statutoryDaysOff(year)) {
        const n = toDayNumber(d.date);
        // A neighbouring year's notice may already have said what this day is.
        if (this.days.has(n)) continue;
        this.days.set(n, { working: false, name: `${d.holiday}${d.inLieu ? '补假' : ''}${PROVISIONAL_NAME_SUFFIX}`, source: 'provisional' });
        added.push(n);
      }
    }
    if (added.length) this.listed = [...this.listed, ...added].sort((x, y) => x - y);
    this.lo = ya <= 1 ? -Infinity : toDayNumber(`${pad4(ya)}-01-01`);
    this.hi = yb >= 9999 ? Infinity : toDayNumber(`${pad4(yb)}-12-31`);
  }

  private coveredYear(year: number): boolean {
    return this.lo !== Infinity && yearOfDayNumber(this.lo) <= year && year <= yearOfDayNumber(this.hi);
  }
}

/** The year of a day number; ±Infinity (an open end of the covered run) as the first or last year there is. */
function yearOfDayNumber(n: number): number {
  if (n === Infinity) return 9999;
  if (n === -Infinity) return 1;
  return yearOf(fromDayNumber(n));
}

const bases = new WeakMap<OfficialHolidays, Base>();
function baseOf(data: OfficialHolidays): Base {
  let base = bases.get(data);
  if (!base) {
    base = new Base(data);
    bases.set(data, base);
  }
  return base;
}

/** The calendar from the bundled official data plus the given overrides. */
export function buildWorkCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  return new WorkCalendar(officialHolidays, overrides);
}

export function assertDate(date: unknown): asserts date is IsoDate {
  if (!isIsoDate(date)) throw invalidDate(date);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new AppError('VALIDATION_FAILED', `年份“${year}”无效`);
}

const pad4 = (y: number) => String(y).padStart(4, '0');

/** Weekdays among day numbers below x. Day 0 is a Thursday, so offsets 0–6 run Thu Fri Sat Sun Mon Tue Wed. */
const WEEKDAYS_IN_PARTIAL_WEEK = [0, 1, 2, 2, 2, 3, 4] as const;
function weekdaysBefore(x: number): number {
  const weeks = Math.floor(x / 7);
  return weeks * 5 + WEEKDAYS_IN_PARTIAL_WEEK[x - weeks * 7]!;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
