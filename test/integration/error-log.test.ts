import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ManualClock } from '../../src/server/clock';
import { testConfig } from '../../src/server/config';
import { makeDeps } from '../../src/server/deps';
import { freshDatabase } from '../support/db';

/**
 * A failing query must not put its parameters in the log: Drizzle's error
 * repeats them in its message and stack, the driver quotes bad values, and a
 * parameter can be a notification channel's secret.
 */
const lines: string[] = [];
const stream = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});
const database = await freshDatabase();
const deps = makeDeps(database.db, database.engine, new ManualClock(), testConfig({ logLevel: 'info' }));
const app = await buildApp(deps, { logger: { stream } });
const secret = 'SEC-robot-7f3a9c2e41b8';
// Public paths outside /api/ need no session; these stand in for any handler whose query fails.
app.get('/test/failing-cast', async () => deps.db.execute(sql`SELECT ${secret}::int AS n`));
app.get('/test/failing-insert', async () =>
  deps.db.execute(sql`INSERT INTO units (id, name) VALUES (${secret}, ${`名称${secret}`})`),
);
await app.ready();
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('error log', () => {
  it('logs the failure with its request id and SQL text, never its parameters', async () => {
    for (const url of ['/test/failing-cast', '/test/failing-insert']) {
      lines.length = 0;
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(500);
      expect(res.body).not.toContain(secret);
      const logged = lines.join('');
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
      expect(entry, logged).toBeDefined();
      expect(entry.requestId).toBe(res.json().error.requestId);
      expect(entry.err.message, logged).toMatch(/Failed query: (SELECT|INSERT)/);
      expect(entry.err.cause.code, logged).toMatch(/^[0-9A-Z]{5}$/);
      expect(logged, url).not.toContain(secret);
      expect(logged).not.toContain('params:');
    }
  });
});
