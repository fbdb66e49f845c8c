import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { isCommonTerm, textMatch } from '../../db/search';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import type { Light, MatterPriority, MatterSource, MatterState } from '../../../shared/supervision';
import { matterScope } from './repo';
import { matters } from './tables';

export interface LedgerQuery {
  state?: MatterState[];
  light?: Light[];
  leadUnitId?: string;
  /** lead or co-unit */
  unitId?: string;
  source?: MatterSource[];
  priority?: MatterPriority[];
  category?: string;
  leaderId?: string;
  deadlineFrom?: IsoDate;
  deadlineTo?: IsoDate;
  openedFrom?: IsoDate;
  openedTo?: IsoDate;
  q?: string;
  sort: 'deadline' | 'openedAt' | 'code' | 'priority';
  order: 'asc' | 'desc';
}

/** The light as SQL for a given day, from the thresholds kept on each row (see light-thresholds.ts). */
export const lightSql = (today: IsoDate) => sql<Light>`(CASE
  WHEN ${matters.lightMode} <> 'clock' THEN ${matters.lightMode}
  WHEN ${today}::date >= ${matters.redFrom} THEN 'red'
  WHEN ${today}::date >= ${matters.yellowFrom} THEN 'yellow'
  ELSE 'green' END)`;

/**
 * lightSql(today) = light, written as ranges the planner can use: in 'clock'
 * mode red_from is always the day after the deadline (light-thresholds.ts),
 * so red is a deadline before today and yellow or green a deadline from
 * today on — a range on the ledger's deadline index, where the CASE would
 * make PostgreSQL read every row. ledger.test.ts checks the two agree row
 * by row, day by day.
 */
export function lightIs(light: Light, today: IsoDate): SQL {
  const [mode, yellow, deadline] = [matters.lightMode, matters.yellowFrom, matters.deadline];
  switch (light) {
    case 'red':
      return sql`(${mode} = 'red' OR (${mode} = 'clock' AND ${deadline} < ${today}::date))`;
    case 'yellow':
      return sql`(${mode} = 'clock' AND ${deadline} >= ${today}::date AND ${yellow} <= ${today}::date)`;
    case 'green':
      return sql`(${mode} = 'green' OR (${mode} = 'clock' AND ${deadline} >= ${today}::date AND ${yellow} > ${today}::date))`;
    case 'none':
      return sql`${mode} = 'none'`;
  }
}

const priorityRank = sql`(CASE ${matters.priority} WHEN 'extra_urgent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)`;

/** `commonTerm`: the search term is common (isCommonTerm), so test it row by row rather than through its GIN index. */
export function ledgerWhere(actor: Actor, q: LedgerQuery, today: IsoDate, opts: { commonTerm?: boolean } = {}): SQL | undefined {
  return and(
    matterScope(actor),
    q.state?.length ? inArray(matters.state, q.state) : undefined,
    q.light?.length ? or(...q.light.map((l) => lightIs(l, today))) : undefined,
    q.leadUnitId ? eq(matters.leadUnitId, q.leadUnitId) : undefined,
    q.unitId ? sql`${matters.unitIds} @> ARRAY[${q.unitId}]::uuid[]` : undefined,
    q.source?.length ? inArray(matters.source, q.source) : undefined,
    q.priority?.length ? inArray(matters.priority, q.priority) : undefined,
    q.category ? sql`${matters.categories} @> ARRAY[${q.category}]::text[]` : undefined,
    q.leaderId ? eq(matters.instructingLeaderId, q.leaderId) : undefined,
    q.deadlineFrom ? gte(matters.deadline, q.deadlineFrom) : undefined,
    q.deadlineTo ? lte(matters.deadline, q.deadlineTo) : undefined,
    q.openedFrom ? gte(matters.openedAt, new Date(`${q.openedFrom}T00:00:00+08:00`)) : undefined,
    q.openedTo ? lte(matters.openedAt, new Date(`${q.openedTo}T23:59:59.999+08:00`)) : undefined,
    q.q ? textMatch(matters.title, q.q, { common: opts.commonTerm }) : undefined,
  );
}

