// Ledger benchmark: bulk-generates matters, events and units straight in SQL
// (from one real snapshot made by the service), then times the ledger API
// for a set of filter combinations, a matter detail and (on small runs) the sweeper.
// Prints figures; asserts nothing.
//   BENCH_MATTERS=100000 npm run bench:ledger                        (PGlite, in memory)
//   BENCH_DATABASE_URL=postgres://… BENCH_MATTERS=1000000 npm run bench:ledger
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app';
import { ManualClock } from '../src/server/clock';
import { testConfig } from '../src/server/config';
import { makeDeps } from '../src/server/deps';
import { openPglite, openPostgres, type Database } from '../src/server/db/connect';
import { migrate } from '../src/server/db/migrate';
import { createUnit } from '../src/server/modules/units/service';
import { createUser } from '../src/server/modules/users/service';
import { advisoryGuard } from '../src/server/jobs/lock';
import { sweepMatters } from '../src/server/modules/supervision/sweeper';

const N = Number(process.env.BENCH_MATTERS ?? 100_000);
const EVENTS_PER = Number(process.env.BENCH_EVENTS_PER ?? 10);
const UNITS = 500;
const pgUrl = process.env.BENCH_DATABASE_URL;
const say = (s: string) => console.log(s);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (!pgUrl) return { db: await openPglite(), drop: async () => undefined };
  const name = `zs_bench_ledger_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return {
    db: await openPostgres(u.toString(), 10),
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const { db: database, drop } = await open();
await migrate(database);
const clock = new ManualClock(new Date('2026-11-27T10:00:00+08:00'));
const deps = makeDeps(database.db, database.engine, clock, testConfig());
const app = await buildApp(deps);
say(`# ledger bench — ${database.engine}, ${N} matters × ${EVENTS_PER} events, ${UNITS} units; ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}`);

const meta = { ip: '127.0.0.1', requestId: 'bench', actor: null };
const { root, sup, liaisonUnit } = await database.db.transaction(async (tx) => {
  const r = await createUnit(tx, clock, meta, { name: '示例市', type: 'office', code: 'ROOT' });
  const units = [];
  for (let i = 1; i < UNITS; i++) units.push(await createUnit(tx, clock, meta, { name: `单位${i}`, type: i % 3 ? 'department' : 'township', code: `U${i}`, parentId: r.id }));
  const s = (await createUser(tx, deps, meta, { username: 'ducha', name: '督查', unitId: r.id, roles: ['supervisor'], password: 'Bench#2026pw', mustChangePassword: false })).user;
  await createUser(tx, deps, meta, { username: 'lly', name: '联络员', unitId: units[7]!.id, roles: ['liaison'], password: 'Bench#2026pw', mustChangePassword: false });
  return { root: r, sup: s, liaisonUnit: units[7]! };
});

// One real matter gives a valid snapshot to copy.
const login = async (username: string) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Bench#2026pw' } });
  return { cookie: r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: r.json().csrfToken as string };
};
const s = await login('ducha');
const tmpl = await app.inject({
  method: 'POST',
  url: '/api/v1/matters',
  headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
  payload: { title: '模板事项', source: 'instruction', leadUnitId: liaisonUnit.id, deadline: { kind: 'working_days', days: 10 }, assign: true },
});
const tmplId = tmpl.json().id as string;

let t = Date.now();
await database.db.execute(sql.raw(`
  INSERT INTO matters (id, code, parent_id, title, requirement, source, source_ref, priority, categories, lead_unit_id,
    instructing_leader_id, state, deadline, original_deadline, light_mode, yellow_from, red_from, opened_by, opened_at,
    assigned_at, closed_at, completed_on, snapshot, version, updated_at)
  SELECT g.id, '督办〔2026〕' || (g.i + 10) || '号', NULL,
    (ARRAY['校园周边交通安全专项整治','农村人居环境整治提升','秸秆禁烧和综合利用','防汛物资储备检查','高标准农田建设','优化营商环境','乡村振兴示范村建设','安全生产隐患排查','河湖长制问题整改','义务教育学位扩容'])[1 + g.i % 10] || '（第' || g.i || '项）',
    '按要求办理', (ARRAY['instruction','meeting_decision','directive','inspection','public_request','research'])[1 + g.i % 6], '{}'::jsonb,
    (ARRAY['normal','normal','urgent','extra_urgent'])[1 + g.i % 4], ARRAY[(ARRAY['环境','安全','民生','发展'])[1 + g.i % 4]],
    u.id, NULL, g.state, g.deadline, g.deadline,
    CASE WHEN g.state IN ('assigned','in_progress') THEN 'clock' WHEN g.state = 'reviewing' THEN 'green' ELSE 'none' END,
    CASE WHEN g.state IN ('assigned','in_progress') THEN g.deadline - 4 END,
    CASE WHEN g.state IN ('assigned','in_progress') THEN g.deadline + 1 END,
    '${sup.id}', g.opened, g.opened, CASE WHEN g.state = 'closed' THEN g.opened + interval '12 days' END,
    CASE WHEN g.state IN ('closed','reviewing') THEN (g.opened + interval '11 days')::date END,
    jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.snapshot, '{id}', to_jsonb(g.id::text)), '{state}', to_jsonb(g.state)),
      '{deadline}', to_jsonb(g.deadline::text)), '{leadUnitId}', to_jsonb(u.id::text)),
    t.version, now()
  FROM (SELECT i, md5('m' || i)::uuid AS id,
          (ARRAY['closed','closed','closed','closed','closed','closed','in_progress','in_progress','assigned','reviewing'])[1 + i % 10] AS state,
          date '2025-12-01' + (i % 400) AS deadline,
          timestamptz '2025-11-20 09:00+08' + (i % 380) * interval '1 day' AS opened
        FROM generate_series(1, ${N}) AS i) g
  JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM units WHERE parent_id IS NOT NULL) u ON u.k = g.i % ${UNITS - 1}
  CROSS JOIN (SELECT snapshot, version FROM matters WHERE id = '${tmplId}') t`));
