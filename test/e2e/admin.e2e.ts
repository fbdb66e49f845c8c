import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { AuditPage } from './pages/AuditPage';
import { UsersAdminPage } from './pages/UsersAdminPage';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, phone, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('系统管理员 sees 单位管理 but not 审计日志, and is refused the audit page', async () => {
  const { context, page } = await newPage(browser);
  try {
    await loginViaApi(context, 'sysadmin');
    await page.goto('/');
    await page.waitForURL('**/admin/units');
    const shell = new AppShell(page);
    await shell.heading('单位管理').waitFor();
    await shell.menuItem('单位管理').waitFor();
    await shell.menuItem('用户管理').waitFor();
    assert.equal(await shell.menuItem('审计日志').count(), 0);
    assert.equal(await shell.menuItem('我的工作台').count(), 0, 'admins do no business work');
    await page.getByRole('tree', { name: '组织树' }).getByRole('treeitem').first().waitFor();
    await screenshot(page, 'units-sysadmin');

    await page.goto('/admin/audit');
    await page.getByText('无权访问', { exact: true }).waitFor();
    await page.goto('/no/such/page');
    await page.getByText('页面不存在', { exact: true }).waitFor();
  } finally {
    await context.close();
  }
});

test('安全审计员 sees 审计日志 and verifies the hash chain', async () => {
  const { context, page } = await newPage(browser);
  try {
    await loginViaApi(context, 'auditor');
    await page.goto('/');
    await page.waitForURL('**/admin/audit');
    const audit = new AuditPage(page);
    await audit.heading('审计日志').waitFor();
    await audit.menuItem('审计日志').waitFor();
    assert.equal(await audit.menuItem('单位管理').count(), 0);
    await page.getByRole('row').nth(1).waitFor();
    const outcome = await audit.verify();
    assert.match((await outcome.textContent()) ?? '', /^校验通过/);
    await screenshot(page, 'audit-verified');
  } finally {
    await context.close();
  }
});

test('markup stored in a user name is shown as text, never run', async () => {
  const { context, page } = await newPage(browser);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const s = await loginViaApi(context, 'sysadmin');
    const units = await apiJson<{ items: { id: string; active: boolean }[] }>(s, 'GET', '/api/v1/units');
    const unit = units.items.find((u) => u.active);
    assert.ok(unit, 'the demo data has an active unit');
    const name = '<script>alert(1)</script>';
    const username = `xss${Date.now()}`;
    await apiJson(s, 'POST', '/api/v1/users', { username, name, unitId: unit.id });

    const users = new UsersAdminPage(page);
    await users.search(username);
    const row = users.row(username);
    await row.getByText(name, { exact: true }).waitFor();
    assert.equal(await page.locator('.ant-table script').count(), 0, 'no script element was created');
    assert.deepEqual(dialogs, [], 'no alert fired');
    await screenshot(page, 'users-literal-markup');
  } finally {
    await context.close();
  }
});

test('the users table scrolls inside itself on a phone, not the page', async () => {
  const { context, page } = await newPage(browser, phone);
  try {
    await loginViaApi(context, 'sysadmin');
    const users = new UsersAdminPage(page);
    await users.search('');
    await page.getByRole('row').nth(1).waitFor();
    assert.equal(await users.hasHorizontalOverflow(), false);
  } finally {
    await context.close();
  }
});
