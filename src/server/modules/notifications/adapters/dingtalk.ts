import crypto from 'node:crypto';
import { DELIVERY_HEADER, type ChannelMessage, type ChannelTarget, type HttpRequest, type ReplyVerdict } from './types';
import { is2xx, markdownText, parseJsonObject, truncateBytes } from './text';

/**
 * DingTalk custom robot signing: HMAC-SHA256 keyed with the secret over
 * `timestamp + "\n" + secret`, base64, then URL-encoded. The timestamp is in
 * milliseconds and must be within an hour of DingTalk's clock.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const digest = crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

/** DingTalk caps a markdown message at 20 000 bytes; stay well under it. */
const MAX_TEXT_BYTES = 5000;

export function buildDingtalkRequest(target: ChannelTarget, msg: ChannelMessage, now: Date): HttpRequest {
  let url = target.url;
  if (target.secret) {
    const ts = now.getTime();
    url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${dingtalkSign(target.secret, ts)}`;
  }
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: truncateBytes(msg.title, 200), text: truncateBytes(markdownText(msg), MAX_TEXT_BYTES) },
  });
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', [DELIVERY_HEADER]: msg.deliveryId },
    body,
  };
}

/** DingTalk answers HTTP 200 even when it refuses a message; errcode says what happened. */
export function interpretDingtalkReply(status: number, text: string): ReplyVerdict {
  if (!is2xx(status)) return { ok: false, error: `钉钉返回 HTTP ${status}` };
  const json = parseJsonObject(text);
  if (!json || typeof json.errcode !== 'number') return { ok: false, error: '钉钉回复格式无法识别（缺少 errcode）' };
  if (json.errcode !== 0) return { ok: false, error: `钉钉拒绝：errcode ${json.errcode} ${String(json.errmsg ?? '')}`.trim() };
  return { ok: true };
}
