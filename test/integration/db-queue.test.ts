// The fair FIFO in front of PGlite's single connection (src/server/db/queue.ts), through Drizzle and the app.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ManualClock } from '../../src/server/clock';
import { testConfig } from '../../src/server/config';
import { openPglite, type Database } from '../../src/server/db/connect';
import { units } from '../../src/server/db/schema';
import { makeDeps } from '../../src/server/deps';
import { createOrg } from '../support/factories';
import { testEngine } from '../support/env';

const turn = () => new Promise<void>((r) => setImmediate(r));
const gate = () => {
  let open: () => void = () => undefined;
  const shut = new Promise<void>((r) => (open = r));
  return { shut, open };
};

// PostgreSQL has a pool of connections and no such queue; the queue exists only for the embedded engine.
describe.skipIf(testEngine() === 'postgres')('PGlite admission queue (PGlite only: PostgreSQL has a connection pool instead)', async () => {
  const open = async (queueMax?: number): Promise<Database> => {
    const d = await openPglite(undefined, new Blob([fs.readFileSync(inject('pgliteTemplate'))]), { queueMax });
    afterAll(() => d.close());
    return d;
  };
  const database = testEngine() === 'pglite' ? await open() : (null as unknown as Database);
  const db = database?.db;

  it('serves a statement that arrives on the next turn before the rest of a long chain, not after it', async () => {
    // PGlite runs statements synchronously and hands its connection on in a microtask, so without the queue a
    // chain of statements ran to its end before anything that arrived meanwhile could even start.
    const done: string[] = [];
    const chain = (async () => {
      for (let i = 0; i < 20; i++) {
        await db.execute(sql`SELECT ${i}::int AS i`);
        done.push(`A${i}`);
      }
    })();
    await turn();
    await db.execute(sql`SELECT 'b'`);
    done.push('B');
    await chain;
    expect(done.indexOf('B'), done.join(' ')).toBeLessThanOrEqual(3);
  });

  it('admits whole transactions and single statements in arrival order; statements inside a transaction never wait behind outside work', async () => {
    const order: string[] = [];
    const g = gate();
    const t1 = db.transaction(async (tx) => {
      order.push('t1 start');
      await g.shut;
      // Twenty statements and a savepoint while outside work waits: they run on the transaction's handle.
      for (let i = 0; i < 20; i++) await tx.execute(sql`SELECT ${i}::int`);
      await tx.transaction(async (sp) => {
        await sp.execute(sql`SELECT 'nested'`);
      });
      order.push('t1 end');
    });
    await turn();
    const q1 = db.execute(sql`SELECT 1`).then(() => order.push('q1'));
    const t2 = db
      .transaction(async (tx) => {
        await tx.execute(sql`SELECT 2`);
        throw new Error('t2 fails');
      })
      .catch((e: Error) => order.push(`t2 ${e.message}`));
    const q2 = db.execute(sql`SELECT 3`).then(() => order.push('q2'));
    await turn();
    g.open();
    await Promise.all([t1, q1, t2, q2]);
    expect(order).toEqual(['t1 start', 't1 end', 'q1', 't2 t2 fails', 'q2']);
  });

  it('past its bound answers 503 DB_BUSY with Retry-After, writes nothing for it, and serves again once drained', { timeout: 90_000 }, async () => {
    const small = await open(3);
    const deps = makeDeps(small.db, small.engine, new ManualClock(), testConfig({ dbQueueMax: 3 }));
    const app = await buildApp(deps);
    await app.ready();
    afterAll(() => app.close());
    const org = await createOrg(app, deps);
    const sys = await org.login('sysadmin');

    // Hold the connection, as a long transaction would, while twelve writes arrive.
    const g = gate();
    const held = small.db.transaction(() => g.shut);
    await turn();
    const names = Array.from({ length: 12 }, (_, i) => `排队单位${org.tag}${i}`);
    const answers = Promise.all(
      names.map((name, i) => sys.post('/api/v1/units', { name, type: 'other', code: `Q${org.tag}${i}`, parentId: org.officeId })),
    );
    await new Promise((r) => setTimeout(r, 100));
    g.open();
    await held;
    const res = await answers;

    const busy = res.filter((r) => r.statusCode === 503);
    const created = res.filter((r) => r.statusCode === 201 || r.statusCode === 200);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + created.length, res.map((r) => `${r.statusCode} ${r.body}`).join('\n')).toBe(names.length);
    for (const r of busy) {
      expect(r.json().error).toMatchObject({ code: 'DB_BUSY', message: '数据库繁忙，请稍后重试' });
      expect(r.json().error.requestId).toBeTruthy();
      expect(r.headers['retry-after']).toBe('1');
    }
    // Exactly the acknowledged writes are there; the shed ones wrote nothing.
    const rows = await small.db.select({ name: units.name }).from(units);
    const have = new Set(rows.map((u) => u.name));
    names.forEach((name, i) => expect(have.has(name), `${name}: ${res[i]!.statusCode}`).toBe(res[i]!.statusCode !== 503));

    const again = await sys.post('/api/v1/units', { name: `排队之后${org.tag}`, type: 'other', code: `R${org.tag}`, parentId: org.officeId });
    expect(again.statusCode, again.body).toBeLessThan(300);
  });
});
