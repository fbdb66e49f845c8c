import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Executor } from '../../db/connect';
import { notifications } from '../../db/schema';
import { notFound } from '../../errors';

/** Every query here is keyed by the caller's own user id: there is no way to name someone else's notification. */

export interface InboxQuery {
  unread?: boolean;
  limit: number;
  offset: number;
}

const count = async (db: Executor, where: SQL | undefined) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where);
  return row?.n ?? 0;
};

export async function listInbox(db: Executor, userId: string, q: InboxQuery) {
  const mine = eq(notifications.userId, userId);
  const unreadOnly = and(mine, isNull(notifications.readAt));
  const where =
    q.unread === undefined ? mine : q.unread ? unreadOnly : and(mine, sql`${notifications.readAt} IS NOT NULL`);
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit)
    .offset(q.offset);
  return { rows, total: await count(db, where), unread: await count(db, unreadOnly) };
}

export const unreadCount = (db: Executor, userId: string) =>
  count(db, and(eq(notifications.userId, userId), isNull(notifications.readAt)));

/** Marking twice keeps the first read time; another user's id is indistinguishable from a missing one. */
export async function markRead(db: Executor, clock: Clock, userId: string, id: string) {
  const mine = and(eq(notifications.id, id), eq(notifications.userId, userId));
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${clock.now().toISOString()}::timestamptz)` })
    .where(mine)
    .returning();
  if (!row) throw notFound('通知');
  return row;
}

export async function markAllRead(db: Executor, clock: Clock, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: clock.now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
