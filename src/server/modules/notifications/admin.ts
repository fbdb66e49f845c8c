import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Executor, Tx } from '../../db/connect';
import { notificationChannels, outbox, outboxAttempts } from '../../db/schema';
import type { RequestMeta } from '../../http/context';
import { appendAudit } from '../audit/service';
import { presentOutboxItem } from './present';
import { getSmtpSettings, saveDeliverySettings, saveSmtpSettings, type DeliverySettings, type SmtpSettings } from './settings';

export type OutboxStatus = (typeof outbox.$inferSelect)['status'];

/** The admin's view of what was sent where, newest first, each row with its attempts. */
export async function listOutbox(db: Executor, q: { status?: OutboxStatus; limit: number; offset: number }) {
  const where = q.status ? eq(outbox.status, q.status) : undefined;
  const rows = await db
    .select({ o: outbox, channelName: notificationChannels.name })
    .from(outbox)
    .leftJoin(notificationChannels, eq(notificationChannels.id, outbox.channelId))
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(q.limit)
    .offset(q.offset);
  const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(outbox).where(where)) as [{ total: number }];
  const ids = rows.map((r) => r.o.id);
  const log = ids.length
    ? await db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, ids)).orderBy(asc(outboxAttempts.id))
    : [];
  const byRow = new Map<string, typeof log>();
  for (const a of log) byRow.set(a.outboxId, [...(byRow.get(a.outboxId) ?? []), a]);
  return { items: rows.map((r) => presentOutboxItem(r.o, r.channelName, byRow.get(r.o.id) ?? [])), total };
}

export interface SmtpInput extends Omit<SmtpSettings, 'password'> {
  /** a string sets it, null clears it, absent keeps the stored one */
  password?: string | null;
  version: number;
}

export async function updateSmtpSettings(tx: Tx, clock: Clock, meta: RequestMeta, input: SmtpInput) {
  const cur = await getSmtpSettings(tx);
  const { version, password, ...rest } = input;
  const next: SmtpSettings = { ...rest, password: password === undefined ? cur.password : (password ?? '') };
  const saved = await saveSmtpSettings(tx, clock, meta.actor?.userId ?? null, next, version);
  await appendAudit(tx, clock, meta, {
    action: 'notify.smtp.update',
    objectType: 'setting',
    objectId: 'notify.smtp',
    detail: { ...rest, password: password === undefined ? 'kept' : password ? 'set' : 'cleared' },
  });
  return { ...next, version: saved };
}

export async function updateDeliverySettings(tx: Tx, clock: Clock, meta: RequestMeta, input: DeliverySettings & { version: number }) {
  const { version, ...value } = input;
  const saved = await saveDeliverySettings(tx, clock, meta.actor?.userId ?? null, value, version);
  await appendAudit(tx, clock, meta, { action: 'notify.delivery.update', objectType: 'setting', objectId: 'notify.delivery', detail: value });
  return { ...value, version: saved };
}
