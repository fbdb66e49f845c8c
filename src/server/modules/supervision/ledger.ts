import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { isCommonTerm, textMatch } from '../../db/search';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import type { Light, MatterPriority, MatterSource, MatterState } from '../../../shared/supervision';
import type { TodoKey } from '../../../shared/todos';
import { lightIs } from './light-sql';
import { defaultOrderFor, defaultOrderHints } from './ledger-order';
import { matterScope } from './repo';
import { matters } from './tables';
import { todoWhere } from './todos';

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
  assignedFrom?: IsoDate;
  assignedTo?: IsoDate;
  closedFrom?: IsoDate;
  closedTo?: IsoDate;
  q?: string;
  todo?: TodoKey;
  /** none: the default order (ledger-order.ts) */
  sort?: 'deadline' | 'openedAt' | 'code' | 'priority';
  order: 'asc' | 'desc';
}

const priorityRank = sql`(CASE ${matters.priority} WHEN 'extra_urgent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)`;

const dayStart = (d: IsoDate) => new Date(`${d}T00:00:00+08:00`);
const dayEnd = (d: IsoDate) => new Date(`${d}T23:59:59.999+08:00`);

/** `commonTerm`: the search term is common (isCommonTerm), so test it row by row rather than through its GIN index. */
export function ledgerWhere(actor: Actor, q: LedgerFilters, today: IsoDate, opts: { commonTerm?: boolean } = {}): SQL | undefined {
  return and(matterScope(actor), ledgerConditions(actor, q, today, opts));
}

export type LedgerFilters = Omit<LedgerQuery, 'sort' | 'order'>;

/** The filters alone, without the caller's unit scope (the board counts several filters inside one scoped query). */
export function ledgerConditions(actor: Actor, q: LedgerFilters, today: IsoDate, opts: { commonTerm?: boolean } = {}): SQL | undefined {
  return and(
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
    q.openedFrom ? gte(matters.openedAt, dayStart(q.openedFrom)) : undefined,
    q.openedTo ? lte(matters.openedAt, dayEnd(q.openedTo)) : undefined,
    q.assignedFrom ? gte(matters.assignedAt, dayStart(q.assignedFrom)) : undefined,
    q.assignedTo ? lte(matters.assignedAt, dayEnd(q.assignedTo)) : undefined,
    q.closedFrom ? gte(matters.closedAt, dayStart(q.closedFrom)) : undefined,
    q.closedTo ? lte(matters.closedAt, dayEnd(q.closedTo)) : undefined,
    q.q ? textMatch(matters.title, q.q, { common: opts.commonTerm }) : undefined,
    q.todo ? todoWhere(q.todo, actor, today) : undefined,
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

/** The ledger's ORDER BY: the chosen sort, or the default order when none is chosen. */
export function ledgerOrder(q: Pick<LedgerQuery, 'sort' | 'order' | 'state'>): SQL[] {
  if (!q.sort) return defaultOrderFor(q);
  const dir = q.order === 'desc' ? desc : asc;
  const sortCol = { deadline: matters.deadline, openedAt: matters.openedAt, code: matters.openedAt, priority: priorityRank }[q.sort];
  // Only the deadline can be empty (drafts), and it sorts last both ways; the other keys are never null,
  // and a bare ASC/DESC lets PostgreSQL read their index backwards for the other direction.
  const key = q.sort === 'deadline' ? (q.order === 'desc' ? sql`${sortCol} DESC NULLS LAST` : sql`${sortCol} ASC NULLS LAST`) : dir(sortCol);
  return [key, dir(matters.id)];
}

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
  const order = ledgerOrder(q);
  const where = and(ledgerWhere(actor, q, today, { commonTerm: common }), q.sort ? undefined : defaultOrderHints(q));
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
