import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import type { Deps } from '../../deps';
import { units } from '../../db/schema';
import { AppError } from '../../errors';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import { lightLabels, matterStateLabels, type Light, type MatterState } from '../../../shared/supervision';
import { currentCounts, ganttRows, lightList } from './board-repo';
import { nameBook, presentMatterSummary } from './present';
import { loadSupervisionSettings } from './settings-service';
import { lastTwelveMonths, loadStatsInput, minDate, statsRows, type StatsInput } from './stats-service';
import { periodProblem } from './stats-schema';

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

async function unitNames(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Assigned and closed per month, each month computed by the same statistics as everything else. */
function trendOf(input: StatsInput, today: IsoDate) {
  const months = lastTwelveMonths(today);
  const sums = months.map(([from, to]) =>
    statsRows(input, from, to).reduce((acc, r) => ({ assigned: acc.assigned + r.assigned, closed: acc.closed + r.closed }), {
      assigned: 0,
      closed: 0,
    }),
  );
  return { months: months.map((m) => m[2]), assigned: sums.map((s) => s.assigned), closed: sums.map((s) => s.closed) };
}

/**
 * 挂图作战: the period's figures per unit (from the statistics) beside the
 * state of today (open and red matters), the red and yellow lists, a Gantt
 * of open matters and the twelve-month trend. Lists are scoped like the
 * ledger (matterScope); figures cover the caller's units only.
 */
export async function buildBoard(deps: Deps, actor: Actor, q: { from?: IsoDate; to?: IsoDate }) {
  const today = chinaDateOf(deps.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const problem = periodProblem({ from, to });
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const trendFrom = lastTwelveMonths(today)[0]![0];
  // One load covers both the period and the trend: a larger window never changes a figure, the domain counts only in-period events.
  const input = await loadStatsInput(deps.db, actor, { from: minDate(from, trendFrom), to: maxDate(to, today) }, today);
  const [counts, red, yellow, gantt, settings] = await Promise.all([
    currentCounts(deps.db, actor, today),
    lightList(deps.db, actor, today, 'red'),
    lightList(deps.db, actor, today, 'yellow'),
    ganttRows(deps.db, actor, today),
    loadSupervisionSettings(deps.db),
  ]);
  const figures = new Map(statsRows(input, from, to).map((r) => [r.unit.id, r]));
  const unitRows = [...input.units.values()]
    .filter((u) => figures.has(u.id) || counts.has(u.id))
    .map((u) => {
      const f = figures.get(u.id);
      const c = counts.get(u.id);
      return {
        unit: { id: u.id, name: u.name },
        assigned: f?.assigned ?? 0,
        inProgress: c?.open ?? 0,
        overdue: c?.red ?? 0,
        closed: f?.closed ?? 0,
        onTimeRate: f?.onTimeRate ?? null,
      };
    });
  const [book, names] = await Promise.all([
    nameBook(deps.db, [...red.rows, ...yellow.rows], [], actor),
    unitNames(deps.db, [...new Set(gantt.rows.flatMap((r) => (r.leadUnitId ? [r.leadUnitId] : [])))]),
  ]);
  const summary = (rows: typeof red.rows) => rows.map((r) => presentMatterSummary(r, book, today, input.calendar, settings));
  return {
    from,
    to,
    asOf: today,
    units: unitRows,
    red: { total: red.total, items: summary(red.rows) },
    yellow: { total: yellow.total, items: summary(yellow.rows) },
    gantt: {
      total: gantt.total,
      items: gantt.rows.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        leadUnit: r.leadUnitId ? { id: r.leadUnitId, name: names.get(r.leadUnitId) ?? '' } : null,
        state: r.state,
        stateLabel: matterStateLabels[r.state as MatterState],
        assignedAt: r.assignedAt?.toISOString() ?? null,
        deadline: r.deadline,
        light: r.light,
        lightLabel: lightLabels[r.light as Light],
      })),
    },
    trend: trendOf(input, today),
  };
}
