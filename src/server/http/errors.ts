import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors';
import { databaseTrouble } from '../db/errors';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId: string };
}

function fieldPath(p: unknown): string {
  if (typeof p === 'string') return p.replace(/^\//, '').replace(/\//g, '.');
  return '';
}

/**
 * One place turns every failure into `{ error: { code, message } }` with a
 * Chinese message. Anything unexpected is logged with the request id and
 * answered 500 without internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { code?: string }, req, reply) => {
    const send = (status: number, code: ErrorCode, message: string, details?: unknown) =>
      reply.status(status).send({ error: { code, message, details, requestId: req.id } } satisfies ErrorBody);

    // A lost database connection or a full PGlite queue, however Drizzle wrapped it: 503 and when to retry.
    const db = databaseTrouble(err);
    if (db) {
      req.log.warn({ err, requestId: req.id }, 'database unavailable');
      reply.header('retry-after', String(db.retryAfter));
      return send(503, db.error.code, db.error.message);
    }
    if (err instanceof AppError) return send(err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, fieldPath(v.instancePath)].filter(Boolean).join('.'),
        message: v.message ?? '格式不正确',
      }));
      const first = issues.slice(0, 3).map((i) => `${i.field || '请求'}：${i.message}`);
      return send(400, 'VALIDATION_FAILED', `请求参数有误：${first.join('；')}`, issues);
    }
    // Drizzle wraps driver errors; the SQLSTATE is on the cause.
    const sqlState = (err.cause as { code?: string } | undefined)?.code ?? err.code;
    switch (sqlState) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求格式，请以 JSON 提交');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'PAYLOAD_TOO_LARGE', '提交的内容过大');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(400, 'INVALID_JSON', '请求体不是有效的 JSON');
      case '23505':
        return send(409, 'DUPLICATE', '与已有记录重复');
      case '23503':
        return send(422, 'RULE_VIOLATION', '引用的对象不存在或仍被引用');
      case '40001':
      case '40P01':
        return send(409, 'CONFLICT', '操作冲突，请重试');
    }
    if (err.statusCode === 429) return send(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return send(400, 'INVALID_JSON', '请求体不是有效的 JSON');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, 'VALIDATION_FAILED', '请求无效');
    }
    req.log.error({ err, requestId: req.id }, 'unhandled error');
    return send(500, 'INTERNAL', `服务器内部错误，请联系管理员（请求编号 ${req.id}）`);
  });
}
