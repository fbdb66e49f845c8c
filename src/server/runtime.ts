import path from 'node:path';
import type { Config } from './config';
import { openPglite, openPostgres, type Database } from './db/connect';
import type { LossLog } from './db/pg-pool';
import { lockDataDir } from './db/lock';
import { migrate } from './db/migrate';
import { ensureAuditKey } from './modules/audit/keyring';

export interface Runtime {
  database: Database;
  /** releases the data-directory lock (embedded engine only) */
  release: () => void;
  close: () => Promise<void>;
}

/**
 * Opens the configured engine: PostgreSQL when DATABASE_URL is set, else
 * PGlite in the locked data directory. Migrations run before anything else.
 */
export async function openRuntime(config: Config, log: (msg: string) => void = () => undefined): Promise<Runtime> {
  let release = () => undefined as void;
  let database: Database;
  if (config.databaseUrl) {
    database = await openPostgres(config.databaseUrl, undefined, { log: throttledLossLog(log) });
  } else {
    release = lockDataDir(config.dataDir);
    try {
      database = await openPglite(path.join(config.dataDir, 'pgdata'), undefined, { queueMax: config.dbQueueMax });
    } catch (e) {
      release();
      throw e;
    }
  }
  try {
    await migrate(database, (name) => log(`应用数据库迁移 ${name}`));
    // The audit key is created on a first start only, never beside signed records it did not sign
    // (seq is set exactly on signed records, and its index answers this at once on a long log).
    const signed = await database.scriptTransaction((s) =>
      s.query<{ signed: boolean }>('SELECT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NOT NULL) AS signed'),
    );
    ensureAuditKey(config.audit, signed[0]?.signed === true, log);
  } catch (e) {
    await database.close().catch(() => undefined);
    release();
    throw e;
  }
  return {
    database,
    release,
    close: async () => {
      await database.close();
      release();
    },
  };
}

/**
 * Lost PostgreSQL connections are survived (db/pg-pool.ts) but worth a line in
 * the log; a restart of the server breaks every connection at once, so the
 * first loss is reported and then at most one summary line every 10 s.
 */
export function throttledLossLog(log: (msg: string) => void, everyMs = 10_000): LossLog {
  let last = 0;
  let quiet = 0;
  return (what, err) => {
    const now = Date.now();
    if (now - last < everyMs) {
      quiet++;
      return;
    }
    const more = quiet ? `（上次记录以来另有 ${quiet} 次）` : '';
    log(`${what}：${err instanceof Error ? err.message : String(err)}${more}；已丢弃该连接，之后的请求将重新连接`);
    last = now;
    quiet = 0;
  };
}
