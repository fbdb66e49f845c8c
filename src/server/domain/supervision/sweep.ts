import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import { addDays, type IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { MatterAction } from './actions';
import { defaultSupervisionSettings, lateMilestones, nextProgressDue, type SupervisionSettings } from './clock';
import { dayOf } from './evolve';
import type { Matter } from './types';

/** Look-back delay for a matter: the earliest of its categories' settings, else the default. */
export function lookBackDaysFor(matter: Pick<Matter, 'categories'>, settings: SupervisionSettings): number {
  const own = matter.categories.map((c) => settings.lookBackDaysByCategory[c]).filter((d): d is number => d !== undefined);
  return own.length ? Math.min(...own) : settings.lookBackDays;
}

/** The day a closed matter's scheduled look-back falls due (calendar days after closing); null when not closed. */
export function lookBackDueOn(matter: Matter, settings: SupervisionSettings): IsoDate | null {
  return matter.closedAt === null ? null : addDays(dayOf(matter.closedAt), lookBackDaysFor(matter, settings));
}

/**
 * What the sweeper must do for one matter today: system actions to pass,
 * one by one, to decide() with SYSTEM_ACTOR. Each is keyed in the matter's
 * sweep memory (by deadline, progress due date or closure), so once they are
 * recorded the same call returns nothing: the sweep is idempotent.
 *
 * - 催办 once at yellow (few working days left, or a milestone late) and
 *   once at red, per deadline in force; a matter found already red gets
 *   only the red one.
 * - 催办 once per late progress report (per due date).
 * - escalation to the supervisor and the instructing leader once red for
 *   `escalateAfterRedWorkingDays` working days, per deadline in force.
 * - look-back due `lookBackDays` calendar days after closing, once per closure.
 */
export function sweep(
  matter: Matter,
  today: IsoDate,
  calendar: WorkCalendar,
  settings: SupervisionSettings = defaultSupervisionSettings,
): MatterAction[] {
  const out: MatterAction[] = [];
  const { deadline, sweep: memory } = matter;
  if (matter.state === 'closed') {
    const dueOn = lookBackDueOn(matter, settings);
    const recorded = matter.lookBackDue !== null || memory.lookBackFor === matter.closedAt;
    if (dueOn !== null && today >= dueOn && !recorded) out.push({ type: 'mark_look_back_due', reason: 'scheduled' });
    return out;
  }
  if ((matter.state !== 'assigned' && matter.state !== 'in_progress') || deadline === null) return out;
  if (today > deadline) {
    if (memory.redRemindedFor !== deadline) out.push({ type: 'remind', trigger: 'red' });
    const overdue = calendar.workingDaysBetween(deadline, today);
    if (overdue >= settings.escalateAfterRedWorkingDays && memory.escalatedFor !== deadline) out.push({ type: 'escalate' });
  } else {
    const near = calendar.workingDaysBetween(today, deadline) <= settings.yellowWorkingDays;
    const sent = memory.yellowRemindedFor === deadline || memory.redRemindedFor === deadline;
    if ((near || lateMilestones(matter, today).length > 0) && !sent) out.push({ type: 'remind', trigger: 'yellow' });
  }
  const due = nextProgressDue(matter, calendar);
  if (due !== null && today > due && memory.progressRemindedFor !== due) out.push({ type: 'remind', trigger: 'progress_late' });
  return out;
}

/**
 * The first day on which sweep() has something to do for this matter, or
 * null when it never will in the matter's present state. Kept on the matter
 * row (sweep_due) and recomputed with every write, so the daily job reads
 * only the matters that are due instead of every open one. Work once due
 * stays due until it is recorded (a yellow reminder not sent by the deadline
 * gives way to the red one), so sweep(m, d) is non-empty exactly for
 * d ≥ nextSweepOn(m); the tests check both directions day by day.
 */
export function nextSweepOn(
  matter: Matter,
  calendar: WorkCalendar,
  settings: SupervisionSettings = defaultSupervisionSettings,
): IsoDate | null {
  const { deadline, sweep: memory } = matter;
  if (matter.state === 'closed') {
    const recorded = matter.lookBackDue !== null || memory.lookBackFor === matter.closedAt;
    return recorded ? null : lookBackDueOn(matter, settings);
  }
  if ((matter.state !== 'assigned' && matter.state !== 'in_progress') || deadline === null) return null;
  const days: IsoDate[] = [];
  if (memory.redRemindedFor !== deadline) {
    days.push(addDays(deadline, 1));
    if (memory.yellowRemindedFor !== deadline) {
      days.push(firstDayWithin(deadline, settings.yellowWorkingDays, calendar));
      for (const ms of matter.milestones) if (!ms.doneAt && !ms.waived) days.push(addDays(ms.deadline, 1));
    }
  }
  if (memory.escalatedFor !== deadline) {
    const escalateOn = calendar.addWorkingDays(deadline, settings.escalateAfterRedWorkingDays);
    days.push(escalateOn > deadline ? escalateOn : addDays(deadline, 1));
  }
  const due = nextProgressDue(matter, calendar);
  if (due !== null && memory.progressRemindedFor !== due) days.push(addDays(due, 1));
  return days.length ? days.sort()[0]! : null;
}

/**
 * The first day from which at most n working days are left until the
 * deadline (the deadline itself when n = 0): where a matter turns yellow.
 */
export function firstDayWithin(deadline: IsoDate, n: number, calendar: WorkCalendar): IsoDate {
  let day = deadline;
  // workingDaysBetween(d, deadline) only grows as d moves back; 400 days is beyond any setting.
  for (let i = 0; i < 400; i++) {
    const before = addDays(day, -1);
    if (calendar.workingDaysBetween(before, deadline) > n) break;
    day = before;
  }
  return day;
}

/**
 * A deterministic random sample of closed matters for 回头看: ceil(percent %)
 * of them (so any non-zero share of a non-empty list picks at least one),
 * chosen by the SHA-256 of seed and id. The same ids and seed always give
 * the same sample, whatever their order; a new seed (e.g. the quarter) a new one.
 */
export function sampleLookBacks(closedMatterIds: readonly string[], percent: number, seed: string): string[] {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new AppError('VALIDATION_FAILED', '抽查比例应在 0 到 100 之间');
  }
  const ids = [...new Set(closedMatterIds)];
  const take = Math.ceil((ids.length * percent) / 100);
  const rank = (id: string) => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');
  return ids
    .map((id) => ({ id, r: rank(id) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .slice(0, take)
    .map((x) => x.id)
    .sort();
}
