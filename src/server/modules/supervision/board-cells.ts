import { and, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import type { MatterState } from '../../../shared/supervision';
import { ledgerConditions, type LedgerFilters } from './ledger';
import { matterScope } from './repo';
import { matters } from './tables';

/** The board's per-unit counts, in the order the board draws them. */
export const boardColumns = ['assigned', 'inProgress', 'overdue', 'closed'] as const;
export type BoardColumn = (typeof boardColumns)[number];

/** 在办: assigned and not yet closed (a draft is on nobody's desk yet). */
const openStates: MatterState[] = ['assigned', 'assessing', 'in_progress', 'suspended', 'reviewing', 'rechecking'];

/**
 * What each count of a unit's row means, as ledger filters: the board counts
 * the matters these filters select (under the unit that leads them now) and
 * its drill-down opens the ledger with the same filters, so a count is
 * always the total of the list it opens — a matter moved to another unit by
 * a justified return counts, and is listed, under the unit that leads it.
 */
export function boardCell(column: BoardColumn, period: { from: IsoDate; to: IsoDate }): LedgerFilters {
  switch (column) {
    case 'assigned':
      return { assignedFrom: period.from, assignedTo: period.to };
    case 'inProgress':
      return { state: openStates };
    case 'overdue':
      return { light: ['red'] };
    case 'closed':
      return { state: ['closed'], closedFrom: period.from, closedTo: period.to };
  }
}

/** The ledger query string of one count: GET /api/v1/matters?… (and the web ledger's address). */
export function drillQuery(unitId: string, column: BoardColumn, period: { from: IsoDate; to: IsoDate }): string {
  const sp = new URLSearchParams({ leadUnitId: unitId });
  for (const [k, v] of Object.entries(boardCell(column, period))) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, String(x));
  return sp.toString();
}

export type BoardCounts = Record<BoardColumn, number>;

/** Every count of every unit in one scoped query: count(*) FILTER (the cell's ledger conditions), per lead unit. */
export async function boardCounts(db: Executor, actor: Actor, today: IsoDate, period: { from: IsoDate; to: IsoDate }): Promise<Map<string, BoardCounts>> {
  const cells = boardColumns.map((c) => ledgerConditions(actor, boardCell(c, period), today) ?? sql`true`);
  const count = (w: (typeof cells)[number]) => sql<number>`(count(*) FILTER (WHERE ${w}))::int`;
  const rows = await db
    .select({ unitId: matters.leadUnitId, assigned: count(cells[0]!), inProgress: count(cells[1]!), overdue: count(cells[2]!), closed: count(cells[3]!) })
    .from(matters)
    .where(and(matterScope(actor), or(...cells)))
    .groupBy(matters.leadUnitId);
  return new Map(rows.filter((r) => r.unitId !== null).map(({ unitId, ...c }) => [unitId!, c]));
}