await database.db.execute(sql.raw(`INSERT INTO matter_units (matter_id, unit_id, role) SELECT id, lead_unit_id, 'lead' FROM matters WHERE id <> '${tmplId}'`));
say(`generated ${N} matters in ${((Date.now() - t) / 1000).toFixed(1)} s`);
t = Date.now();
await database.db.execute(sql.raw(`
  INSERT INTO matter_events (matter_id, seq, type, actor_id, at, state, payload)
  SELECT m.id, 100 + k, (ARRAY['reminded','progress_reported'])[1 + k % 2], '${sup.id}', m.opened_at + k * interval '1 day', m.state, '{}'::jsonb
  FROM matters m CROSS JOIN generate_series(1, ${EVENTS_PER}) AS k WHERE m.id <> '${tmplId}'`));
await database.db.execute(sql.raw('ANALYZE'));
say(`generated ${N * EVENTS_PER} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);

async function time(label: string, cookie: string, url: string, runs = 30) {
  const xs: number[] = [];
  let status = 0;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    xs.push(performance.now() - t0);
    status = r.statusCode;
    if (i === 0 && r.statusCode === 200) total = r.json().total ?? r.json().units?.length ?? 0;
    if (i === 0 && r.statusCode !== 200) say(`  ${url}: ${r.body.slice(0, 200)}`);
  }
  say(`${label.padEnd(44)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(7)} ms  (${status}, ${total} rows)`);
}

const l = await login('lly');
say('ledger page (20 rows, server-side, app.inject):');
await time('no filter, by deadline', s.cookie, '/api/v1/matters');
await time('state=in_progress', s.cookie, '/api/v1/matters?state=in_progress');
await time('light=red', s.cookie, '/api/v1/matters?light=red');
await time('light=yellow&light=red, priority=urgent', s.cookie, '/api/v1/matters?light=yellow&light=red&priority=urgent');
await time('lead unit', s.cookie, `/api/v1/matters?leadUnitId=${liaisonUnit.id}`);
await time('2-character search 农田', s.cookie, `/api/v1/matters?q=${encodeURIComponent('农田')}`);
await time('1-character search 禁', s.cookie, `/api/v1/matters?q=${encodeURIComponent('禁')}`);
await time('5-character search 示范村建设', s.cookie, `/api/v1/matters?q=${encodeURIComponent('示范村建设')}`);
await time('source+category+deadline range', s.cookie, '/api/v1/matters?source=inspection&category=%E5%AE%89%E5%85%A8&deadlineFrom=2026-03-01&deadlineTo=2026-06-30');
await time('sort by priority desc, page 50', s.cookie, '/api/v1/matters?sort=priority&order=desc&page=50');
await time('liaison (unit scope), no filter', l.cookie, '/api/v1/matters');
await time('liaison, light=red, 2-char search', l.cookie, `/api/v1/matters?light=red&q=${encodeURIComponent('整治')}`);
// Statistics replay real event logs, which this SQL generator does not write (its events only give the
// table a realistic size), so they are not timed here.
await time('matter detail with timeline', s.cookie, `/api/v1/matters/${tmplId}`);
// The first sweep applies every due reminder one transaction at a time: minutes at scale, so only on small runs.
if (N <= 20_000) {
t = Date.now();
const guard = advisoryGuard(database.db, 'sweep-matters');
await sweepMatters(deps, guard).then((r) => say(`first sweep: ${r.checked} checked, ${r.actions} actions, ${((Date.now() - t) / 1000).toFixed(1)} s`));
t = Date.now();
await sweepMatters(deps, guard).then((r) => say(`second sweep (nothing new): ${r.checked} checked, ${r.actions} actions, ${((Date.now() - t) / 1000).toFixed(1)} s`));
}
void root;
await app.close();
await database.close();
await drop();
