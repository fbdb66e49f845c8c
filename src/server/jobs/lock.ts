import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect';
import type { Guard } from '../modules/notifications/delivery';

/** First key of every job lock; 727001 and 727002 are taken by migrations and the audit chain. */
const JOB_LOCK_CLASS = 727100;

/** A stable 32-bit key per job name, so every process agrees on it without a registry. */
export function jobLockKey(name: string): number {
  return crypto.createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * Transaction-level advisory lock: released by COMMIT or ROLLBACK on its own,
 * so no pool connection can leak a held lock, and it works the same on
 * PGlite's single connection. Whoever does not get the lock skips the run
 * instead of queueing behind it.
 */
export function advisoryGuard(db: Db, name: string): Guard {
  const key = jobLockKey(name);
  return (fn) =>
    db.transaction(async (tx) => {
      // Both drivers answer raw SQL with { rows }; Drizzle's shared type cannot say so.
      const res = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${JOB_LOCK_CLASS}::int, ${key}::int) AS locked`)) as {
        rows: { locked: boolean }[];
      };
      if (!res.rows[0]?.locked) return { ran: false as const };
      return { ran: true as const, value: await fn(tx) };
    });
}
