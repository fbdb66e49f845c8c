import { addDays, toDayNumber, weekdayOfDayNumber, yearOf, type IsoDate } from '../calendar/dates';
import type { DayInfo, WorkCalendar } from '../calendar/work-calendar';
import { resolveDeadline } from './clock';
import type { DeadlineRule } from './types';
import { validateDeadlineRule } from './validate';

/**
 * What a deadline rule would give if the matter were assigned on a day,
 * computed the way 交办 computes it (validateDeadlineRule, then
 * resolveDeadline), so the form's preview and the stored deadline cannot
 * disagree. Pure: the calendar and the day are passed in.
 */
export interface DeadlinePreview {
  from: IsoDate;
  deadline: IsoDate;
  /** 周一 … 周日 */
  weekday: string;
  /** working days after `from` up to and including the deadline */
  workingDays: number;
  /** calendar days from `from` to the deadline */
  calendarDays: number;
  /** holidays and 调休 working days in (from, deadline], in date order */
  holidaysCrossed: DayInfo[];
  /** the years in [from, deadline] whose State Council notice is not in the data */
  provisionalYears: number[];
  provisional: boolean;
  provisionalNote: string | null;
}

const weekdayLabels = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export const weekdayLabelOf = (date: IsoDate): string => weekdayLabels[weekdayOfDayNumber(toDayNumber(date))]!;

export function previewDeadline(rule: DeadlineRule, assignedOn: IsoDate, calendar: WorkCalendar): DeadlinePreview {
  const valid = validateDeadlineRule(rule, assignedOn);
  const deadline = resolveDeadline(valid, assignedOn, calendar);
  const holidaysCrossed: DayInfo[] = [];
  // Day by day through dayInfo rather than specialDays, so days the calendar
  // only infers (a provisional year's statutory holidays) are listed too.
  for (let d = addDays(assignedOn, 1); d <= deadline; d = addDays(d, 1)) {
    const info = calendar.dayInfo(d);
    if (info.kind === 'holiday' || info.kind === 'adjusted_workday') holidaysCrossed.push(info);
  }
  const provisionalYears = provisionalYearsBetween(assignedOn, deadline, calendar);
  return {
    from: assignedOn,
    deadline,
    weekday: weekdayLabelOf(deadline),
    workingDays: calendar.workingDaysBetween(assignedOn, deadline),
    calendarDays: toDayNumber(deadline) - toDayNumber(assignedOn),
    holidaysCrossed,
    provisionalYears,
    provisional: provisionalYears.length > 0,
    provisionalNote: provisionalNoteOf(provisionalYears),
  };
}

/**
 * The years from `from` to `to` (both included) without a State Council
 * notice in the data: a deadline counted across them may move once the
 * notice is out (its 调休 days are not known).
 */
export function provisionalYearsBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number[] {
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  const out: number[] = [];
  for (let y = a; y <= b; y++) if (calendar.yearStatus(y).provisional) out.push(y);
  return out;
}

/** The one wording of the warning, for the preview, the detail page and the ledger. */
export function provisionalNoteOf(years: readonly number[]): string | null {
  if (!years.length) return null;
  const [first, last] = [years[0]!, years[years.length - 1]!];
  const contiguous = last - first === years.length - 1;
  const span = years.length === 1 ? `${first}` : contiguous ? `${first}—${last}` : years.join('、');
  return `${span} 年国务院节假日安排尚未发布：已按《全国年节及纪念日放假办法》推算法定假日，调休未计入，期限可能变动`;
}

/**
 * The warning for a matter's stored deadline: it lies in, or was counted
 * across, a provisional year (counted from the assignment day; without one,
 * the deadline's own year). null when there is no deadline or nothing is provisional.
 */
export function deadlineProvisionalNote(deadline: IsoDate | null, countedFrom: IsoDate | null, calendar: WorkCalendar): string | null {
  if (deadline === null) return null;
  return provisionalNoteOf(provisionalYearsBetween(countedFrom ?? deadline, deadline, calendar));
}
