import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Tx } from '../../db/connect';
import { notificationChannels, notifications, outbox, users } from '../../db/schema';
import type { OutboxPayload } from './payload';
import { getSmtpSettings, smtpConfigured } from './settings';

export interface NotifyInput {
  userIds: readonly string[];
  /** what happened, as a stable dotted code, e.g. 'matter.assigned' */
  kind: string;
  title: string;
  body: string;
  /** an in-app path such as '/matters/123', or an absolute http(s) URL */
  link?: string | null;
  /**
   * Only the recipients' own channels (in-app, their e-mail), never the group
   * robots and webhooks: for notices about one person's account, such as a lock.
   */
  personal?: boolean;
}

export interface NotifyResult {
  notificationIds: string[];
  outboxIds: string[];
}

/** Column limits: notify() is called with business text, and an over-long title must not fail the business change. */
export const LIMITS = { kind: 64, title: 200, body: 4000, link: 1000 } as const;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Records a notification inside the caller's transaction: one in-app row per
 * active recipient, one outbox row per enabled group robot or webhook (one
 * message per call, naming the recipients), and one e-mail per recipient
 * with an address when SMTP is set up. Nothing is sent here, so a dead
 * endpoint can neither slow down nor roll back the business change; the
 * delivery job sends the outbox after commit, and a rollback takes every
 * row with it.
 */
export async function notify(tx: Tx, deps: { clock: Clock }, input: NotifyInput): Promise<NotifyResult> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return { notificationIds: [], outboxIds: [] };
  const recipients = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)))
    .orderBy(asc(users.name));
  if (recipients.length === 0) return { notificationIds: [], outboxIds: [] };

  const now = deps.clock.now();
  const kind = clip(input.kind, LIMITS.kind);
  const title = clip(input.title, LIMITS.title);
  const body = clip(input.body, LIMITS.body);
  const link = input.link ? clip(input.link, LIMITS.link) : null;

  const inApp = recipients.map((r) => ({
    id: crypto.randomUUID(),
    userId: r.id,
    kind,
    title,
    body,
    link,
    createdAt: now,
  }));
  await tx.insert(notifications).values(inApp);

  const base: OutboxPayload = { event: kind, title, body, link };
  const queued: (typeof outbox.$inferInsert)[] = [];
  const channels = input.personal
    ? []
    : await tx
        .select({ id: notificationChannels.id, kind: notificationChannels.kind, name: notificationChannels.name })
        .from(notificationChannels)
        .where(eq(notificationChannels.enabled, true));
  for (const c of channels) {
    queued.push(outboxRow(now, c.kind, c.id, c.name, { ...base, recipients: recipients.map((r) => r.name) }));
  }
  const smtp = await getSmtpSettings(tx);
  if (smtpConfigured(smtp)) {
    for (const r of recipients) {
      if (r.email) queued.push(outboxRow(now, 'email', null, r.email, { ...base, userId: r.id }));
    }
  }
  if (queued.length) await tx.insert(outbox).values(queued);
  return { notificationIds: inApp.map((n) => n.id), outboxIds: queued.map((q) => q.id!) };
}

export function outboxRow(
  now: Date,
  kind: (typeof outbox.$inferInsert)['kind'],
  channelId: string | null,
  target: string,
  payload: OutboxPayload,
): typeof outbox.$inferInsert {
  return {
    id: crypto.randomUUID(),
    kind,
    channelId,
    target,
    payload: { ...payload },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
}
