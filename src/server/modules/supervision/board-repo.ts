import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import { lightSql } from './light-sql';
import { matterScope } from './repo';
import { matters } from './tables';

/** The board's lists are capped: it shows the most urgent, the ledger shows the rest. */
export const LIST_LIMIT = 50;
export const GANTT_LIMIT = 200;

const open = notInArray(matters.state, ['draft', 'closed']);

/** The most urgent matters of one light, soonest deadline first, with the full count. */
export async function lightList(db: Executor, actor: Actor, today: IsoDate, light: 'red' | 'yellow') {
  const where: SQL | undefined = and(matterScope(actor), eq(lightSql(today), light));
  const [rows, [count]] = await Promise.all([
    db.select().from(matters).where(where).orderBy(sql`${matters.deadline} ASC NULLS LAST`, matters.id).limit(LIST_LIMIT),
    db.select({ total: sql<number>`count(*)::int` }).from(matters).where(where),
  ]);
  return { rows, total: count!.total };
}

/** Open matters for the Gantt chart: one bar from assignment to deadline, soonest deadline first. */
export async function ganttRows(db: Executor, actor: Actor, today: IsoDate) {
  const where = and(matterScope(actor), open);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: matters.id,
        code: matters.code,
        title: matters.title,
        leadUnitId: matters.leadUnitId,
        state: matters.state,
        assignedAt: matters.assignedAt,
        deadline: matters.deadline,
        light: lightSql(today),
      })
      .from(matters)
      .where(where)
      .orderBy(sql`${matters.deadline} ASC NULLS LAST`, matters.id)
      .limit(GANTT_LIMIT),
    db.select({ total: sql<number>`count(*)::int` }).from(matters).where(where),
  ]);
  return { rows, total: count!.total };
}
