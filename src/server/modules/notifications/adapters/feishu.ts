import crypto from 'node:crypto';
import { DELIVERY_HEADER, type ChannelMessage, type ChannelTarget, type HttpRequest, type ReplyVerdict } from './types';
import { is2xx, parseJsonObject, recipientsLine, truncateBytes } from './text';

/**
 * Feishu custom bot signing differs from DingTalk's: `timestamp + "\n" +
 * secret` is the HMAC-SHA256 *key* and the message is empty; base64, not
 * URL-encoded, because it travels in the JSON body. Timestamp in seconds.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return crypto.createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Feishu limits a request body to 20 KB; the text is the only part that grows. */
const MAX_BODY_TEXT_BYTES = 8000;

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

export function buildFeishuRequest(target: ChannelTarget, msg: ChannelMessage, now: Date): HttpRequest {
  const lines: PostElement[][] = [];
  if (msg.body) lines.push([{ tag: 'text', text: truncateBytes(msg.body, MAX_BODY_TEXT_BYTES) }]);
  if (msg.link) lines.push([{ tag: 'a', text: '查看详情', href: msg.link }]);
  const who = recipientsLine(msg.recipients);
  if (who) lines.push([{ tag: 'text', text: who }]);
  const payload: Record<string, unknown> = {};
  if (target.secret) {
    const ts = Math.floor(now.getTime() / 1000);
    payload.timestamp = String(ts);
    payload.sign = feishuSign(target.secret, ts);
  }
  payload.msg_type = 'post';
  payload.content = { post: { zh_cn: { title: truncateBytes(msg.title, 300), content: lines } } };
  return {
    method: 'POST',
    url: target.url,
    headers: { 'content-type': 'application/json; charset=utf-8', [DELIVERY_HEADER]: msg.deliveryId },
    body: JSON.stringify(payload),
  };
}

/** Newer Feishu replies carry `code`; older ones only `StatusCode`. Either must be 0. */
export function interpretFeishuReply(status: number, text: string): ReplyVerdict {
  if (!is2xx(status)) return { ok: false, error: `飞书返回 HTTP ${status}` };
  const json = parseJsonObject(text);
  const code = json?.code ?? json?.StatusCode;
  if (typeof code !== 'number') return { ok: false, error: '飞书回复格式无法识别（缺少 code）' };
  if (code !== 0) return { ok: false, error: `飞书拒绝：code ${code} ${String(json?.msg ?? json?.StatusMessage ?? '')}`.trim() };
  return { ok: true };
}
