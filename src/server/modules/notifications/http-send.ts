import type { HttpRequest } from './adapters';

export interface HttpReply {
  status: number;
  body: string;
}

/** Replies are read only to find the platform's success code; a huge body is cut rather than buffered. */
const MAX_REPLY_BYTES = 64 * 1024;

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_REPLY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES).toString('utf8');
}

/** Turns fetch's English, nested failures into one Chinese line for the admin outbox page. */
export function describeSendError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return `请求超时（超过 ${timeoutMs} 毫秒未完成）`;
  }
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code ?? (e as { code?: string } | null)?.code;
  const detail = code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return `连接失败：${detail}`.slice(0, 500);
}

/**
 * Sends one request with a hard deadline covering connect, headers and body.
 * Redirects are not followed: a robot address that redirects is misconfigured,
 * and following it would send the message somewhere nobody approved.
 */
export async function sendHttp(req: HttpRequest, timeoutMs: number): Promise<HttpReply> {
  const signal = AbortSignal.timeout(timeoutMs);
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal });
  return { status: res.status, body: await readCapped(res) };
}
