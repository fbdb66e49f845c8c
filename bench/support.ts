// Helpers shared by the benchmarks: a real server process, load from
// autocannon, and memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export const root = path.resolve(import.meta.dirname, '..');

export function rssMb(pid: number): { rss: number; peak: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
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

/** `zhongshu serve` as a child process, jobs off, quiet, the login rate limit out of the way. */
export async function startServer(env: Record<string, string>, port: number) {
  const t = Date.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/zhongshu.mjs'), 'serve'], {
    env: { ...process.env, PORT: String(port), ZHONGSHU_JOBS: '0', ZHONGSHU_LOG_LEVEL: 'silent', ZHONGSHU_LOGIN_RATE_LIMIT: '1000000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/readyz`, child);
  return { child, seconds: (Date.now() - t) / 1000, mem: rssMb(child.pid!) };
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

export async function load(opts: autocannon.Options) {
  const r = await autocannon({ duration: 10, ...opts });
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Signs in over HTTP; returns the cookie header. */
export async function login(port: number, username: string, password: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
export const median = (xs: number[]) => percentile(xs, 50);
