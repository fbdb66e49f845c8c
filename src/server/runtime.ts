import path from 'node:path';
import type { Config } from './config';
import { openPglite, openPostgres, type Database } from './db/connect';
import { lockDataDir } from './db/lock';
import { migrate } from './db/migrate';

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
    database = await openPostgres(config.databaseUrl);
  } else {
    release = lockDataDir(config.dataDir);
    try {
      database = await openPglite(path.join(config.dataDir, 'pgdata'));
    } catch (e) {
      release();
      throw e;
    }
  }
  try {
    await migrate(database, (name) => log(`应用数据库迁移 ${name}`));
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
