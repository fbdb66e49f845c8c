import { AppError } from '../../errors';

/** A China local calendar date, 'YYYY-MM-DD'. Never a Date: a Date is an instant and shifts with time zones. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parts(s: string): [number, number, number] | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

/** True for a real Gregorian date written exactly as 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parts(s) !== null;
}

export function invalidDate(s: unknown): AppError {
  return new AppError('VALIDATION_FAILED', `日期“${String(s)}”无效：应为 YYYY-MM-DD 格式的有效日期`);
}

/**
 * Days since 1970-01-01, by integer arithmetic (H. Hinnant's days_from_civil)
 * rather than Date, so the process time zone can never move a day.
 */
export function toDayNumber(s: string): number {
  const p = parts(s);
  if (!p) throw invalidDate(s);
  const [d, m] = [p[2], p[1]];
  const y = m <= 2 ? p[0] - 1 : p[0];
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of toDayNumber (civil_from_days). */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new AppError('VALIDATION_FAILED', '日期超出可计算的范围（公元 1 年至 9999 年）');
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const addDays = (s: string, n: number): IsoDate => fromDayNumber(toDayNumber(s) + n);

/** 0 = Sunday … 6 = Saturday; day number 0 (1970-01-01) was a Thursday. */
export const weekdayOfDayNumber = (n: number): number => (((n + 4) % 7) + 7) % 7;

export const isWeekendDayNumber = (n: number): boolean => {
  const wd = weekdayOfDayNumber(n);
  return wd === 0 || wd === 6;
};

/** The year of a valid date string. */
export const yearOf = (s: string): number => {
  const p = parts(s);
  if (!p) throw invalidDate(s);
  return p[0];
};

/** The date on the wall calendar in China at an instant (e.g. clock.now()). */
export function chinaDateOf(instant: Date): IsoDate {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new AppError('VALIDATION_FAILED', '时间无效');
  return fromDayNumber(Math.floor((t + CHINA_OFFSET_MS) / MS_PER_DAY));
}
