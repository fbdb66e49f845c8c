import { asc, sql } from 'drizzle-orm';
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

/** Keyset position after a row in the default order (the Excel export's batches). */
export const afterInDefaultOrder = (at: { rank: number; deadline: string; id: string }) =>
  sql`(${openRank}, ${deadlineKey}, ${matters.id}) > (${at.rank}::int, ${at.deadline}::date, ${at.id}::uuid)`;
