import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { auditLog } from '../../db/schema';

export interface AuditQuery {
  from?: Date;
  to?: Date;
  username?: string;
  action?: string;
  result?: 'success' | 'failure';
  objectType?: string;
  objectId?: string;
}

export function auditWhere(q: AuditQuery): SQL | undefined {
  return and(
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lte(auditLog.at, q.to) : undefined,
    q.username ? eq(sql`lower(${auditLog.username})`, q.username.toLowerCase()) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.result ? eq(auditLog.result, q.result) : undefined,
    q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
    q.objectId ? eq(auditLog.objectId, q.objectId) : undefined,
  );
}

export async function listAudit(db: Executor, q: AuditQuery, limit: number, offset: number) {
  const where = auditWhere(q);
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where)) as [{ total: number }];
  return { rows, total };
}

/** Newest first, in keyset batches, so an export of any size holds one batch in memory. */
export async function* auditBatches(db: Executor, q: AuditQuery, batch = 2000) {
  let before: number | null = null;
  for (;;) {
    const rows: (typeof auditLog.$inferSelect)[] = await db
      .select()
      .from(auditLog)
      .where(and(auditWhere(q), before === null ? undefined : lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(batch);
    if (rows.length === 0) return;
    yield rows;
    before = rows[rows.length - 1]!.id;
  }
}

/** Every record about the given objects, oldest first: the audit trail an evidence package cites. */
export async function auditForObjects(db: Executor, objectType: string, objectIds: string[]) {
  if (objectIds.length === 0) return [];
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), inArray(auditLog.objectId, objectIds)))
    .orderBy(asc(auditLog.id));
}
