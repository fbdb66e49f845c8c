import { AppError } from '../../errors';
import { addDays, type IsoDate } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import { clockStates } from './clock';
import type { MatterEvent } from './events';
import { applyEvent, dayOf, replay } from './evolve';
import type { Matter } from './types';
import type { SupervisionStats } from '../../../shared/supervision';

/** The metrics and their one definition live in shared/supervision.ts, where the web app reads them too. */
export type { SupervisionStats };

/** A period of China dates, both ends included, evaluated as known on `asOf` (later events are ignored). */
export interface StatsPeriod {
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
}


interface Closure {
  onTimeOriginal: boolean;
  onTimeApproved: boolean;
  workingDays: number;
}

interface Tally {
  assigned: number;
  returns: number;
  extensions: number;
  recheckFailures: number;
  lookBackFailures: number;
  closures: Map<string, Closure>;
  overdue: Set<string>;
}

const newTally = (): Tally => ({
  assigned: 0,
  returns: 0,
  extensions: 0,
  recheckFailures: 0,
  lookBackFailures: 0,
  closures: new Map(),
  overdue: new Set(),
});

export const emptyStats = (): SupervisionStats => summarize(newTally());

function summarize(t: Tally): SupervisionStats {
  const closures = [...t.closures.values()];
  const decided = new Set([...t.closures.keys(), ...t.overdue]).size;
  const onTimeApproved = closures.filter((c) => c.onTimeApproved).length;
  return {
    assigned: t.assigned,
    closed: closures.length,
    closedOnTimeOriginal: closures.filter((c) => c.onTimeOriginal).length,
    closedOnTimeApproved: onTimeApproved,
    overdue: t.overdue.size,
    onTimeRate: decided ? onTimeApproved / decided : null,
    avgWorkingDaysToClose: closures.length ? closures.reduce((s, c) => s + c.workingDays, 0) / closures.length : null,
    returns: t.returns,
    extensions: t.extensions,
    recheckFailures: t.recheckFailures,
    lookBackFailures: t.lookBackFailures,
  };
}

interface OverdueHit {
  unitId: string;
  assignment: number;
}

/** Whether the matter, as it stood from day `start` to day `last`, was overdue on a day of the period. */
function overdueWithin(m: Matter, start: IsoDate, last: IsoDate, from: IsoDate, end: IsoDate): boolean {
  if (m.deadline === null || !clockStates.includes(m.state)) return false;
  const lo = [start, from, addDays(m.deadline, 1)].reduce((a, b) => (a > b ? a : b));
  const hi = last < end ? last : end;
  return lo <= hi;
}

function tallyMatter(
  events: readonly MatterEvent[],
  period: StatsPeriod,
  end: IsoDate,
  calendar: WorkCalendar,
  talliesOf: (unitId: string) => readonly Tally[],
): void {
  const known = events.filter((e) => dayOf(e.at) <= period.asOf);
  if (!known.length) return;
  let m = replay(known.slice(0, 1));
  const hits: OverdueHit[] = [];
  const voided = new Set<number>();
  let assignment = 0;
  let since = dayOf(known[0]!.at);
  // m, as it stands after an event, holds from that event's day until the day before the next one.
  const segment = (upTo: IsoDate | null) => {
    const last = upTo === null ? end : addDays(upTo, -1);
    if (m.leadUnitId !== null && overdueWithin(m, since, last, period.from, end)) hits.push({ unitId: m.leadUnitId, assignment });
  };
  for (const e of known.slice(1)) {
    if (e.seq !== m.version + 1) throw new AppError('VALIDATION_FAILED', `事项 ${m.id} 的记录不连续`);
    const day = dayOf(e.at);
    segment(day);
    const prev = m;
    m = applyEvent(m, e);
    since = day;
    const inPeriod = day >= period.from && day <= end;
    const lead = prev.leadUnitId;
    if (e.type === 'assigned' || (e.type === 'return_ruled' && e.payload.justified)) {
      if (e.type === 'return_ruled') voided.add(assignment);
      assignment++;
      if (inPeriod) for (const t of talliesOf(m.leadUnitId ?? '')) t.assigned++;
    }
    if (!inPeriod || lead === null) continue;
    const closure: Closure | null =
      m.state === 'closed' && prev.state !== 'closed'
        ? {
            onTimeOriginal: m.originalDeadline !== null && (m.completedOn ?? day) <= m.originalDeadline,
            onTimeApproved: m.deadline !== null && (m.completedOn ?? day) <= m.deadline,
            workingDays: m.assignedAt === null ? 0 : calendar.workingDaysBetween(dayOf(m.assignedAt), day),
          }
        : null;
    for (const t of talliesOf(lead)) {
      if (e.type === 'returned') t.returns++;
      if (e.type === 'extension_decided' && e.payload.approved) t.extensions++;
      if (e.type === 'rechecked' && !e.payload.passed) t.recheckFailures++;
      if (e.type === 'looked_back' && !e.payload.passed) {
        t.recheckFailures++;
        t.lookBackFailures++;
      }
      if (closure) t.closures.set(m.id, closure);
    }
  }
  segment(null);
  for (const h of hits) if (!voided.has(h.assignment)) for (const t of talliesOf(h.unitId)) t.overdue.add(m.id);
}

