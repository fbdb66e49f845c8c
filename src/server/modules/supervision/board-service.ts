import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import type { Deps } from '../../deps';
import { units } from '../../db/schema';
import { AppError } from '../../errors';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import { lightLabels, matterStateLabels, type Light, type MatterState } from '../../../shared/supervision';
import { ganttRows, lightList } from './board-repo';
import { boardColumns, boardCounts, drillQuery } from './board-cells';
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
 * 挂图作战: per unit, the matters assigned and closed in the period and those
 * open and red today — counted by the ledger's own filters (board-cells.ts),
 * each with the ledger query that lists exactly them — beside the period's
 * on-time rate from the statistics; the red and yellow lists, a Gantt of
 * open matters and the twelve-month trend. Everything is scoped like the
 * ledger (matterScope).
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
    boardCounts(deps.db, actor, today, { from, to }),
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
        assigned: c?.assigned ?? 0,
        inProgress: c?.inProgress ?? 0,
        overdue: c?.overdue ?? 0,
        closed: c?.closed ?? 0,
        onTimeRate: f?.onTimeRate ?? null,
        /** per count, the ledger query (GET /api/v1/matters?…) whose total it is */
        drill: Object.fromEntries(boardColumns.map((k) => [k, drillQuery(u.id, k, { from, to })])) as Record<(typeof boardColumns)[number], string>,
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
