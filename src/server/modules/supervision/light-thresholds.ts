import { addDays, type IsoDate } from '../../domain/calendar/dates';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import { clockStates, firstDayWithin, nextProgressDue, nextSweepOn, type Matter, type SupervisionSettings } from '../../domain/supervision';

export interface LightThresholds {
  lightMode: 'none' | 'red' | 'green' | 'clock';
  yellowFrom: IsoDate | null;
  redFrom: IsoDate | null;
}

/**
 * The domain's light() as two dates, so the ledger can filter and count by
 * light in SQL for any day without the calendar: red from the day after the
 * deadline; yellow from the first day with at most N working days left, the
 * day after a progress report falls due, or the day after a milestone's date.
 * Recomputed with every event; a property test checks it agrees with light().
 */
export function lightThresholds(m: Matter, calendar: WorkCalendar, settings: SupervisionSettings): LightThresholds {
  if (m.deadline === null) return { lightMode: 'none', yellowFrom: null, redFrom: null };
  if (m.state === 'reviewing' || m.state === 'rechecking') {
    const late = m.completedOn !== null && m.completedOn > m.deadline;
    return { lightMode: late ? 'red' : 'green', yellowFrom: null, redFrom: null };
  }
  if (!clockStates.includes(m.state)) return { lightMode: 'none', yellowFrom: null, redFrom: null };
  const yellow = firstDayWithin(m.deadline, settings.yellowWorkingDays, calendar);
  const candidates = [yellow];
  const progressDue = nextProgressDue(m, calendar);
  if (progressDue) candidates.push(addDays(progressDue, 1));
  for (const ms of m.milestones) if (!ms.doneAt) candidates.push(addDays(ms.deadline, 1));
  return { lightMode: 'clock', yellowFrom: candidates.sort()[0]!, redFrom: addDays(m.deadline, 1) };
}

/**
 * Everything stored on a matter row that depends on the calendar and the
 * 督办设置 rather than on the matter alone: recomputed with every write, and
 * for every affected row when either changes (recompute.ts).
 */
export function timings(m: Matter, calendar: WorkCalendar, settings: SupervisionSettings) {
  return { ...lightThresholds(m, calendar, settings), sweepDue: nextSweepOn(m, calendar, settings) };
}
