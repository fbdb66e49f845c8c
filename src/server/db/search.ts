import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Chinese substring search of any length on a text column that has both
 * indexes from ARCHITECTURE.md: `gin (col gin_trgm_ops)` and
 * `gin (cjk_bigrams(col))`. pg_trgm needs 3 characters, so 1–2 character
 * terms go through the bigram array (containment uses its GIN index), then
 * LIKE confirms the match. Terms are lower-cased like the index.
 */
export function textMatch(column: AnyColumn | SQL, term: string): SQL {
  const t = term.trim().toLowerCase();
  const pattern = `%${escapeLike(t)}%`;
  const len = [...t].length;
  if (len === 0) return sql`true`;
  if (len <= 2) {
    return sql`(cjk_bigrams(${column}) @> ARRAY[${t}]::text[] AND lower(${column}) LIKE ${pattern})`;
  }
  return sql`${column} ILIKE ${pattern}`;
}
