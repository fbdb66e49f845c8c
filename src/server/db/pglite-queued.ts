import type { PGlite, Transaction } from '@electric-sql/pglite';
import { AdmissionQueue } from './queue';
import { dbBusy } from './errors';

/**
 * The part of PGlite that drizzle-orm/pglite calls (`query` outside a
 * transaction, `transaction`), each call admitted through one fair queue
 * (queue.ts). Statements inside a transaction go to PGlite's transaction
 * handle directly, within the transaction's turn. Handed to Drizzle as
 * `{ client }`, so callers keep Drizzle's API unchanged.
 */
export class QueuedPglite {
  readonly queue: AdmissionQueue;

  constructor(
    readonly pglite: PGlite,
    max: number,
  ) {
    this.queue = new AdmissionQueue(max, dbBusy);
  }

  query: PGlite['query'] = (...args) => this.queue.run(() => this.pglite.query(...args));

  exec: PGlite['exec'] = (...args) => this.queue.run(() => this.pglite.exec(...args));

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.pglite.transaction(fn));
  }
}
