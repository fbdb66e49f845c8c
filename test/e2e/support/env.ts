import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Set by scripts/e2e.mjs, which starts a throw-away server with demo data. */
export const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const demoPassword = process.env.ZHONGSHU_DEMO_PASSWORD ?? 'Zhongshu@2026';
export const screenshotDir = path.resolve(process.env.E2E_SCREENSHOT_DIR ?? 'test-results/e2e');

/** Debian's Chromium, never a downloaded browser; flags keep it from phoning home during tests. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export const desktop = { width: 1366, height: 860 };
export const phone = { width: 375, height: 812 };

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    hasTouch: viewport.width < 600,
    isMobile: viewport.width < 600,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // Surface browser-side errors in the test output; a crashing page is otherwise silent.
  page.on('pageerror', (e) => console.error(`[browser] ${e.message}`));
  return { context, page };
}

/** Waits until CSS transitions and animations (drawer slide, spinner fade) have finished, so pictures show the final state. */
export async function settle(page: Page): Promise<void> {
  // Endless animations (spinners, pulsing badges) never finish, so only finite ones are waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await settle(page);
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
