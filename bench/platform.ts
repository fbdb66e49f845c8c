// Platform benchmark: cold/warm start and RSS on PGlite, argon2id cost and
// login throughput, and an authenticated GET under 50 clients against the
// bare Fastify floor measured in the same run. Prints figures; asserts nothing.
//   npm run bench            (PGlite)
//   BENCH_DATABASE_URL=postgres://… npm run bench   (adds the GET on PostgreSQL)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../src/server/modules/auth/password';
import { loadConfig } from '../src/server/config';
import { load, login as signIn, median, root, startServer, stop, waitReady } from './support';

const password = 'Zhongshu@2026';
const login = (port: number) => signIn(port, 'ducha', password);

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
