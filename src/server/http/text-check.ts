import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/**
 * U+0000 and unpaired UTF-16 surrogates are valid in a JavaScript string but
 * not in PostgreSQL text: the driver fails the query and the caller got a 500.
 * No user types them, so they are refused as input rather than cleaned.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const badChar = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const NUL_MESSAGE = '含有不可见的空字符，请删除后重新输入';
export const SURROGATE_MESSAGE = '含有无法识别的字符（不完整的字符编码），请删除后重新输入';

/** The Chinese message for a string that cannot be stored, or null when it can. */
export function badTextMessage(s: string): string | null {
  const m = badChar.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? NUL_MESSAGE : SURROGATE_MESSAGE;
}

export interface BadText {
  field: string;
  message: string;
}

/**
 * Walks a parsed value (JSON body, query, params, headers) for strings,
 * object keys included. Iterative with an explicit stack: a 1 MB body of
 * nested arrays must not overflow the call stack.
 */
export function findBadText(value: unknown, root: string): BadText | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      const message = badTextMessage(v);
      if (message) return { field: at, message };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Uint8Array)) {
      for (const [k, child] of Object.entries(v)) {
        const keyMessage = badTextMessage(k);
        if (keyMessage) return { field: at, message: `字段名${keyMessage}` };
        stack.push([child, `${at}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * Every request part a handler can read, whether or not its route declares a
 * schema for it: params, query, body (raw uploads are Buffers and streams,
 * and are skipped) and headers (the user agent is stored with each session).
 */
export function assertCleanRequest(req: FastifyRequest): void {
  const parts: [unknown, string][] = [
    [req.params, 'params'],
    [req.query, 'querystring'],
    [req.body, 'body'],
    [req.headers, 'headers'],
  ];
  for (const [value, name] of parts) {
    const bad = findBadText(value, name);
    if (bad) {
      throw new AppError('VALIDATION_FAILED', `请求参数有误：${bad.field}：${bad.message}`, [bad]);
    }
  }
}
