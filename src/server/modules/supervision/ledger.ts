import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { textMatch } from '../../db/search';
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
 * lightSql(today) = light, written so the planner can use the indexes: the
 * same CASE, split into ranges on the thresholds. In 'clock' mode both
 * thresholds are set and yellow_from ≤ red_from (light-thresholds.ts);
 * a test checks the two agree row by row.
 */
export function lightIs(light: Light, today: IsoDate): SQL {
  const [mode, yellow, red] = [matters.lightMode, matters.yellowFrom, matters.redFrom];
  switch (light) {
    case 'red':
      return sql`(${mode} = 'red' OR (${mode} = 'clock' AND ${red} <= ${today}::date))`;
    case 'yellow':
      return sql`(${mode} = 'clock' AND ${yellow} <= ${today}::date AND ${red} > ${today}::date)`;
    case 'green':
      return sql`(${mode} = 'green' OR (${mode} = 'clock' AND ${yellow} > ${today}::date AND ${red} > ${today}::date))`;
    case 'none':
      return sql`${mode} = 'none'`;
  }
}

const priorityRank = sql`(CASE ${matters.priority} WHEN 'extra_urgent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END)`;

export function ledgerWhere(actor: Actor, q: LedgerQuery, today: IsoDate): SQL | undefined {
  return and(
    matterScope(actor),
    q.state?.length ? inArray(matters.state, q.state) : undefined,
    q.light?.length ? or(...q.light.map((l) => lightIs(l, today))) : undefined,
    q.leadUnitId ? eq(matters.leadUnitId, q.leadUnitId) : undefined,
    q.unitId ? sql`EXISTS (SELECT 1 FROM matter_units x WHERE x.matter_id = ${matters.id} AND x.unit_id = ${q.unitId})` : undefined,
    q.source?.length ? inArray(matters.source, q.source) : undefined,
    q.priority?.length ? inArray(matters.priority, q.priority) : undefined,
    q.category ? sql`${matters.categories} @> ARRAY[${q.category}]::text[]` : undefined,
    q.leaderId ? eq(matters.instructingLeaderId, q.leaderId) : undefined,
    q.deadlineFrom ? gte(matters.deadline, q.deadlineFrom) : undefined,
    q.deadlineTo ? lte(matters.deadline, q.deadlineTo) : undefined,
    q.openedFrom ? gte(matters.openedAt, new Date(`${q.openedFrom}T00:00:00+08:00`)) : undefined,
    q.openedTo ? lte(matters.openedAt, new Date(`${q.openedTo}T23:59:59.999+08:00`)) : undefined,
    q.q ? textMatch(matters.title, q.q) : undefined,
  );
}

/**
 * Beyond this many matching rows the ledger answers "10,000+" (totalExact
 * false): counting hundreds of thousands of rows exactly costs many times
 * the page itself, and nobody pages that far — narrower filters or the
 * Excel export (every row) serve that need.
 */
export const LEDGER_COUNT_CAP = 10_000;

export async function ledgerPage(
  db: Executor,
  actor: Actor,
  q: LedgerQuery,
  today: IsoDate,
  limit: number,
  offset: number,
  cap = LEDGER_COUNT_CAP,
) {
  const where = ledgerWhere(actor, q, today);
  const dir = q.order === 'asc' ? asc : desc;
  const sortCol = { deadline: matters.deadline, openedAt: matters.openedAt, code: matters.openedAt, priority: priorityRank }[q.sort];
  const capped = db.select({ one: sql`1` }).from(matters).where(where).limit(cap + 1).as('capped');
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(matters)
      .where(where)
      .orderBy(q.order === 'asc' ? sql`${sortCol} ASC NULLS LAST` : sql`${sortCol} DESC NULLS LAST`, dir(matters.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(capped),
  ]);
  const n = counted?.n ?? 0;
  return { rows, total: Math.min(n, cap), totalExact: n <= cap };
}
