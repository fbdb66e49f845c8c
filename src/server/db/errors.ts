import { AppError } from '../errors';

/**
 * SQLSTATEs that mean the connection, not the statement, failed: the server
 * ended the backend (57P01 admin_shutdown by pg_terminate_backend or a fast
 * shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now while it starts
 * up) or the link broke (class 08).
 */
const lostStates = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
/** Socket errors of a server that went away or is not listening. */
const lostErrnos = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/**
 * node-postgres reports a dead socket with plain Errors and these messages
 * (pg/lib/client.js); the pool's connect timeout likewise.
 */
const lostMessages = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

/** Seconds a client should wait before retrying (the Retry-After header). */
export const RETRY_AFTER_UNAVAILABLE = 2;
export const RETRY_AFTER_BUSY = 1;

export const dbUnavailable = () => new AppError('DB_UNAVAILABLE', '数据库连接中断，请稍后重试');
export const dbBusy = () => new AppError('DB_BUSY', '数据库繁忙，请稍后重试');

/** The error and its causes, outermost first: Drizzle puts the driver's error on `.cause`. */
function* chain(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/** Whether the error (or one of its causes) is a lost or refused database connection. */
export function isConnectionLoss(err: unknown): boolean {
  for (const e of chain(err)) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (lostStates.has(code) || lostErrnos.has(code))) return true;
    if (typeof message === 'string' && lostMessages.some((m) => message.startsWith(m))) return true;
  }
  return false;
}

/**
 * The 503 answer for a database that is away or saturated, or null for any
 * other error: DB_BUSY when the admission queue shed the work (possibly
 * wrapped by Drizzle; the shed unit never ran), DB_UNAVAILABLE when the
 * connection was lost (its transaction rolled back — unless the backend died
 * in the instant between committing and answering, which no client can tell).
 */
export function databaseTrouble(err: unknown): { error: AppError; retryAfter: number } | null {
  for (const e of chain(err)) {
    if (e instanceof AppError && e.code === 'DB_BUSY') return { error: e, retryAfter: RETRY_AFTER_BUSY };
    if (e instanceof AppError && e.code === 'DB_UNAVAILABLE') return { error: e, retryAfter: RETRY_AFTER_UNAVAILABLE };
  }
  if (isConnectionLoss(err)) return { error: dbUnavailable(), retryAfter: RETRY_AFTER_UNAVAILABLE };
  return null;
}
