import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from './connect';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Chinese substring search of any length on a text column that has both
 * indexes from ARCHITECTURE.md: `gin (col gin_trgm_ops)` and
 * `gin (cjk_bigrams(col))`. pg_trgm needs 3 characters, so 1–2 character
 * terms go through the bigram array (containment uses its GIN index, and is
 * exact). Terms are lower-cased like the index.
 */
export function textMatch(column: AnyColumn | SQL, term: string, opts: { common?: boolean } = {}): SQL {
  const t = term.trim().toLowerCase();
  const pattern = `%${escapeLike(t)}%`;
  const len = [...t].length;
  if (len === 0) return sql`true`;
  // A common short term (isCommonTerm) is cheaper to find by testing each row of an ordered index walk.
  if (len <= 2 && opts.common) return sql`${column} ILIKE ${pattern}`;
  if (len <= 2) {
    // cjk_bigrams() holds every character and every pair of the lower-cased
    // text, so containment is the exact substring test for 1–2 characters: a
    // LIKE beside it would change nothing but make the planner believe the
    // term matches almost nothing, and pick the GIN scan of every match even
    // for a common term where walking the ledger's ordered index is faster.
    return sql`(cjk_bigrams(${column}) @> ARRAY[${t}]::text[])`;
  }
  return sql`${column} ILIKE ${pattern}`;
}

/**
 * Whether a 1–2 character term is in at least `minShare` of the rows, by
 * the statistics ANALYZE keeps on the `cjk_bigrams` expression index named
 * (its most common elements). For such a term an ordered page is found
 * fastest by walking the sort index and testing each row (a few hundred
 * rows for 20 matches), while the GIN index would fetch every match; for a
 * rare term it is the other way round. Without statistics: rare.
 */
export async function isCommonTerm(db: Executor, bigramIndex: string, term: string, minShare = 0.005): Promise<boolean> {
  const t = term.trim().toLowerCase();
  const len = [...t].length;
  if (len === 0 || len > 2) return false;
  const res = (await db.execute(sql`SELECT x.f FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) AS x(e, f)
    WHERE tablename = ${bigramIndex} AND x.e = ${t} LIMIT 1`)) as unknown as { rows: { f: number }[] };
  return (res.rows[0]?.f ?? 0) >= minShare;
}
