import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/server/db/connect';
import { migrate } from '../../src/server/db/migrate';
import { testEngine, withDatabase } from './env';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Builds one migrated template per run; every test file then starts from a
 * copy of it (a PGlite data-dir image, or CREATE DATABASE … TEMPLATE on
 * PostgreSQL), so files never share rows and run in any order.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = crypto.randomBytes(4).toString('hex');
  if (testEngine() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `zs_test_${runId}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const db = await openPostgres(withDatabase(url, name), 1);
    await migrate(db);
    await db.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      const rows = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${name}%`,
      ]);
      for (const r of rows.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const file = path.resolve('.tmp', `pglite-template-${runId}.tar`);
  const db = await openPglite();
  await migrate(db);
  const blob = await db.dumpDataDir!();
  await db.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return async () => {
    fs.rmSync(file, { force: true });
  };
}
