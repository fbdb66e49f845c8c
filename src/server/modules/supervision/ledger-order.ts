import { and, asc, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar/dates';
import type { MatterState } from '../../../shared/supervision';
import { matters } from './tables';

/**
 * The ledger's default order, when the user has chosen no sort: open work
 * first, then 暂缓 and 立项 (not on a unit's desk), closed matters last; in
 * each group the nearest deadline first, so overdue matters (a deadline
 * before today) lead, and no deadline comes last. One key of constants —
 * no "today" in it — so an index (migration 0015, matters_ledger_default)
 * holds it and the first page reads 20 entries, not a sort of the table.
 * The SQL text must stay the index's expression.
 */
export const openRank = sql<number>`(CASE ${matters.state} WHEN 'closed' THEN 2 WHEN 'draft' THEN 1 WHEN 'suspended' THEN 1 ELSE 0 END)`;
export const deadlineKey = sql<string>`(COALESCE(${matters.deadline}, '9999-12-31'::date))`;

export const defaultOrder = () => [asc(openRank), asc(deadlineKey), asc(matters.id)];

/** openRank's CASE as a function of the state, for the hints below; keep the two alike. */
const rankOf = (state: MatterState): number => (state === 'closed' ? 2 : state === 'draft' || state === 'suspended' ? 1 : 0);

/**
 * The default order for these filters. When every state asked for has the
 * same rank, the rank is constant over the result and the order is the
 * deadline's (COALESCE to 9999-12-31 sorts like NULLS LAST): said that way,
 * a state filter reads its own range of matters_ledger_state (0009) instead
 * of the default index's rank, which mixes the five states of open work.
 */
export function defaultOrderFor(q: { state?: readonly MatterState[] }): SQL[] {
  if (q.state?.length && new Set(q.state.map(rankOf)).size === 1) return [sql`${matters.deadline} ASC NULLS LAST`, asc(matters.id)];
  return defaultOrder();
}

/**
 * Conditions the filters already imply, restated on the default order's key
 * so that PostgreSQL can read a range of its index instead of walking it from
 * the start and dropping rows: `state=closed` is rank 2, the last part of the
 * index (page 200 of closed matters walked 72,000 open entries first); a
 * deadline range is a range of the second key within each rank. They change
 * no result: every row the filters keep meets them. Not needed when the
 * states share one rank (defaultOrderFor orders by the deadline then).
 */
export function defaultOrderHints(q: { state?: readonly MatterState[]; deadlineFrom?: IsoDate; deadlineTo?: IsoDate }): SQL | undefined {
  const ranks = q.state?.length ? [...new Set(q.state.map(rankOf))].sort() : [0, 1, 2];
  // One rank: the order is the deadline's (defaultOrderFor), and the state's own index serves it.
  if (ranks.length === 1 || (!q.state?.length && !q.deadlineFrom && !q.deadlineTo)) return undefined;
  const rankIn = sql`${openRank} IN (${sql.raw(ranks.join(', '))})`;
  return and(
    rankIn,
    q.deadlineFrom ? gte(deadlineKey, sql`${q.deadlineFrom}::date`) : undefined,
    q.deadlineTo ? lte(deadlineKey, sql`${q.deadlineTo}::date`) : undefined,
  );
}

/** Keyset position after a row in the default order (the Excel export's batches). */
export const afterInDefaultOrder = (at: { rank: number; deadline: string; id: string }) =>
  sql`(${openRank}, ${deadlineKey}, ${matters.id}) > (${at.rank}::int, ${at.deadline}::date, ${at.id}::uuid)`;