/** Runs every log through tallyMatter within the period, as known on asOf. */
function tallyAll(
  logs: readonly (readonly MatterEvent[])[],
  period: StatsPeriod,
  calendar: WorkCalendar,
  talliesOf: (unitId: string) => readonly Tally[],
): void {
  const end = period.to < period.asOf ? period.to : period.asOf;
  if (period.from <= end) for (const log of logs) tallyMatter(log, period, end, calendar, talliesOf);
}

/**
 * Statistics of every unit that led a matter, and their 合计 over the units
 * `inTotal` accepts, in one pass over the logs (each a matter's whole event
 * list from `opened`). Recomputed from events only, so any stored figure can
 * be checked against it.
 *
 * The total takes the same definitions over the units together: what
 * happened while one of them led the matter counts once. Closed and overdue
 * count distinct matters, so a matter moved from one of the units to another
 * by a justified return is one matter here even if it is in both units'
 * figures; the rate is computed on those distinct matters, never averaged
 * from the units' rates.
 */
export function computeStatsWithTotal(
  logs: readonly (readonly MatterEvent[])[],
  period: StatsPeriod,
  calendar: WorkCalendar,
  inTotal: (unitId: string) => boolean,
): { units: Map<string, SupervisionStats>; total: SupervisionStats } {
  const tallies = new Map<string, Tally>();
  const total = newTally();
  const talliesOf = (u: string): readonly Tally[] => {
    let t = tallies.get(u);
    if (!t) tallies.set(u, (t = newTally()));
    return inTotal(u) ? [t, total] : [t];
  };
  tallyAll(logs, period, calendar, talliesOf);
  return { units: new Map([...tallies].map(([u, t]) => [u, summarize(t)])), total: summarize(total) };
}

/** Statistics of every unit that led a matter; see computeStatsWithTotal. */
export function computeAllStats(
  logs: readonly (readonly MatterEvent[])[],
  period: StatsPeriod,
  calendar: WorkCalendar,
): Map<string, SupervisionStats> {
  return computeStatsWithTotal(logs, period, calendar, () => false).units;
}

/** The 合计 alone of the units `counts` accepts; see computeStatsWithTotal. */
export function computeTotalStats(
  logs: readonly (readonly MatterEvent[])[],
  period: StatsPeriod,
  calendar: WorkCalendar,
  counts: (unitId: string) => boolean,
): SupervisionStats {
  return computeStatsWithTotal(logs, period, calendar, counts).total;
}

/** One unit's statistics; see SupervisionStats for each figure's definition. */
export function computeStats(
  logs: readonly (readonly MatterEvent[])[],
  unitId: string,
  period: StatsPeriod,
  calendar: WorkCalendar,
): SupervisionStats {
  return computeAllStats(logs, period, calendar).get(unitId) ?? emptyStats();
}
