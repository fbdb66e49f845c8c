#!/usr/bin/env node
/**
 * End-to-end run: build the web app if needed, start a throw-away server with
 * demo data in a fresh temp directory on a free port, run test/e2e/*.e2e.ts
 * with the Node test runner against it, then stop the server and delete the
 * directory. Exits non-zero when anything fails. Screenshots and the server
 * log are kept in test-results/e2e/.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results', 'e2e');
const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const readyTimeoutMs = 180_000;

function fail(msg) {
  console.error(`e2e: ${msg}`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url, server) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not ready after ${readyTimeoutMs / 1000} s`);
}

function stop(child, graceMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

if (!fs.existsSync(chromium)) {
  fail(`${chromium} not found; install Debian's browser: apt-get install -y chromium fonts-wqy-microhei`);
}
if (!fs.existsSync(path.join(root, 'bin', 'zhongshu.mjs'))) fail('bin/zhongshu.mjs (the server entry) is missing');
if (!fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
  console.log('e2e: building the web app (dist/web/index.html missing)…');
  const b = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail('vite build failed');
}

const specs = fs
  .readdirSync(path.join(root, 'test', 'e2e'))
  .filter((f) => f.endsWith('.e2e.ts'))
  // `node scripts/e2e.mjs matters-edge board` runs only the specs whose names hold one of the words.
  .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((w) => f.includes(w)))
  .sort()
  .map((f) => path.join('test', 'e2e', f));
if (specs.length === 0) fail('no test/e2e/*.e2e.ts specs found');

fs.mkdirSync(resultsDir, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhongshu-e2e-'));
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const serverLog = fs.createWriteStream(path.join(resultsDir, 'server.log'));

console.log(`e2e: starting server on ${baseURL} with demo data in ${dataDir}`);
const server = spawn(process.execPath, ['bin/zhongshu.mjs', 'serve'], {
  cwd: root,
  env: {
    ...process.env,
    ZHONGSHU_DATA: dataDir,
    ZHONGSHU_DEMO: '1',
    HOST: '127.0.0.1',
    PORT: String(port),
    ZHONGSHU_JOBS: '1',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);

let tests = null;
const cleanup = async () => {
  if (tests) await stop(tests, 2_000);
  await stop(server);
  serverLog.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

let code = 1;
try {
  await waitReady(`${baseURL}/readyz`, server);
  console.log(`e2e: server ready; running ${specs.length} spec file(s)`);
  tests = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...specs], {
    cwd: root,
    env: { ...process.env, E2E_BASE_URL: baseURL, E2E_SCREENSHOT_DIR: resultsDir },
    stdio: 'inherit',
  });
  code = await new Promise((resolve) => tests.once('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
} catch (e) {
  console.error(`e2e: ${e instanceof Error ? e.message : e}; server log: ${path.relative(root, path.join(resultsDir, 'server.log'))}`);
} finally {
  await cleanup();
}
console.log(code === 0 ? 'e2e: passed' : `e2e: FAILED (screenshots and server.log in ${path.relative(root, resultsDir)})`);
process.exit(code);
