import type { Clock } from './clock';
import type { Config } from './config';
import type { Db, Executor, Tx } from './db/connect';
import type { PasswordPolicy } from './domain/password-policy';
import { getSecurityPolicy } from './modules/settings/service';
import { loadAuditKeyring, useAuditKeyring, type AuditKeyring } from './modules/audit/keyring';

/** What every route and job is built from; nothing global. */
export interface Deps {
  db: Db;
  engine: 'pglite' | 'postgres';
  clock: Clock;
  config: Config;
  policy: PolicyCache;
  /** the audit chain's MAC keys (from outside the database); also installed for the audit writer */
  auditKeys: AuditKeyring;
}

/**
 * The security policy is read on every authenticated request (idle timeout),
 * so it is cached for a few seconds; a change through the API drops the cache.
 */
export class PolicyCache {
  private value: (PasswordPolicy & { version: number }) | null = null;
  private at = 0;
  constructor(private readonly db: Executor) {}
  async get(): Promise<PasswordPolicy & { version: number }> {
    if (!this.value || Date.now() - this.at > 5000) {
      this.value = await getSecurityPolicy(this.db);
      this.at = Date.now();
    }
    return this.value;
  }
  invalidate(): void {
    this.value = null;
  }
}

export function makeDeps(db: Db, engine: Deps['engine'], clock: Clock, config: Config): Deps {
  const auditKeys = loadAuditKeyring(config.audit);
  useAuditKeyring(auditKeys);
  return { db, engine, clock, config, policy: new PolicyCache(db), auditKeys };
}

export const inTx = <T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> => deps.db.transaction(fn);
