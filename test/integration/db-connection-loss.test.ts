// Item 3: the server as its own process (`zhongshu serve`) on PostgreSQL survives its backends being killed
// every 150 ms under write load, answers only 2xx or 503 DB_UNAVAILABLE, loses no acknowledged write, and
// recovers by itself. Bounded: one local server, ~8 s of killing, at most 600 requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_KEY, testConfig } from '../../src/server/config';
import { systemClock } from '../../src/server/clock';
import { makeDeps } from '../../src/server/deps';
import { freshDatabase } from '../support/db';
import { createOrg, TEST_PASSWORD } from '../support/factories';
import { testEngine } from '../support/env';

const root = path.resolve(import.meta.dirname, '../..');
const KILL_EVERY_MS = 150;
const KILL_FOR_MS = 8_000;
const MAX_REQUESTS = 600;
const WORKERS = 8;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

describe.skipIf(testEngine() !== 'postgres')('lost PostgreSQL connections (PostgreSQL only: PGlite runs in-process and has no connection to lose)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('survives backends killed every 150 ms under write load, loses no acknowledged write, and recovers by itself', { timeout: 120_000 }, async () => {
    // A fresh database with an org whose sysadmin creates units over HTTP.
    const database = await freshDatabase();
    const url = database.url!;
    const dbName = new URL(url).pathname.slice(1);
    const deps = makeDeps(database.db, database.engine, systemClock, testConfig());
    const org = await createOrg(undefined as never, deps);
    await database.close();

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhongshu-connloss-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [path.join(root, 'bin/zhongshu.mjs'), 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        // The records createOrg wrote are signed with the test key; a server without it refuses to start
        // (it never makes a new key beside signed records). Its own data dir: no state of the checkout.
        ZHONGSHU_AUDIT_KEY: TEST_AUDIT_KEY,
        ZHONGSHU_DATA: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        ZHONGSHU_DEMO: '0',
        // Jobs on: their advisory-locked transactions lose connections too.
        ZHONGSHU_JOBS: '1',
        ZHONGSHU_LOG_LEVEL: 'silent',
        ZHONGSHU_LOGIN_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => output.push(String(d)));
    child.stderr!.on('data', (d) => output.push(String(d)));
    cleanups.push(async () => {
      if (!alive(child)) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    });
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 60_000;
    for (;;) {
      if (!alive(child)) throw new Error(`server exited at start:\n${output.join('')}`);
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > until) throw new Error(`server not ready:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: org.users.sysadmin.username, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;

    type Answer = { status: number; code?: string; retryAfter: string | null; id?: string; name: string } | { dropped: string; name: string };
    let n = 0;
    const createUnit = async (): Promise<Answer> => {
      const i = n++;
      const name = `断连单位${org.tag}-${i}`;
      try {
        const r = await fetch(`${base}/api/v1/units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify({ name, type: 'other', code: `K${org.tag}${i}`, parentId: org.officeId }),
        });
        const body = (await r.json()) as { id?: string; error?: { code: string } };
        return { status: r.status, code: body.error?.code, retryAfter: r.headers.get('retry-after'), id: body.id, name };
      } catch (e) {
        return { dropped: String((e as Error).cause ?? e), name };
      }
    };

    // The killer: its own connection to the maintenance database, every backend of the app's database.
    const killer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await killer.connect();
    cleanups.push(() => killer.end());
    let killed = 0;
    let killing = true;
    const killerDone = (async () => {
      const stopAt = Date.now() + KILL_FOR_MS;
      while (Date.now() < stopAt) {
        const r = await killer.query('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) k', [dbName]);
        killed += (r.rows[0] as { n: number }).n;
        await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
      }
      killing = false;
    })();

    const answers: Answer[] = [];
    const ready: (number | string)[] = [];
    await Promise.all([
      ...Array.from({ length: WORKERS }, async () => {
        while (killing && n < MAX_REQUESTS) answers.push(await createUnit());
      }),
      // /readyz keeps answering: 200 or 503, never a dropped connection.
      (async () => {
        while (killing) {
          // A 503 carries the retry hint, like every answer of a lost connection.
          const status = await fetch(`${base}/readyz`).then(
            (r) => (r.status === 503 && !r.headers.get('retry-after') ? '503 without Retry-After' : r.status),
            (e: Error) => String(e.cause ?? e),
          );
          ready.push(status);
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
    ]);
    await killerDone;

    expect(alive(child), `the server process exited:\n${output.join('')}`).toBe(true);
    expect(killed, 'the killer terminated backends').toBeGreaterThan(10);
    const dropped = answers.filter((a) => 'dropped' in a);
    expect(dropped, 'no request lost its HTTP connection').toEqual([]);
    const answered = answers as Extract<Answer, { status: number }>[];
    const odd = answered.filter((a) => !(a.status === 201 || (a.status === 503 && a.code === 'DB_UNAVAILABLE' && a.retryAfter)));
    expect(odd, 'only 201 or 503 DB_UNAVAILABLE with Retry-After').toEqual([]);
    expect(ready.filter((s) => s !== 200 && s !== 503), '/readyz answers 200 or 503').toEqual([]);
    const acknowledged = answered.filter((a) => a.status === 201);
    // The storm did reach requests (how many writes get through between kills depends on the machine's load).
    expect(answered.some((a) => a.status === 503)).toBe(true);

    // After the killing stops the app recovers by itself: a write and /readyz succeed again within a few seconds.
    const recoverBy = Date.now() + 15_000;
    let recovered: Answer | null = null;
    while (Date.now() < recoverBy) {
      const a = await createUnit();
      if ('status' in a && a.status === 201) {
        recovered = a;
        acknowledged.push(a);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered, 'a write succeeds again after the killing stopped').not.toBeNull();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(alive(child)).toBe(true);

    // Every acknowledged write is in the database.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    cleanups.push(() => check.end());
    const ids = acknowledged.map((a) => a.id!);
    const found = await check.query('SELECT id::text FROM units WHERE id = ANY($1::uuid[])', [ids]);
    expect(found.rowCount, `acknowledged ${ids.length}, found ${found.rowCount}`).toBe(ids.length);
  });
});