/**
 * Beyond this many matching rows the ledger answers "2,000+" (totalExact
 * false): counting hundreds of thousands of rows exactly costs many times
 * the page itself (the count walks the same index as the page, and a sparse
 * filter makes it walk far), and nobody pages through a hundred pages —
 * narrower filters, the board's exact counts or the Excel export (every
 * row) serve that need.
 */
export const LEDGER_COUNT_CAP = 2_000;

/** How long the ledger's count may take on PostgreSQL before the page goes out with "more" instead of a total. */
export const LEDGER_COUNT_BUDGET_MS = 40;

export async function ledgerPage(
  db: Executor,
  actor: Actor,
  q: LedgerQuery,
  today: IsoDate,
  limit: number,
  offset: number,
  opts: { cap?: number; countBudgetMs?: number } = {},
) {
  const cap = opts.cap ?? LEDGER_COUNT_CAP;
  // The page walks an ordered index: a common short term is tested on each row there (ILIKE, cheap), a rare one
  // is found through the bigram GIN index.
  const common = q.q ? await isCommonTerm(db, 'matters_title_bigrams', q.q) : false;
  const where = ledgerWhere(actor, q, today, { commonTerm: common });
  const dir = q.order === 'asc' ? asc : desc;
  const sortCol = { deadline: matters.deadline, openedAt: matters.openedAt, code: matters.openedAt, priority: priorityRank }[q.sort];
  // Only the deadline can be empty (drafts), and it sorts last both ways; the other keys are never null,
  // and a bare ASC/DESC lets PostgreSQL read their index backwards for the other direction.
  const key = q.sort === 'deadline' ? (q.order === 'asc' ? sql`${sortCol} ASC NULLS LAST` : sql`${sortCol} DESC NULLS LAST`) : dir(sortCol);
  const order = [key, dir(matters.id)];
  // The page's ids first, from the ledger's covering indexes alone (index-only: every filter column is
  // included), then only those 20 wide rows (snapshot and all) from the table.
  const pageIds = db.select({ id: matters.id }).from(matters).where(where).orderBy(...order).limit(limit).offset(offset);
  // With only broad filters (state, light, priority, dates…) the count walks in the page's order: where the page
  // found its rows fast, matches are dense (green matters are the recent ones, red the old ones). A selective
  // filter — a unit, a leader, a rare term, a liaison's own units — has an index of its own for the planner to pick.
  const rare = q.q !== undefined && !common;
  const selective = rare || !!q.leadUnitId || !!q.unitId || !!q.leaderId || matterScope(actor) !== undefined;
  const countOn = async (x: Executor) => {
    const capped = x
      .select({ one: sql`1` })
      .from(matters)
      .where(where)
      .orderBy(...(selective ? [] : order))
      .limit(cap + 1)
      .as('capped');
    const [r] = await x.select({ n: sql<number>`count(*)::int` }).from(capped);
    return r?.n ?? 0;
  };
  const [rows, counted] = await Promise.all([
    db.select().from(matters).where(inArray(matters.id, pageIds)).orderBy(...order),
    opts.countBudgetMs === undefined ? countOn(db) : withinBudget(db, opts.countBudgetMs, countOn),
  ]);
  // A count over its time budget: the page is known, the total is not; a full page promises one more.
  if (counted === null) return { rows, total: offset + rows.length + (rows.length === limit ? 1 : 0), totalExact: false };
  return { rows, total: Math.min(counted, cap), totalExact: counted <= cap };
}

/**
 * Runs a count with at most `ms` milliseconds (PostgreSQL's
 * statement_timeout, local to its own transaction); null when it ran out. A
 * count costs the cap divided by how dense the matches are along the index
 * it walks, which no index bounds for every combination of filters.
 */
export async function withinBudget(db: Executor, ms: number, count: (x: Executor) => Promise<number>): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(ms))}`));
      return count(tx);
    });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
    if (code === '57014') return null; // query_canceled: the budget ran out
    throw e;
  }
}
