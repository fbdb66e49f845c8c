import pg from 'pg';
import { isConnectionLoss } from './errors';

export type LossLog = (what: string, err: unknown) => void;

/**
 * A pg.Pool that survives lost connections, as Drizzle uses it (`query`,
 * `connect` → `query`/`release`; Drizzle treats any class whose name
 * contains "Pool" as a pool).
 *
 * node-postgres emits 'error' on a client whose backend was terminated
 * (pg_terminate_backend, a restart, a broken link). The pool listens on idle
 * clients only; a client checked out for a transaction has no listener, and
 * Node turns the unheard 'error' into a crash. So every client gets a
 * listener the moment it connects. A client that lost its connection is
 * released with the error, which makes the pool discard it instead of handing
 * it out again, and Drizzle's own release afterwards does nothing — Drizzle
 * also never releases a client whose BEGIN failed, which would leak the pool
 * slot for good.
 */
export class ResilientPool {
  readonly pool: pg.Pool;

  constructor(config: pg.PoolConfig, log: LossLog) {
    this.pool = new pg.Pool(config);
    // An idle client that breaks: the pool has already dropped it; the next query connects afresh.
    this.pool.on('error', (err) => log('空闲数据库连接中断', err));
    this.pool.on('connect', (client) => {
      client.on('error', (err) => log('数据库连接中断', err));
    });
  }

  query(...args: Parameters<pg.Pool['query']>): ReturnType<pg.Pool['query']> {
    // pool.query checks out, listens for 'error' and releases with the error itself.
    return (this.pool.query as (...a: unknown[]) => ReturnType<pg.Pool['query']>)(...args);
  }

  async connect(): Promise<CheckedOutClient> {
    return new CheckedOutClient(await this.pool.connect());
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** One checked-out client whose release cannot happen twice and destroys it after a lost connection. */
export class CheckedOutClient {
  private released = false;
  private lost: unknown = null;
  private readonly onError = (err: Error) => {
    this.lost ??= err;
  };

  constructor(private readonly client: pg.PoolClient) {
    client.on('error', this.onError);
  }

  async query(...args: unknown[]): Promise<pg.QueryResult> {
    if (this.lost) throw this.lost;
    try {
      return await (this.client.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    } catch (e) {
      if (isConnectionLoss(e)) {
        this.lost ??= e;
        // Out of the pool at once, whatever the caller does next (Drizzle tries a ROLLBACK, then releases).
        this.release();
      }
      throw e;
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.client.removeListener('error', this.onError);
    this.client.release(this.lost ? (this.lost instanceof Error ? this.lost : new Error(String(this.lost))) : undefined);
  }
}
