import crypto from 'node:crypto';
import { DELIVERY_HEADER, SIGNATURE_HEADER, type ChannelMessage, type ChannelTarget, type HttpRequest, type ReplyVerdict } from './types';
import { is2xx } from './text';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, the form GitHub-style receivers already verify. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * Generic JSON webhook. The body carries no send time, so a retry is
 * byte-identical and its signature unchanged; receivers dedupe on the
 * delivery header.
 */
export function buildWebhookRequest(target: ChannelTarget, msg: ChannelMessage): HttpRequest {
  const body = JSON.stringify({
    id: msg.deliveryId,
    event: msg.event,
    title: msg.title,
    body: msg.body,
    link: msg.link,
    recipients: msg.recipients,
    createdAt: msg.createdAt,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    [DELIVERY_HEADER]: msg.deliveryId,
  };
  if (target.secret) headers[SIGNATURE_HEADER] = webhookSignature(target.secret, body);
  return { method: 'POST', url: target.url, headers, body };
}

export function interpretWebhookReply(status: number): ReplyVerdict {
  return is2xx(status) ? { ok: true } : { ok: false, error: `对方返回 HTTP ${status}` };
}
