import type { FastifyServerOptions } from 'fastify';

/**
 * What of an error may reach the log. Drizzle's DrizzleQueryError carries the
 * query's `params` and repeats them in its message and stack ("params: …");
 * drivers add `detail` ("Key (name)=(…)"), `where`, and PGlite the query and
 * its params again; PostgreSQL's data-exception messages (class 22) quote
 * the offending value. Any of them can be a password hash, a channel secret
 * or a user's text, so errors are logged from an allow-list of fields.
 */
const keptFields = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'position'] as const;
const maxCauseDepth = 5;

function safeMessage(e: Error & Record<string, unknown>): string {
  let m = String(e.message ?? '');
  // Drizzle: "Failed query: <sql with $1…>\nparams: <values>" — the SQL stays, the values go.
  if ('params' in e) m = m.split(/\nparams:/)[0]!;
  // SQLSTATE class 22 (invalid input syntax, value out of range…): the text after the colon is the value.
  if (typeof e.code === 'string' && /^22/.test(e.code)) m = m.replace(/:\s[\s\S]*$/, '');
  return m;
}

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

export function safeError(e: Error, depth = 0): LoggedError {
  const fields = e as Error & Record<string, unknown>;
  const type = e.constructor?.name ?? e.name;
  const message = safeMessage(fields);
  // The stack's first lines repeat the message; only the frames are kept.
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const out: LoggedError = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') };
  for (const k of keptFields) if (fields[k] !== undefined && typeof fields[k] !== 'object') out[k] = fields[k];
  if (e.cause !== undefined && depth < maxCauseDepth) {
    out.cause = e.cause instanceof Error ? safeError(e.cause, depth + 1) : typeof e.cause === 'object' ? '[object]' : e.cause;
  }
  return out;
}

export interface LogOptions {
  level: string;
  /** where log lines go (tests capture them); stdout when absent */
  stream?: NodeJS.WritableStream;
}

/** Fastify's logger with the redacting error serializer, for requests and jobs alike. */
export function loggerOptions(o: LogOptions): FastifyServerOptions['logger'] {
  return {
    level: o.level,
    ...(o.stream ? { stream: o.stream } : {}),
    serializers: { err: (e: Error) => safeError(e) },
  };
}
