// Ledger benchmark (issue 3's figures): builds N matters over 500 units with
// real event logs (bench/ledger-data.ts), then measures, server-side through
// the app in-process (app.inject): ledger pages for a set of filter
// combinations, a matter detail, per-unit and whole-office statistics for a
// year, the idle sweep of every open matter; then, with the server as its own
// process, ledger-page throughput under 50 clients against the same SQL run
// straight through a pool of the same size (the floor). Prints figures;
// asserts nothing.
//   BENCH_MATTERS=100000 npm run bench:ledger                                 (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://…/test BENCH_MATTERS=1000000 npm run bench:ledger
//   BENCH_REUSE_DB=zs_bench_keep …   keeps (or reuses) the generated PostgreSQL database
import os from 'node:os';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { ManualClock } from '../src/server/clock';
import { TEST_AUDIT_KEY, testConfig } from '../src/server/config';
import { makeDeps } from '../src/server/deps';
import { openPglite, openPostgres, type Database } from '../src/server/db/connect';
import { migrate } from '../src/server/db/migrate';
import { advisoryGuard } from '../src/server/jobs/lock';
import { sweepMatters } from '../src/server/modules/supervision/sweeper';
import { ensureBenchData } from './ledger-data';
import { load, login as signIn, percentile, startServer, stop } from './support';

const N = Number(process.env.BENCH_MATTERS ?? 100_000);
const pgUrl = process.env.BENCH_DATABASE_URL;
const reuse = process.env.BENCH_REUSE_DB;
const password = 'Zhongshu@2026';
const say = (s: string) => console.log(s);

async function open(): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  if (!pgUrl) return { db: await openPglite(), drop: async () => undefined };
  const name = reuse ?? `zs_bench_ledger_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return {
    db: await openPostgres(u.toString(), 10),
    url: u.toString(),
    drop: async () => {
      if (!reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const { db: database, url, drop } = await open();
await migrate(database);
const clock = new ManualClock(new Date('2026-11-27T10:00:00+08:00'));
const config = { ...testConfig(), demoMatters: Number(process.env.BENCH_TEMPLATES ?? 400) };
const deps = makeDeps(database.db, database.engine, clock, config);
say(`# ledger bench — ${database.engine}, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
const data = await ensureBenchData(database, deps, N, say);
say(`data: ${data.matters} matters, ${data.events} events, 500 units`);
const app = await buildApp(deps);

const ids = async (text: string) => database.scriptTransaction((s) => s.query<{ id: string }>(text));
const [unit] = await ids(`SELECT u.id FROM units u JOIN users x ON x.unit_id = u.id WHERE x.username = 'jyj_lly'`);
const [busy] = await ids(`SELECT lead_unit_id AS id FROM matters WHERE lead_unit_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
const [detail] = await ids(`SELECT matter_id AS id FROM matter_events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);

const login = async (username: string) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
};

async function time(label: string, cookie: string, path: string, runs = 30) {
  const xs: number[] = [];
  let status = 0;
  let total = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url: path, headers: { cookie } });
    xs.push(performance.now() - t0);
    status = r.statusCode;
    if (i === 0 && r.statusCode === 200) {
      const j = r.json();
      // Ledger pages answer a number; statistics answer their 合计 (an object) under the same name.
      total = typeof j.total === 'number' ? `${j.total}${j.totalExact === false ? '+' : ''} rows` : '';
    }
    if (i === 0 && r.statusCode !== 200) say(`  ${path}: ${r.body.slice(0, 200)}`);
  }
  say(`${label.padEnd(46)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(xs, 95).toFixed(1).padStart(7)} ms  (${status}, ${total})`);
}

