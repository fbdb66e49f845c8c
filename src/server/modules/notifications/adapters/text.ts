import type { ChannelMessage } from './types';

/** Cuts a string to at most maxBytes of UTF-8 without splitting a character, marking the cut. */
export function truncateBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  const mark = '…';
  let budget = maxBytes - Buffer.byteLength(mark, 'utf8');
  let out = '';
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (n > budget) break;
    out += ch;
    budget -= n;
  }
  return out + mark;
}

/** Long recipient lists would drown the message in a group chat; the first few names and a count say enough. */
export function recipientsLine(names: string[], shown = 10): string | null {
  if (names.length === 0) return null;
  const head = names.slice(0, shown).join('、');
  return names.length > shown ? `接收人：${head} 等 ${names.length} 人` : `接收人：${head}`;
}

/** Markdown for DingTalk and WeCom, which both render headings, links and quotes. */
export function markdownText(msg: ChannelMessage): string {
  const parts = [`### ${msg.title}`];
  if (msg.body) parts.push(msg.body);
  if (msg.link) parts.push(`[查看详情](${msg.link})`);
  const who = recipientsLine(msg.recipients);
  if (who) parts.push(`> ${who}`);
  return parts.join('\n\n');
}

/** Plain text for platforms or message types without markup. */
export function plainText(msg: ChannelMessage): string {
  const parts = [`【${msg.title}】`];
  if (msg.body) parts.push(msg.body);
  if (msg.link) parts.push(`查看详情：${msg.link}`);
  const who = recipientsLine(msg.recipients);
  if (who) parts.push(who);
  return parts.join('\n');
}

/** Parses a platform reply body as a JSON object, or null when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const is2xx = (status: number) => status >= 200 && status < 300;
