import type { Light, MatterState } from '../../../shared/supervision';
import { AppError } from '../../errors';
import type { IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { DeadlineRule, Matter } from './types';

/** Local practice, so settings with these defaults (PRODUCT.md, issue 3), not constants. */
export interface SupervisionSettings {
  /** yellow when at most this many working days are left */
  yellowWorkingDays: number;
  /** escalate to the supervisor and the instructing leader once red for this many working days */
  escalateAfterRedWorkingDays: number;
  /** look-back due this many calendar days after closing, unless the category says otherwise */
  lookBackDays: number;
  /** per-category look-back days; a matter with several categories takes the earliest */
  lookBackDaysByCategory: Readonly<Record<string, number>>;
  /** share (%) of each quarter's closed matters drawn for a random look-back */
  lookBackSamplePercent: number;
}

export const defaultSupervisionSettings: SupervisionSettings = Object.freeze({
  yellowWorkingDays: 3,
  escalateAfterRedWorkingDays: 3,
  lookBackDays: 30,
  lookBackDaysByCategory: Object.freeze({}),
  lookBackSamplePercent: 10,
});

/** States in which the unit's clock runs (a return under assessment included: PRODUCT.md). */
export const clockStates: readonly MatterState[] = ['assigned', 'assessing', 'in_progress'];

/**
 * The deadline a rule gives for an assignment made on `assignedOn`: the date
 * itself, or N working days after that day (2026-09-29 + 3 = 2026-10-09
 * across the National Day holidays).
 */
export function resolveDeadline(rule: DeadlineRule, assignedOn: IsoDate, calendar: WorkCalendar): IsoDate {
  if (rule.kind === 'date') return rule.date;
  if (rule.kind === 'working_days') return calendar.addWorkingDays(assignedOn, rule.days);
  throw new AppError('VALIDATION_FAILED', '完成时限的类型只能是日期或工作日');
}

/**
 * Working days left until the deadline: the working days after today up to
 * and including the deadline, so 0 on the deadline day itself and negative
 * once overdue (−1 on the first working day after it). null without a deadline.
 */
export function workingDaysLeft(matter: Pick<Matter, 'deadline'>, today: IsoDate, calendar: WorkCalendar): number | null {
  return matter.deadline === null ? null : calendar.workingDaysBetween(today, matter.deadline);
}

/**
 * The day by which the lead unit's next progress report is due: the cadence
 * counted in working days from acceptance, the last lead-unit report, or the
 * last restart (resume, send-back). Only while in progress; null otherwise
 * or without a cadence.
 */
export function nextProgressDue(matter: Matter, calendar: WorkCalendar): IsoDate | null {
  if (matter.state !== 'in_progress' || matter.progressCadenceDays === null || matter.progressClockFrom === null) return null;
  return calendar.addWorkingDays(matter.progressClockFrom, matter.progressCadenceDays);
}

export const isProgressLate = (matter: Matter, today: IsoDate, calendar: WorkCalendar): boolean => {
  const due = nextProgressDue(matter, calendar);
  return due !== null && today > due;
};

export const lateMilestones = (matter: Matter, today: IsoDate) =>
  matter.milestones.filter((ms) => !ms.doneAt && !ms.waived && ms.deadline < today);

/**
 * 红黄绿灯, the one definition used by the API, the UI, statistics and the sweeper.
 *
 * - none: draft (no deadline yet), suspended (the clock is stopped), closed
 *   (finished; whether on time is for statistics).
 * - reviewing / rechecking: frozen at the submission, because the office now
 *   holds the matter: red when the completion reached the office after the
 *   deadline, else green.
 * - assigned / assessing / in_progress: red when today is after the deadline;
 *   yellow when at most `yellowWorkingDays` working days are left, a progress
 *   report is late, or a milestone is past its date and not done; else green.
 */
export function light(
  matter: Matter,
  today: IsoDate,
  calendar: WorkCalendar,
  settings: SupervisionSettings = defaultSupervisionSettings,
): Light {
  if (matter.deadline === null) return 'none';
  if (matter.state === 'reviewing' || matter.state === 'rechecking') {
    return matter.completedOn !== null && matter.completedOn > matter.deadline ? 'red' : 'green';
  }
  if (!clockStates.includes(matter.state)) return 'none';
  if (today > matter.deadline) return 'red';
  const left = calendar.workingDaysBetween(today, matter.deadline);
  if (left <= settings.yellowWorkingDays) return 'yellow';
  if (isProgressLate(matter, today, calendar) || lateMilestones(matter, today).length > 0) return 'yellow';
  return 'green';
}
