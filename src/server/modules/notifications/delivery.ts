import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Db, Tx } from '../../db/connect';
import { notificationChannels, outbox, outboxAttempts } from '../../db/schema';
import { buildChannelRequest, interpretReply, type ChannelMessage } from './adapters';
import { retryDelayMs } from './backoff';
import { composeEmail, describeEmailError, sendEmail } from './email';
import { describeSendError, sendHttp } from './http-send';
import { readPayload } from './payload';
import { absoluteLink, getDeliverySettings, getSmtpSettings, smtpConfigured, type DeliverySettings } from './settings';

type OutboxRow = typeof outbox.$inferSelect;

/** Runs fn in a transaction only if this process wins the job's advisory lock (see jobs/scheduler.ts). */
export type Guard = <T>(fn: (tx: Tx) => Promise<T>) => Promise<{ ran: true; value: T } | { ran: false }>;

export interface DeliveryOptions {
  batchSize?: number;
  concurrency?: number;
  /** jitter source; tests pin it */
  random?: () => number;
  /** stop starting new sends (in-flight ones finish within their timeout) */
  signal?: AbortSignal;
}

export interface DeliveryReport {
  /** another process held the lock, so nothing was claimed */
  locked: boolean;
  claimed: number;
  delivered: number;
  retrying: number;
  dead: number;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** no retry can help (channel gone or disabled, SMTP switched off) */
  permanent: boolean;
}

/**
 * Claims due rows under the lock and pushes their next attempt time out by a
 * lease, then sends outside any transaction: PGlite has one connection, and
 * holding a transaction across HTTP calls would stall every request. If the
 * process dies mid-send the lease expires and the row is sent again, with
 * the same delivery header so the receiver can drop the duplicate.
 */
async function claimDue(tx: Tx, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (rows.length) {
    await tx
      .update(outbox)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
      .where(inArray(outbox.id, rows.map((r) => r.id)));
  }
  return rows;
}

const permanent = (error: string): Outcome => ({ ok: false, statusCode: null, error, permanent: true });

async function attempt(db: Db, row: OutboxRow, cfg: DeliverySettings, now: Date): Promise<Outcome> {
  const p = readPayload(row.payload);
  const link = absoluteLink(p.link, cfg.publicUrl);
  if (row.kind === 'email') {
    const smtp = await getSmtpSettings(db);
    if (!smtpConfigured(smtp)) return permanent('邮件（SMTP）未启用或未配置，消息不再发送');
    try {
      await sendEmail(smtp, composeEmail(row.id, row.target, p.title, p.body, link), cfg.timeoutMs);
      return { ok: true, statusCode: null, error: null, permanent: false };
    } catch (e) {
      return { ok: false, statusCode: null, error: describeEmailError(e, cfg.timeoutMs), permanent: false };
    }
  }
  const [channel] = row.channelId
    ? await db.select().from(notificationChannels).where(eq(notificationChannels.id, row.channelId))
    : [];
  if (!channel) return permanent('通知通道已删除，消息不再发送');
  if (!channel.enabled && !p.test) return permanent('通知通道已停用，消息不再发送');
  const msg: ChannelMessage = {
    deliveryId: row.id,
    event: p.event,
    title: p.title,
    body: p.body,
    link,
    recipients: p.recipients ?? [],
    createdAt: row.createdAt.toISOString(),
  };
  const req = buildChannelRequest(channel.kind, { url: channel.url, secret: channel.secret }, msg, now);
  try {
    const reply = await sendHttp(req, cfg.timeoutMs);
    const verdict = interpretReply(channel.kind, reply.status, reply.body);
    return { ok: verdict.ok, statusCode: reply.status, error: verdict.error ?? null, permanent: false };
  } catch (e) {
    return { ok: false, statusCode: null, error: describeSendError(e, cfg.timeoutMs), permanent: false };
  }
}

type Result = 'delivered' | 'retrying' | 'dead' | 'superseded';

/**
 * Records the attempt and moves the row on. Success is written whatever
 * happened meanwhile, so once a 2xx is on record the row is never claimed
 * again; a failure is written only if nobody else has attempted the row
 * since it was claimed (the attempts count is the fence).
 */
async function record(
  deps: { db: Db; clock: Clock },
  row: OutboxRow,
  outcome: Outcome,
  startedAt: Date,
  durationMs: number,
  cfg: DeliverySettings,
  random: () => number,
): Promise<Result> {
  return deps.db.transaction(async (tx) => {
    await tx.insert(outboxAttempts).values({
      outboxId: row.id,
      at: startedAt,
      ok: outcome.ok,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs,
    });
    const now = deps.clock.now();
    if (outcome.ok) {
      const done = await tx
        .update(outbox)
        .set({ status: 'delivered', deliveredAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')))
        .returning({ id: outbox.id });
      return done.length ? 'delivered' : 'superseded';
    }
    const failures = row.attempts + 1;
    const dead = outcome.permanent || failures >= cfg.maxAttempts;
    const moved = await tx
      .update(outbox)
      .set({
        attempts: failures,
        lastError: outcome.error,
        status: dead ? 'dead' : 'pending',
        nextAttemptAt: dead ? now : new Date(now.getTime() + retryDelayMs(failures, random)),
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.attempts, row.attempts)))
      .returning({ id: outbox.id });
    if (!moved.length) return 'superseded';
    return dead ? 'dead' : 'retrying';
  });
}

async function deliverOne(deps: { db: Db; clock: Clock }, row: OutboxRow, cfg: DeliverySettings, random: () => number) {
  const startedAt = deps.clock.now();
  const t0 = performance.now();
  let outcome: Outcome;
  try {
    outcome = await attempt(deps.db, row, cfg, startedAt);
  } catch (e) {
    // A database hiccup while loading the channel is worth a retry, not a crash of the batch.
    outcome = { ok: false, statusCode: null, error: `发送前出错：${e instanceof Error ? e.message : String(e)}`.slice(0, 500), permanent: false };
  }
  return record(deps, row, outcome, startedAt, Math.round(performance.now() - t0), cfg, random);
}

/** Sends every due outbox row once (success, retry later, or dead) and says what happened. */
export async function deliverDue(deps: { db: Db; clock: Clock }, guard: Guard, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const batchSize = opts.batchSize ?? 20;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const random = opts.random ?? Math.random;
  const cfg = await getDeliverySettings(deps.db);
  // Long enough for the whole batch to be sent before anyone may claim these rows again.
  const leaseMs = Math.ceil(batchSize / concurrency) * (cfg.timeoutMs + 5_000) + 60_000;
  const claim = await guard((tx) => claimDue(tx, deps.clock.now(), batchSize, leaseMs));
  const report: DeliveryReport = { locked: !claim.ran, claimed: 0, delivered: 0, retrying: 0, dead: 0 };
  if (!claim.ran) return report;
  const rows = claim.value;
  report.claimed = rows.length;
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !opts.signal?.aborted) {
      const row = rows[next++]!;
      const result = await deliverOne(deps, row, cfg, random);
      if (result !== 'superseded') report[result]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return report;
}
