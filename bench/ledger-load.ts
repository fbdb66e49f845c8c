// Ledger under concurrent load on PGlite (issue 11): 50 clients on a mix of
// ledger pages against `zhongshu serve` as its own process on a PGlite data
// directory holding BENCH_MATTERS matters (bench/ledger-data.ts). Reports the
// tail — p50, p99, p99.9 and max — because the complaint was starvation: a
// few requests waiting seconds behind the others. Prints figures; asserts nothing.
//   BENCH_MATTERS=20000 npm run bench:load
//   BENCH_DATA_DIR=/tmp/zs-load-keep …   keeps (or reuses) the generated data directory
//   BENCH_SECONDS=30 BENCH_CONNECTIONS=50 ZHONGSHU_DB_QUEUE_MAX=… are passed through
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ManualClock } from '../src/server/clock';
import { TEST_AUDIT_KEY, testConfig } from '../src/server/config';
import { makeDeps } from '../src/server/deps';
import { openPglite } from '../src/server/db/connect';
import { migrate } from '../src/server/db/migrate';
import { ensureBenchData } from './ledger-data';
import { login, startServer, stop } from './support';

const N = Number(process.env.BENCH_MATTERS ?? 20_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const keep = process.env.BENCH_DATA_DIR;
const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zs-load-'));
fs.mkdirSync(dataDir, { recursive: true });
const say = (s: string) => console.log(s);

say(`# ledger load bench — pglite, ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// The data is made in-process on the data directory, then the directory is handed to the server.
{
  const database = await openPglite(path.join(dataDir, 'pgdata'));
  await migrate(database);
  const clock = new ManualClock(new Date('2026-11-27T10:00:00+08:00'));
  const deps = makeDeps(database.db, database.engine, clock, { ...testConfig(), demoMatters: Number(process.env.BENCH_TEMPLATES ?? 400) });
  const data = await ensureBenchData(database, deps, N, say);
  say(`data: ${data.matters} matters, ${data.events} events, 500 units`);
  await database.close();
}

const port = 3960;
// The data was signed in-process with the test key (testConfig): the server holds the same one.
const server = await startServer({ ZHONGSHU_DATA: dataDir, ZHONGSHU_DEMO: '0', ZHONGSHU_AUDIT_KEY: TEST_AUDIT_KEY }, port);
const cookie = await login(port, 'ducha', 'Zhongshu@2026');
const e = encodeURIComponent;
// What 50 people on the ledger do: page through, filter by light and state, search.
const paths = [
  '/api/v1/matters',
  '/api/v1/matters?state=in_progress',
  '/api/v1/matters?light=red',
  '/api/v1/matters?light=yellow&light=red&priority=urgent',
  '/api/v1/matters?sort=priority&order=desc&page=5',
  `/api/v1/matters?q=${e('整治')}`,
  '/api/v1/matters?state=closed&page=20',
  `/api/v1/matters?q=${e('示范村建设')}`,
];
const r = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections,
  duration: seconds,
  headers: { cookie },
  requests: paths.map((p) => ({ method: 'GET', path: p })),
  // Far above any answer we expect, so a starved request is measured instead of cut off at autocannon's 10 s.
  timeout: 60,
});
await stop(server.child);
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });

const l = r.latency;
say(
  `GET ledger mix (${paths.length} pages), ${connections} clients, ${seconds} s, PGlite: ${Math.round(r.requests.average)} req/s, ` +
    `p50 ${l.p50} ms, p99 ${l.p99} ms, p99.9 ${l.p99_9} ms, max ${l.max} ms; ` +
    `${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` +
    `${r.statusCodeStats ? `, status ${JSON.stringify(Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])))}` : ''}`,
);
