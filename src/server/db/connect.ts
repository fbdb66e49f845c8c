import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';
import { QueuedPglite } from './pglite-queued';
import { ResilientPool, type LossLog } from './pg-pool';

export type Schema = typeof schema;
/** Both engines expose the same Drizzle surface; code is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface ScriptSession {
  exec(text: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction on a raw connection that accepts scripts of
   * several statements (migrations), which Drizzle's prepared queries do not.
   */
  scriptTransaction<T>(fn: (s: ScriptSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: an image of the data directory (backups, test templates). */
  dumpDataDir?(): Promise<Blob>;
}

/**
 * PGlite must always be opened with the extensions its data directory uses,
 * or queries on the indexes built with them fail (see ARCHITECTURE.md).
 */
export const pgliteExtensions = { pg_trgm };

export interface OpenOptions {
  /** PGlite: units of work that may wait for the connection before new ones are refused with DB_BUSY (queue.ts) */
  queueMax?: number;
  /** PostgreSQL: where lost connections are reported (they are survived, not fatal) */
  log?: LossLog;
}

export const DEFAULT_QUEUE_MAX = 200;

export async function openPglite(dataDir?: string, loadDataDir?: Blob, opts: OpenOptions = {}): Promise<Database> {
  const pglite = await PGlite.create({ dataDir, extensions: pgliteExtensions, loadDataDir });
  // Every query and transaction of the app waits its turn in one fair FIFO (queue.ts, docs/PERFORMANCE.md).
  const client = new QueuedPglite(pglite, opts.queueMax ?? DEFAULT_QUEUE_MAX);
  const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    scriptTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        }),
      ),
    close: () => pglite.close(),
    dumpDataDir: () => client.queue.run(async () => (await pglite.dumpDataDir('none')) as Blob),
  };
}

export async function openPostgres(url: string, max = 10, opts: OpenOptions = {}): Promise<Database> {
  // JIT off: the app's queries are short, and PostgreSQL's cost-based JIT compiled a
  // 20-row ledger page for 35 ms at a million matters (docs/PERFORMANCE.md).
  // A connect timeout and TCP keep-alive, so a server that vanished is noticed instead of waited on forever.
  const pool = new ResilientPool(
    { connectionString: url, max, options: '-c jit=off', connectionTimeoutMillis: 10_000, keepAlive: true },
    opts.log ?? (() => undefined),
  );
  const db = drizzlePg(pool as unknown as pg.Pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    scriptTransaction: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn({
          exec: async (text) => {
            await c.query(text);
          },
          query: async <R>(text: string, params?: unknown[]) => (await c.query(text, params)).rows as R[],
        });
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
