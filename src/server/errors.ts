/**
 * Every error a client can see: a stable code, an HTTP status, and a Chinese
 * message for the user. Codes never change meaning once released.
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  /** a percent-encoding in the path or query that does not decode */
  INVALID_URL: 400,
  /** an HTTP request the parser could not read */
  BAD_REQUEST: 400,
  REQUEST_TIMEOUT: 408,
  /** a path segment longer than the router accepts */
  URI_TOO_LONG: 414,
  /** request line and headers beyond Node's 16 KB */
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_CREDENTIALS: 401,
  /** Reserved, no longer answered: a locked account gets BAD_CREDENTIALS like every refused login (no account enumeration). */
  ACCOUNT_LOCKED: 423,
  PASSWORD_CHANGE_REQUIRED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  TOKEN_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** a zip package (Office file, OFD, .zip) that unpacks past the limits of files/zip.ts: a zip bomb */
  ARCHIVE_TOO_LARGE: 413,
  RULE_VIOLATION: 422,
  PASSWORD_POLICY: 422,
  CURRENT_PASSWORD_WRONG: 422,
  CLASSIFIED_CONTENT: 422,
  SEPARATION_OF_DUTIES: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** the database connection was lost; retry after the Retry-After header */
  DB_UNAVAILABLE: 503,
  /** the embedded database's queue is full; retry after the Retry-After header */
  DB_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return errorCodes[this.code];
  }
}

export const notFound = (what = '对象') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const forbidden = (why = '无权执行此操作') => new AppError('FORBIDDEN', why);
export const stale = () =>
  new AppError('STALE_VERSION', '数据已被他人修改，请刷新后重试');
