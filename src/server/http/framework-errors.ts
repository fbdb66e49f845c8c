import crypto from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './errors';
import { applyResponseHeaders } from './headers';
import { AppError, type ErrorCode } from '../errors';

/**
 * Answers that Fastify and Node give before any route runs, in the app's own
 * format. The router's (bad percent-encoding, over-long path segment) have a
 * request and a request id; the HTTP parser's (malformed request, headers or
 * URL beyond 16 KB, timeout) have only the socket, so the id is made here and
 * logged with the error code.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const send = (status: number, code: ErrorCode, message: string) => {
    applyResponseHeaders(req, reply);
    reply.status(status).header('x-request-id', req.id).header('cache-control', 'no-store');
    return reply.send({ error: { code, message, requestId: req.id } } satisfies ErrorBody);
  };
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return void send(400, 'INVALID_URL', INVALID_URL_MESSAGE);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return void send(414, 'URI_TOO_LONG', '网址过长，请检查后重试');
    default:
      req.log.error({ err, requestId: req.id }, 'framework error');
      return void send(500, 'INTERNAL', `服务器内部错误，请联系管理员（请求编号 ${req.id}）`);
  }
}

const INVALID_URL_MESSAGE = '网址格式不正确（含有无效的百分号编码），请检查后重试';

/** True when every percent-escape in the query string decodes to UTF-8 text. */
function queryDecodes(query: string): boolean {
  if (!query.includes('%')) return true;
  for (const part of query.split(/[&=]/)) {
    try {
      decodeURIComponent(part);
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The router refuses a path whose escapes do not decode, but Fastify's query
 * parser keeps "%ZZ" or "%ED%A0%80" (a lone surrogate) as they are, and the
 * handler would search for them. Refused the same way as a bad path.
 */
export function assertQueryDecodes(req: FastifyRequest): void {
  const at = req.url.indexOf('?');
  if (at >= 0 && !queryDecodes(req.url.slice(at + 1))) throw new AppError('INVALID_URL', INVALID_URL_MESSAGE);
}

function clientAnswer(code: string | undefined): [number, ErrorCode, string] {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'REQUEST_TIMEOUT', '请求超时，请重试'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'HEADERS_TOO_LARGE', '网址或请求头过长，请检查后重试'];
    default:
      return [400, 'BAD_REQUEST', '请求格式不正确'];
  }
}

export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const requestId = crypto.randomUUID();
  const [status, code, message] = clientAnswer(err.code);
  // Only the code: the error also carries the raw request bytes, cookies included.
  this.log.info({ requestId, clientError: err.code ?? 'unknown' }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify({ error: { code, message, requestId } } satisfies ErrorBody);
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nx-content-type-options: nosniff\r\ncache-control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