const sup = await login('ducha');
const lly = await login('jyj_lly');
const e = encodeURIComponent;
say('ledger page (20 rows, server-side, app.inject, 30 runs):');
await time('no filter, by deadline', sup, '/api/v1/matters');
await time('state=in_progress', sup, '/api/v1/matters?state=in_progress');
await time('light=red', sup, '/api/v1/matters?light=red');
await time('light=yellow&light=red, priority=urgent', sup, '/api/v1/matters?light=yellow&light=red&priority=urgent');
await time('light=green, sort by opened desc', sup, '/api/v1/matters?light=green&sort=openedAt&order=desc');
await time('one lead unit (busiest)', sup, `/api/v1/matters?leadUnitId=${busy!.id}`);
await time('lead or co-unit', sup, `/api/v1/matters?unitId=${busy!.id}`);
await time('2-character search 农田', sup, `/api/v1/matters?q=${e('农田')}`);
await time('2-character search 整治, state=in_progress', sup, `/api/v1/matters?q=${e('整治')}&state=in_progress`);
await time('1-character search 禁', sup, `/api/v1/matters?q=${e('禁')}`);
await time('5-character search 示范村建设', sup, `/api/v1/matters?q=${e('示范村建设')}`);
await time('source+category+deadline range', sup, `/api/v1/matters?source=inspection&category=${e('安全生产')}&deadlineFrom=2026-03-01&deadlineTo=2026-06-30`);
await time('opened in a month, sort by code desc', sup, '/api/v1/matters?openedFrom=2026-05-01&openedTo=2026-05-31&sort=code&order=desc');
await time('sort by priority desc', sup, '/api/v1/matters?sort=priority&order=desc');
await time('sort by priority desc, page 50', sup, '/api/v1/matters?sort=priority&order=desc&page=50');
await time('state=closed, page 200', sup, '/api/v1/matters?state=closed&page=200');
await time('liaison (unit scope), no filter', lly, '/api/v1/matters');
await time('liaison, light=red, 2-char search', lly, `/api/v1/matters?light=red&q=${e('整治')}`);
await time('matter detail with timeline (longest log)', sup, `/api/v1/matters/${detail!.id}`);
say('statistics (real event logs):');
await time('one unit (busiest), year 2026', sup, `/api/v1/supervision/stats?from=2026-01-01&to=2026-12-31&unitId=${busy!.id}`, 10);
await time('one unit (县教育局), year 2026', sup, `/api/v1/supervision/stats?from=2026-01-01&to=2026-12-31&unitId=${unit!.id}`, 10);
await time('liaison: own unit, year 2026', lly, `/api/v1/supervision/stats?from=2026-01-01&to=2026-12-31`, 10);
if (data.matters <= 200_000 || process.env.BENCH_OFFICE_STATS) {
  await time('whole office (every unit), one month', sup, `/api/v1/supervision/stats?from=2026-10-01&to=2026-10-31`, 3);
}

const guard = advisoryGuard(database.db, 'sweep-matters');
let t = Date.now();
if (!process.env.BENCH_SKIP_SWEEP) {
const first = await sweepMatters(deps, guard);
say(`sweep: ${first.checked} candidates, ${first.actions} actions, ${((Date.now() - t) / 1000).toFixed(1)} s`);
t = Date.now();
const again = await sweepMatters(deps, guard);
say(`sweep again the same day (nothing new): ${again.checked} candidates, ${again.actions} actions, ${((Date.now() - t) / 1000).toFixed(1)} s`);
// The next working day's run: the matters whose reminders, escalations or look-backs fall due that day.
clock.set('2026-11-30T02:00:00+08:00');
const [due] = await database.scriptTransaction((s) => s.query<{ n: number }>(`SELECT count(*)::int AS n FROM matters WHERE sweep_due <= '2026-11-30'`));
if (due!.n <= 20_000) {
  t = Date.now();
  const next = await sweepMatters(deps, guard);
  const secs = (Date.now() - t) / 1000;
  say(`next working day's sweep: ${next.checked} candidates, ${next.actions} actions, ${secs.toFixed(1)} s (${((1000 * secs) / Math.max(1, next.checked)).toFixed(1)} ms a matter)`);
} else {
  say(`next working day's sweep: ${due!.n} matters due — not run here`);
}
}
await app.close();

// Throughput: the server as its own process on the same database, against the ledger's own SQL through a pool of the
// same size (10 connections), 50 clients each.
if (url) {
  const port = 3950;
  // The records were signed in-process with the test key (testConfig); the server must hold the same one.
  const server = await startServer({ DATABASE_URL: url, ZHONGSHU_DEMO: '0', ZHONGSHU_AUDIT_KEY: TEST_AUDIT_KEY }, port);
  const cookie = await signIn(port, 'ducha', password);
  const path = '/api/v1/matters?state=in_progress';
  const app50 = await load({ url: `http://127.0.0.1:${port}${path}`, headers: { cookie }, connections: 50 });
  await stop(server.child);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  // The ledger's own two statements for this filter (ledger.ts ledgerPage), run straight through pg.
  const order = 'ORDER BY deadline ASC NULLS LAST, id ASC';
  const page = `SELECT * FROM matters WHERE id IN (SELECT id FROM matters WHERE state = ANY($1) ${order} LIMIT 20 OFFSET 0) ${order}`;
  const total = `SELECT count(*)::int AS n FROM (SELECT 1 FROM matters WHERE state = ANY($1) LIMIT 2001) x`;
  let done = 0;
  const until = Date.now() + 10_000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < until) {
        await Promise.all([pool.query(page, [['in_progress']]), pool.query(total, [['in_progress']])]);
        done++;
      }
    }),
  );
  await pool.end();
  const floor = done / 10;
  say(`throughput, ${path}, 50 clients, 10 s: app ${app50.rps} req/s (p50 ${app50.p50} ms, p99 ${app50.p99} ms, non-2xx ${app50.non2xx}); raw SQL floor ${floor.toFixed(0)} pages/s; app/floor ${((100 * app50.rps) / floor).toFixed(0)} %`);
}
await database.close();
await drop();
