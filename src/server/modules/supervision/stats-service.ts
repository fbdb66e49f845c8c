import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { AppError, forbidden } from '../../errors';
import { addDays, type IsoDate } from '../../domain/calendar/dates';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import {
  clockStates,
  computeAllStats,
  computeStatsWithTotal,
  dayOf,
  emptyStats,
  replay,
  type MatterEvent,
  type StatsPeriod,
  type SupervisionStats,
} from '../../domain/supervision';
import type { Actor } from '../../http/context';
import { units } from '../../db/schema';
import { loadWorkCalendar } from '../calendar/service';
import { loadLogs, statsUnits, type ScopedUnit } from './stats-repo';
import { matters } from './tables';

export interface UnitRef {
  id: string;
  name: string;
}

/** One unit's figures: exactly the domain's SupervisionStats, with the unit's name. */
export type UnitStats = { unit: UnitRef } & SupervisionStats;

/** Everything a set of figures is computed from, loaded once and reused for several periods. */
export interface StatsInput {
  logs: MatterEvent[][];
  units: Map<string, ScopedUnit>;
  calendar: WorkCalendar;
  asOf: IsoDate;
}

export const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/**
 * Loads the event logs that can count for the caller's units in [from, to]
 * as known on `asOf`. A unitId outside the caller's units is refused
 * (403), an unknown one is bad input (400).
 */
export async function loadStatsInput(
  db: Executor,
  actor: Actor,
  q: { from: IsoDate; to: IsoDate; unitId?: string },
  asOf: IsoDate,
): Promise<StatsInput> {
  const scope = await statsUnits(db, actor);
  if (q.unitId && !scope.has(q.unitId)) {
    const [exists] = await db.select({ id: units.id }).from(units).where(inArray(units.id, [q.unitId]));
    if (!exists) throw new AppError('VALIDATION_FAILED', '单位不存在');
    throw forbidden('只能查看本单位及下级单位的统计');
  }
  const whole = actor.roles.some((r) => r === 'leader' || r === 'supervisor' || r === 'staff');
  const unitIds = q.unitId ? [q.unitId] : whole ? null : [...scope.keys()];
  const [logs, calendar] = await Promise.all([
    loadLogs(db, { from: q.from, end: minDate(q.to, asOf), asOf, unitIds }),
    loadWorkCalendar(db),
  ]);
  return { logs, units: scope, calendar, asOf };
}

/**
 * Per-unit figures for a period, from the domain's computeAllStats alone:
 * every unit in scope that has a figure, in tree order; a requested unit
 * always has a row, zeros included.
 */
export function statsRows(input: StatsInput, from: IsoDate, to: IsoDate, unitId?: string): UnitStats[] {
  const period: StatsPeriod = { from, to, asOf: input.asOf };
  return rowsOf(input, computeAllStats(input.logs, period, input.calendar), unitId);
}

/** Every unit in scope with a figure, in tree order; a requested unit always has a row. */
function rowsOf(input: StatsInput, all: Map<string, SupervisionStats>, unitId?: string): UnitStats[] {
  const rows: UnitStats[] = [];
  for (const u of input.units.values()) {
    if (unitId && u.id !== unitId) continue;
    const s = all.get(u.id) ?? (unitId ? emptyStats() : null);
    if (s) rows.push({ unit: { id: u.id, name: u.name }, ...s });
  }
  return rows;
}

/**
 * The rows statsRows gives and their 合计 (every unit in scope, or the one
 * requested), in one pass, by the domain's own definitions: see computeStatsWithTotal.
 */
export function statsReport(input: StatsInput, from: IsoDate, to: IsoDate, unitId?: string): { units: UnitStats[]; total: SupervisionStats } {
  const period: StatsPeriod = { from, to, asOf: input.asOf };
  const inTotal = (u: string) => (unitId ? u === unitId : input.units.has(u));
  const all = computeStatsWithTotal(input.logs, period, input.calendar, inTotal);
  return { units: rowsOf(input, all.units, unitId), total: all.total };
}

export interface OverdueAtEnd {
  matterId: string;
  leadUnitId: string;
  deadline: IsoDate;
  overdueWorkingDays: number;
}

/**
 * The matters overdue at the end of `day`, by the domain's own test (its
 * clock running and the deadline in force passed), each replayed from its
 * events up to that day. Most overdue first.
 */
export function overdueAtEnd(input: StatsInput, day: IsoDate): OverdueAtEnd[] {
  const out: OverdueAtEnd[] = [];
  for (const log of input.logs) {
    const known = log.filter((e) => dayOf(e.at) <= day);
    if (!known.length) continue;
    const m = replay(known);
    if (m.deadline === null || m.leadUnitId === null || !clockStates.includes(m.state) || m.deadline >= day) continue;
    if (!input.units.has(m.leadUnitId)) continue;
    out.push({
      matterId: m.id,
      leadUnitId: m.leadUnitId,
      deadline: m.deadline,
      overdueWorkingDays: input.calendar.workingDaysBetween(m.deadline, day),
    });
  }
  return out.sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays || a.deadline.localeCompare(b.deadline));
}

/** Code and title of matters, for lists built from replayed logs. */
export async function matterLabels(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { code: string; title: string }>();
  const rows = await db.select({ id: matters.id, code: matters.code, title: matters.title }).from(matters).where(inArray(matters.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, title: r.title }]));
}

/** The twelve calendar months ending with the one containing `today`, as [from, to, 'YYYY-MM']. */
export function lastTwelveMonths(today: IsoDate): [IsoDate, IsoDate, string][] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const out: [IsoDate, IsoDate, string][] = [];
  for (let i = 11; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    const ym = `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
    const nextIdx = idx + 1;
    const next = `${String(Math.floor(nextIdx / 12)).padStart(4, '0')}-${String((nextIdx % 12) + 1).padStart(2, '0')}-01`;
    out.push([`${ym}-01`, addDays(next, -1), ym]);
  }
  return out;
}
