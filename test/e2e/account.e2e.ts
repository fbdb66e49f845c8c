import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { LoginPage } from './pages/LoginPage';
import { PasswordPage } from './pages/PasswordPage';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a new account must change its one-time password before anything else', async () => {
  const admin = await newPage(browser);
  const username = `xinren${Date.now()}`;
  let oneTimePassword: string;
  try {
    const s = await loginViaApi(admin.context, 'sysadmin');
    const units = await apiJson<{ items: { id: string; active: boolean }[] }>(s, 'GET', '/api/v1/units');
    const unitId = units.items.find((u) => u.active)?.id;
    assert.ok(unitId);
    ({ oneTimePassword } = await apiJson<{ oneTimePassword: string }>(s, 'POST', '/api/v1/users', {
      username,
      name: '新同志',
      unitId,
    }));
  } finally {
    await admin.context.close();
  }

  const { context, page } = await newPage(browser);
  try {
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, oneTimePassword);
    const pw = new PasswordPage(page);
    await pw.waitForced();
    assert.equal(await pw.menuItems().count(), 0, 'no menu while the change is due');

    await page.goto('/workbench');
    await pw.waitForced();

    // A password the policy refuses: the server's Chinese reason is shown.
    await pw.change(oneTimePassword, 'aaaaaaaaaa');
    await pw.serverError().waitFor();
    assert.match((await pw.serverError().textContent()) ?? '', /密码/);
    await screenshot(page, 'password-forced');

    await pw.change(oneTimePassword, 'Xin#Mima2026');
    const wb = new WorkbenchPage(page);
    await wb.waitLoaded();
    await wb.menuItem('我的工作台').waitFor();
  } finally {
    await context.close();
  }
});
