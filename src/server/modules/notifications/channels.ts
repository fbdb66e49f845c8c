import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Executor, Tx } from '../../db/connect';
import { notificationChannels, outbox, type ChannelKind } from '../../db/schema';
import type { RequestMeta } from '../../http/context';
import { AppError, notFound, stale } from '../../errors';
import { appendAudit } from '../audit/service';
import { outboxRow } from './notify';
import { WECOM_SECRET_MESSAGE } from './schema';

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  url: string;
  secret?: string | null;
  enabled?: boolean;
}

export interface ChannelPatch {
  name?: string;
  url?: string;
  /** a string sets it, null clears it, absent keeps it */
  secret?: string | null;
  enabled?: boolean;
  version: number;
}

/**
 * The robot address can carry its access token (DingTalk, WeCom and Feishu
 * put it in the URL), so audit records keep only scheme, host and path
 * prefix: enough to see what changed, not enough to post to the group.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 24 ? `${u.pathname.slice(0, 24)}…` : u.pathname}`;
  } catch {
    return '';
  }
}

export const listChannels = (db: Executor) =>
  db.select().from(notificationChannels).orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.name));

async function lockChannel(tx: Tx, id: string) {
  const [row] = await tx.select().from(notificationChannels).where(eq(notificationChannels.id, id)).for('update');
  if (!row) throw notFound('通知通道');
  return row;
}

export async function createChannel(tx: Tx, clock: Clock, meta: RequestMeta, input: ChannelInput) {
  const now = clock.now();
  const [row] = await tx
    .insert(notificationChannels)
    .values({
      id: crypto.randomUUID(),
      kind: input.kind,
      name: input.name,
      url: input.url,
      secret: input.secret || null,
      enabled: input.enabled ?? true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await appendAudit(tx, clock, meta, {
    action: 'notify.channel.create',
    objectType: 'notification_channel',
    objectId: row!.id,
    detail: { kind: input.kind, name: input.name, url: redactUrl(input.url), hasSecret: Boolean(input.secret), enabled: row!.enabled },
  });
  return row!;
}

export async function updateChannel(tx: Tx, clock: Clock, meta: RequestMeta, id: string, patch: ChannelPatch) {
  const cur = await lockChannel(tx, id);
  if (cur.version !== patch.version) throw stale();
  if (cur.kind === 'wecom' && patch.secret) throw new AppError('VALIDATION_FAILED', WECOM_SECRET_MESSAGE);
  const changes: Partial<typeof notificationChannels.$inferInsert> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.url !== undefined) changes.url = patch.url;
  if (patch.secret !== undefined) changes.secret = patch.secret || null;
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  const [row] = await tx
    .update(notificationChannels)
    .set({ ...changes, version: cur.version + 1, updatedAt: clock.now() })
    .where(eq(notificationChannels.id, id))
    .returning();
  await appendAudit(tx, clock, meta, {
    action: 'notify.channel.update',
    objectType: 'notification_channel',
    objectId: id,
    detail: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: redactUrl(patch.url) } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret ? 'set' : 'cleared' } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    },
  });
  return row!;
}

/**
 * A channel that ever queued a message is only disabled: its outbox rows and
 * their attempts stay explainable. One never used is deleted outright.
 */
export async function removeChannel(tx: Tx, clock: Clock, meta: RequestMeta, id: string) {
  const cur = await lockChannel(tx, id);
  const [used] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.channelId, id)).limit(1);
  if (used) {
    const [row] = await tx
      .update(notificationChannels)
      .set({ enabled: false, version: cur.version + 1, updatedAt: clock.now() })
      .where(eq(notificationChannels.id, id))
      .returning();
    await appendAudit(tx, clock, meta, {
      action: 'notify.channel.disable',
      objectType: 'notification_channel',
      objectId: id,
      detail: { name: cur.name, reason: 'has_messages' },
    });
    return { deleted: false, channel: row! };
  }
  await tx.delete(notificationChannels).where(eq(notificationChannels.id, id));
  await appendAudit(tx, clock, meta, {
    action: 'notify.channel.delete',
    objectType: 'notification_channel',
    objectId: id,
    detail: { kind: cur.kind, name: cur.name },
  });
  return { deleted: true, channel: null };
}

/** Queues a test message through the normal outbox path, so the test proves what real messages will do. */
export async function queueChannelTest(tx: Tx, clock: Clock, meta: RequestMeta, id: string): Promise<string> {
  const cur = await lockChannel(tx, id);
  const now = clock.now();
  const row = outboxRow(now, cur.kind, cur.id, cur.name, {
    event: 'channel.test',
    title: '中枢平台测试消息',
    body: `这是一条来自中枢平台的测试消息，收到即表示“${cur.name}”配置正确。`,
    link: null,
    recipients: meta.actor ? [meta.actor.name] : [],
    test: true,
  });
  await tx.insert(outbox).values(row);
  await appendAudit(tx, clock, meta, {
    action: 'notify.channel.test',
    objectType: 'notification_channel',
    objectId: id,
    detail: { outboxId: row.id },
  });
  return row.id!;
}
