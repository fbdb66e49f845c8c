import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/env';
import { unpackBackup } from './archive';

/**
 * The process-level promises: a second server on the same data directory
 * exits non-zero and leaves the first serving; backup and restore round-trip;
 * the operator's account commands work. Embedded engine only — PostgreSQL
 * has its own tools and locking.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'bin/zhongshu.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const baseEnv = () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ZHONGSHU_LOG_LEVEL: 'silent', ZHONGSHU_JOBS: '0' };
  delete env.DATABASE_URL;
  return env;
};
const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', cwd: repoRoot, timeout: 90_000 });

async function waitReady(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready`);
}

describe.skipIf(testEngine() === 'postgres')('zhongshu CLI on the embedded database', () => {
  it('a second server on the same data directory exits non-zero with the message; the first keeps serving', async () => {
    const dir = path.join(tmp, 'lock');
    const port = 3700 + Math.floor(Math.random() * 200);
    const env = { ...baseEnv(), ZHONGSHU_DATA: dir, ZHONGSHU_DEMO: '1', ZHONGSHU_DEMO_MATTERS: '0', PORT: String(port) };
    const first = spawn(process.execPath, [bin, 'serve'], { env, cwd: repoRoot, stdio: 'ignore' });
    try {
      await waitReady(`http://127.0.0.1:${port}/readyz`);
      const second = cli(['serve'], { ...env, PORT: String(port + 1) });
      expect(second.status).not.toBe(0);
      expect(second.stderr).toContain('正被另一个中枢进程');
      expect(second.stderr).toContain('in use by another Zhongshu process');
      const still = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ducha', password: process.env.ZHONGSHU_DEMO_PASSWORD ?? 'Zhongshu@2026' }),
      });
      expect(still.status).toBe(200);
    } finally {
      const exited = new Promise((r) => first.once('exit', r));
      first.kill('SIGTERM');
      await exited;
    }
    expect(fs.existsSync(path.join(dir, 'zhongshu.lock')), 'a clean stop releases the lock').toBe(false);
  }, 120_000);

  it('user create, backup, a later change, restore: the backup state comes back', () => {
    const dir = path.join(tmp, 'backup');
    const env = { ...baseEnv(), ZHONGSHU_DATA: dir, ZHONGSHU_DEMO_MATTERS: '5' };
    expect(cli(['demo'], env).status).toBe(0);
    const made = cli(['user', 'create', '--username', 'beifen', '--name', '备份前', '--unit', 'JYJ', '--role', 'liaison'], env);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/一次性密码：\S+/);
    const file = path.join(tmp, 'zs.tar.gz');
    const backup = cli(['backup', file], env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(cli(['user', 'create', '--username', 'houlai', '--name', '备份后', '--unit', 'JYJ'], env).status).toBe(0);

    // The file is what its name says: gzip (magic 1f 8b) around a ustar archive.
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const tar = zlib.gunzipSync(bytes);
    expect(tar.subarray(257, 262).toString('latin1')).toBe('ustar');
    expect(tar.length).toBeGreaterThan(bytes.length);
    // Cut anywhere, compressed or not, the archive is refused before anything is restored.
    // (Booleans only: a failing expect on a 40 MB buffer would try to print it.)
    const refusedAt = (b: Buffer) => 'problem' in unpackBackup(b);
    for (const cut of [bytes.length - 1, Math.floor(bytes.length / 2), 100]) expect(refusedAt(bytes.subarray(0, cut)), `gzip cut at ${cut}`).toBe(true);
    for (const cut of [tar.length - 512, tar.length - 1024, Math.floor(tar.length / 2), 512 * 3, 700]) {
      expect(refusedAt(tar.subarray(0, cut)), `tar cut at ${cut}`).toBe(true);
    }
    expect(refusedAt(tar), 'the whole archive passes').toBe(false);

    const cutFile = path.join(tmp, 'zs-cut.tar.gz');
    fs.writeFileSync(cutFile, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const before = fs.readdirSync(dir).sort();
    const refused = cli(['restore', cutFile], env);
    expect(refused.status).not.toBe(0);
    const lines = refused.stderr.trim().split('\n');
    expect(lines, refused.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^备份文件 .* 不完整或已损坏（.+），未做任何恢复，原数据未改动$/);
    expect(fs.readdirSync(dir).sort(), 'no pgdata.restoring, no pgdata.before-restore-…').toEqual(before);
    expect(cli(['user', 'reset-password', 'houlai'], env).status, 'the data is as it was').toBe(0);
    const restore = cli(['restore', file], env);
    expect(restore.status, restore.stderr).toBe(0);
    expect(cli(['user', 'reset-password', 'beifen'], env).status, 'made before the backup: present').toBe(0);
    const gone = cli(['user', 'reset-password', 'houlai'], env);
    expect(gone.status, 'made after the backup: gone').not.toBe(0);
    expect(gone.stderr).toContain('不存在');
    const verify = cli(['audit', 'verify'], env);
    expect(verify.status, verify.stderr).toBe(0);
  }, 180_000);

  it('refuses bad arguments with a message, and unknown units by code', () => {
    const env = { ...baseEnv(), ZHONGSHU_DATA: path.join(tmp, 'args') };
    const noUnit = cli(['user', 'create', '--username', 'x1', '--name', 'x', '--unit', 'NOPE'], env);
    expect(noUnit.status).not.toBe(0);
    expect(noUnit.stderr).toContain('单位编码 NOPE 不存在');
    const badRole = cli(['user', 'create', '--username', 'x1', '--name', 'x', '--unit', 'ROOT', '--role', 'god'], env);
    expect(badRole.status).not.toBe(0);
    const badPort = cli(['migrate'], { ...env, PORT: 'abc' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('PORT');
  }, 120_000);
});

describe('zhongshu backup on PostgreSQL', () => {
  it('says to use pg_dump', () => {
    const r = cli(['backup', path.join(tmp, 'x.tar.gz')], { ...baseEnv(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pg_dump');
  });
});
