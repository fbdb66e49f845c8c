import type { ChannelKind, notificationChannels, notifications, outbox, outboxAttempts } from '../../db/schema';
import { readPayload } from './payload';
import type { DeliverySettings, SmtpSettings } from './settings';

export const channelKindLabels: Record<ChannelKind, string> = {
  webhook: '通用 Webhook',
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  feishu: '飞书群机器人',
};

export const outboxKindLabels: Record<ChannelKind | 'email', string> = { ...channelKindLabels, email: '电子邮件' };

export const outboxStatusLabels = { pending: '待发送', delivered: '已送达', dead: '已放弃' } as const;

export function presentNotification(n: typeof notifications.$inferSelect) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** The secret is write-only: the API says whether one is set, never what it is. */
export function presentChannel(c: typeof notificationChannels.$inferSelect) {
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: channelKindLabels[c.kind],
    name: c.name,
    url: c.url,
    hasSecret: Boolean(c.secret),
    enabled: c.enabled,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentOutboxItem(
  o: typeof outbox.$inferSelect,
  channelName: string | null,
  log: (typeof outboxAttempts.$inferSelect)[],
) {
  const p = readPayload(o.payload);
  return {
    id: o.id,
    kind: o.kind,
    kindLabel: outboxKindLabels[o.kind],
    channel: o.channelId ? { id: o.channelId, name: channelName ?? '' } : null,
    target: o.target,
    event: p.event,
    title: p.title,
    test: p.test ?? false,
    status: o.status,
    statusLabel: outboxStatusLabels[o.status],
    attempts: o.attempts,
    nextAttemptAt: o.status === 'pending' ? o.nextAttemptAt.toISOString() : null,
    lastError: o.lastError,
    createdAt: o.createdAt.toISOString(),
    deliveredAt: o.deliveredAt?.toISOString() ?? null,
    attemptsLog: log.map((a) => ({
      at: a.at.toISOString(),
      ok: a.ok,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}

/** The SMTP password is write-only, like channel secrets. */
export function presentSmtp(s: SmtpSettings & { version: number }) {
  return {
    enabled: s.enabled,
    host: s.host,
    port: s.port,
    secure: s.secure,
    user: s.user || null,
    from: s.from,
    hasPassword: s.password !== '',
    version: s.version,
  };
}

export function presentDelivery(s: DeliverySettings & { version: number }) {
  return { timeoutMs: s.timeoutMs, maxAttempts: s.maxAttempts, publicUrl: s.publicUrl || null, version: s.version };
}
