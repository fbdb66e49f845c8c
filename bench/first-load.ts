// First-load benchmark: what a browser transfers and how long it waits for the
// sign-in page and, signed in, for 我的工作台 — cold cache, then a return visit
// (warm cache) — unthrottled on loopback and under a throttled link such as a
// county office or a phone on 4G has. Debian's Chromium through Playwright;
// bytes are what went over the wire (CDP encodedDataLength: headers + the
// possibly compressed body). Prints figures; asserts nothing.
//   npx vite build && npm run bench:first-load
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startServer, stop } from './support';

const port = 3920;
const base = `http://127.0.0.1:${port}`;
const password = process.env.ZHONGSHU_DEMO_PASSWORD ?? 'Zhongshu@2026';
const runs = Number(process.env.BENCH_RUNS ?? 5);

/** DevTools-style link profiles: bytes/s down and up, added round-trip latency in ms. */
const links = {
  loopback: null,
  '4G (9 Mbit/s, 85 ms)': { download: (9_000_000 / 8) * 0.9, upload: (1_500_000 / 8) * 0.9, latency: 85 },
  'slow 3G-like (1.6 Mbit/s, 150 ms)': { download: (1_600_000 / 8) * 0.9, upload: (750_000 / 8) * 0.9, latency: 150 },
} as const;

interface Visit {
  bytes: number;
  /** requests that went over the network (a 304 counts; one served from the browser cache does not) */
  requests: number;
  cached: number;
  ms: number;
}

async function measure(page: Page, link: (typeof links)[keyof typeof links], go: () => Promise<void>): Promise<Visit> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (link) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...link, downloadThroughput: link.download, uploadThroughput: link.upload });
  let bytes = 0;
  let finished = 0;
  let cached = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    finished++;
  });
  cdp.on('Network.requestServedFromCache', () => cached++);
  const t = performance.now();
  await go();
  const ms = performance.now() - t;
  await cdp.detach();
  return { bytes, requests: finished - cached, cached, ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-first-'));
const server = await startServer({ ZHONGSHU_DATA: dataDir, ZHONGSHU_DEMO: '1', ZHONGSHU_DEMO_MATTERS: '0' }, port);
const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
console.log(`# first-load bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}, median of ${runs}`);
try {
  for (const [name, link] of Object.entries(links)) {
    const rows: Record<string, Visit[]> = { 'sign-in page, cold cache': [], 'sign-in page, return visit': [], '工作台 after sign-in': [] };
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
      const page = await context.newPage();
      const signInVisible = async () => {
        await page.goto('/', { waitUntil: 'commit' });
        await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      };
      rows['sign-in page, cold cache']!.push(await measure(page, link, signInVisible));
      rows['sign-in page, return visit']!.push(await measure(page, link, signInVisible));
      rows['工作台 after sign-in']!.push(
        await measure(page, link, async () => {
          await page.getByLabel('用户名').fill('ducha');
          await page.getByLabel('密码').fill(password);
          await page.getByRole('button', { name: /登\s*录/ }).click();
          await page.getByText('我的工作台').first().waitFor();
        }),
      );
      await context.close();
    }
    console.log(`\n## ${name}`);
    for (const [what, v] of Object.entries(rows)) {
      console.log(
        `${what}: ${kb(median(v.map((x) => x.bytes)))} in ${median(v.map((x) => x.requests))} requests (+${median(v.map((x) => x.cached))} from cache), ${median(v.map((x) => x.ms)).toFixed(0)} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await stop(server.child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
