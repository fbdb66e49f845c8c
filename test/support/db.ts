import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/server/db/connect';
import { testEngine, withDatabase } from './env';

/** A fresh, migrated database for one test file (see global-setup.ts). */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  if (testEngine() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `${inject('pgTemplate')}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    } finally {
      await admin.end();
    }
    const dbUrl = withDatabase(url, name);
    return Object.assign(await openPostgres(dbUrl, 5), { url: dbUrl });
  }
  const image = fs.readFileSync(inject('pgliteTemplate'));
  return openPglite(undefined, new Blob([image]));
}
