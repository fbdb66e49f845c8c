import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { navItems } from '../../src/web/nav';
import type { Audience } from '../../src/web/components/access';
import { AppShell } from './pages/AppShell';
import { apiJson, loginViaApi, type Session } from './support/api';
import { launchBrowser, newPage } from './support/env';

/**
 * The shell's Content-Security-Policy (script-src 'self', styles only with the
 * response's nonce) must not break any page: every page of the menu, as each
 * role that can open it, plus the detail pages, a modal, a dropdown and a
 * chart tooltip (ECharts and antd write styles at run time). Any
 * `securitypolicyviolation` event or CSP console error fails the journey.
 */
let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

async function watchCsp(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      });
    });
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Content-Security-Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  return consoleErrors;
}

async function assertNoViolations(page: Page, consoleErrors: string[], where: string): Promise<void> {
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  assert.deepEqual(violations, [], `CSP violations on ${where}: ${JSON.stringify(violations, null, 1)}`);
  assert.deepEqual(consoleErrors, [], `CSP console errors on ${where}`);
}

/** Waits until the page has drawn and its requests have settled. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

const accounts: { username: string; audience: Audience }[] = [
  { username: 'ducha', audience: 'business' },
  { username: 'jyj_lly', audience: 'business' },
  { username: 'sysadmin', audience: 'sysadmin' },
  { username: 'secadmin', audience: 'secadmin' },
  { username: 'auditor', audience: 'auditor' },
];

/** Real ids for the detail pages, as the account sees them. */
async function detailPaths(s: Session): Promise<Record<string, string>> {
  const matters = await apiJson<{ items: { id: string }[] }>(s, 'GET', '/api/v1/matters?pageSize=1');
  const bulletins = await apiJson<{ items: { id: string }[] }>(s, 'GET', '/api/v1/bulletins?pageSize=1');
  const out: Record<string, string> = {};
  if (matters.items[0]) out['/matters/:id'] = `/matters/${matters.items[0].id}`;
  if (bulletins.items[0]) out['/bulletins/:id'] = `/bulletins/${bulletins.items[0].id}`;
  return out;
}

test('the sign-in page and the 404 page run under the CSP', async () => {
  const { context, page } = await newPage(browser);
  try {
    const consoleErrors = await watchCsp(page);
    const res = await page.goto('/login');
    const csp = res?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入用户名').first().waitFor();
    await assertNoViolations(page, consoleErrors, '/login');
  } finally {
    await context.close();
  }
});

for (const { username, audience } of accounts) {
  test(`every page ${username} can open runs with no CSP violation`, async () => {
    const { context, page } = await newPage(browser);
    try {
      const consoleErrors = await watchCsp(page);
      const session = await loginViaApi(context, username);
      const details = audience === 'business' ? await detailPaths(session) : {};
      const shell = new AppShell(page);
      const pages = navItems.filter((n) => n.audience.includes(audience));
      const visited: string[] = [];
      for (const item of pages) {
        const url = item.path.includes(':') ? details[item.path] : item.path;
        if (!url) continue;
        await page.goto(url);
        await settled(page);
        // 立项 and 录入批示 are forms some business roles may not open (a refusal page has no such heading).
        const formOfSomeRoles = item.path === '/matters/new' || item.path === '/instructions/new';
        if (!item.path.includes(':') && !formOfSomeRoles) await shell.heading(item.label).waitFor();
        visited.push(url);
        await assertNoViolations(page, consoleErrors, `${url} as ${username}`);
      }
      for (const url of ['/password', '/no/such/page']) {
        await page.goto(url);
        await settled(page);
        await assertNoViolations(page, consoleErrors, `${url} as ${username}`);
      }
      assert.ok(visited.length >= Math.min(3, pages.length), `${username} visited ${visited.join(', ')}`);

      // Styles antd and ECharts write at run time: a dropdown, a modal, a chart tooltip, a message.
      if (audience === 'business') {
        await page.goto('/board');
        await settled(page);
        for (const id of ['chart-units', 'chart-gantt']) {
          const canvas = page.getByTestId(id).locator('canvas').first();
          await canvas.waitFor();
          await canvas.scrollIntoViewIfNeeded();
          const box = (await canvas.boundingBox())!;
          for (const x of [0.3, 0.5, 0.7]) await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.3);
          await page.waitForTimeout(300);
        }
        await assertNoViolations(page, consoleErrors, `/board tooltip as ${username}`);
      }
      if (audience === 'sysadmin') {
        await page.goto('/admin/users');
        await settled(page);
        await page.getByRole('button', { name: '新建账号' }).first().click();
        await page.getByRole('dialog').waitFor();
        await page.getByRole('dialog').getByRole('combobox').first().click();
        await page.locator('.ant-select-dropdown').first().waitFor();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').getByRole('button', { name: '创建' }).first().click();
        await page.waitForTimeout(300);
        await assertNoViolations(page, consoleErrors, `/admin/users modal as ${username}`);
      }
      if (audience === 'auditor') {
        // antd's message and notification, without touching data: the answers are faked in the browser.
        const refuse = (status: number, code: string, message: string) => ({
          status,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code, message, requestId: 'e2e-csp-check' } }),
        });
        await page.route('**/api/v1/audit/verify', (r) => r.fulfill(refuse(409, 'STALE_VERSION', '数据已被他人修改，请刷新后重试')));
        await page.goto('/admin/audit');
        await settled(page);
        await page.getByRole('button', { name: /校验/ }).first().click();
        await page.locator('.ant-notification-notice').first().waitFor();
        await page.route('**/api/v1/audit?**', (r) => r.fulfill(refuse(404, 'NOT_FOUND', '对象不存在或无权访问')));
        await page.goto('/admin/audit?page=2');
        await page.locator('.ant-message-notice').first().waitFor();
        await assertNoViolations(page, consoleErrors, `/admin/audit message and notification as ${username}`);
      }
    } finally {
      await context.close();
    }
  });
}
