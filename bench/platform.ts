// Platform benchmark: cold/warm start and RSS on PGlite, argon2id cost and
// login throughput, and an authenticated GET under 50 clients against the
// bare Fastify floor measured in the same run. Prints figures; asserts nothing.
//   npm run bench            (PGlite)
//   BENCH_DATABASE_URL=postgres://… npm run bench   (adds the GET on PostgreSQL)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../src/server/modules/auth/password';
import { loadConfig } from '../src/server/config';

const root = path.resolve(import.meta.dirname, '..');
const password = 'Zhongshu@2026';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function rssMb(pid: number): { rss: number; peak: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const t = Date.now();
  while (Date.now() - t < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('server not ready');
}

async function startServer(env: Record<string, string>, port: number) {
  const t = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/zhongshu.mjs'), 'serve'], {
    env: { ...process.env, PORT: String(port), ZHONGSHU_JOBS: '0', ZHONGSHU_LOG_LEVEL: 'silent', ZHONGSHU_LOGIN_RATE_LIMIT: '1000000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/readyz`, child);
  return { child, seconds: (Date.now() - t) / 1000, mem: rssMb(child.pid!) };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

async function load(opts: autocannon.Options) {
  const r = await autocannon({ duration: 10, ...opts });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function login(port: number) {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ducha', password }),
  });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return cookie;
}

const out: string[] = [];
const say = (s: string) => {
  console.log(s);
  out.push(s);
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-'));
const port = 3900;
say(`# platform bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);

const cold = await startServer({ ZHONGSHU_DATA: dataDir, ZHONGSHU_DEMO: '1' }, port);
say(`cold start (initdb + migrations + demo seed): ${cold.seconds.toFixed(2)} s, RSS ${cold.mem.rss.toFixed(0)} MB (peak ${cold.mem.peak.toFixed(0)} MB)`);
await stop(cold.child);
const warm: { seconds: number; rss: number; peak: number }[] = [];
for (let i = 0; i < 3; i++) {
  const w = await startServer({ ZHONGSHU_DATA: dataDir }, port);
  warm.push({ seconds: w.seconds, ...w.mem });
  if (i < 2) await stop(w.child);
  else {
    const config = loadConfig({});
    const hashes: number[] = [];
    for (let j = 0; j < 15; j++) {
      const t = performance.now();
      await hashPassword(password, config);
      hashes.push(performance.now() - t);
    }
    say(`warm start (median of 3): ${median(warm.map((x) => x.seconds)).toFixed(2)} s, RSS ${median(warm.map((x) => x.rss)).toFixed(0)} MB (peak ${median(warm.map((x) => x.peak)).toFixed(0)} MB)`);
    say(`argon2id (m=${config.argon2.memoryCost} KiB, t=${config.argon2.timeCost}, p=1): one hash ${median(hashes).toFixed(0)} ms (median of 15)`);
    const body = JSON.stringify({ username: 'ducha', password });
    const l = await load({ url: `http://127.0.0.1:${port}/api/v1/auth/login`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 4 });
    say(`login throughput (4 clients, 10 s, PGlite): ${l.rps} logins/s, p50 ${l.p50} ms, p99 ${l.p99} ms, non-2xx ${l.non2xx}`);
    const cookie = await login(port);
    const me = await load({ url: `http://127.0.0.1:${port}/api/v1/me`, headers: { cookie }, connections: 50 });
    say(`GET /api/v1/me (50 clients, 10 s, PGlite): ${me.rps} req/s, p50 ${me.p50} ms, p99 ${me.p99} ms, non-2xx ${me.non2xx}`);
    await stop(w.child);
  }
}

const bare = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/bare-server.ts')], {
  env: { ...process.env, PORT: String(port + 1) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
await waitReady(`http://127.0.0.1:${port + 1}/bare`, bare);
const floor = await load({ url: `http://127.0.0.1:${port + 1}/bare`, connections: 50 });
say(`bare Fastify floor (50 clients, 10 s): ${floor.rps} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
await stop(bare);

const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) {
  const name = `zs_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const s = await startServer({ DATABASE_URL: u.toString(), ZHONGSHU_DEMO: '1' }, port + 2);
  say(`PostgreSQL first start (migrations + demo seed): ${s.seconds.toFixed(2)} s`);
  const cookie = await login(port + 2);
  const me = await load({ url: `http://127.0.0.1:${port + 2}/api/v1/me`, headers: { cookie }, connections: 50 });
  say(`GET /api/v1/me (50 clients, 10 s, PostgreSQL): ${me.rps} req/s, p50 ${me.p50} ms, p99 ${me.p99} ms, non-2xx ${me.non2xx}`);
  await stop(s.child);
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
fs.writeFileSync(path.join(root, '.tmp', 'bench-platform.txt'), out.join('\n') + '\n');
