import { DELIVERY_HEADER, type ChannelMessage, type ChannelTarget, type HttpRequest, type ReplyVerdict } from './types';
import { is2xx, markdownText, parseJsonObject, truncateBytes } from './text';

/** WeCom refuses markdown content over 4096 bytes of UTF-8. */
const MAX_CONTENT_BYTES = 4096;

/** WeCom group robot: the key in the URL is the only credential, so there is nothing to sign. */
export function buildWecomRequest(target: ChannelTarget, msg: ChannelMessage): HttpRequest {
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { content: truncateBytes(markdownText(msg), MAX_CONTENT_BYTES) },
  });
  return {
    method: 'POST',
    url: target.url,
    headers: { 'content-type': 'application/json; charset=utf-8', [DELIVERY_HEADER]: msg.deliveryId },
    body,
  };
}

export function interpretWecomReply(status: number, text: string): ReplyVerdict {
  if (!is2xx(status)) return { ok: false, error: `企业微信返回 HTTP ${status}` };
  const json = parseJsonObject(text);
  if (!json || typeof json.errcode !== 'number') return { ok: false, error: '企业微信回复格式无法识别（缺少 errcode）' };
  if (json.errcode !== 0) return { ok: false, error: `企业微信拒绝：errcode ${json.errcode} ${String(json.errmsg ?? '')}`.trim() };
  return { ok: true };
}
