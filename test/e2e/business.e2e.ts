import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { loginViaApi } from './support/api';
import { demoPassword, launchBrowser, newPage, phone, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('督查员 signs in through the login page, sees the workbench and notifications, signs out', async () => {
  const { context, page } = await newPage(browser);
  try {
    await page.goto('/workbench');
    // Not signed in: the shell sends us to the login page, remembering where we were going.
    await page.waitForURL(/\/login\?next=%2Fworkbench$/);

    const login = new LoginPage(page);
    await login.login('ducha', 'wrong-password-1');
    await login.error().waitFor();
    assert.match((await login.error().textContent()) ?? '', /[\u4e00-\u9fff]/, 'the error is shown in Chinese');
    await screenshot(page, 'login-error');

    await login.login('ducha', demoPassword);
    const wb = new WorkbenchPage(page);
    await wb.waitLoaded();
    await wb.demoBanner().waitFor();
    assert.equal(await page.title(), '我的工作台 - 中枢 · 党委办公室工作平台');
    await wb.menuItem('我的工作台').waitFor();
    await wb.menuItem('通知中心').waitFor();
    assert.equal(await wb.menuItem('审计日志').count(), 0, 'business users see no admin pages');
    await screenshot(page, 'workbench-desktop');

    await wb.openNotifications();
    await page.getByText(/全部|未读/).first().waitFor();
    await screenshot(page, 'notifications-desktop');

    await wb.logout();
    await page.goto('/workbench');
    await page.waitForURL(/\/login/);
  } finally {
    await context.close();
  }
});

test('the workbench fits a 375 px phone and the menu opens from the hamburger', async () => {
  const { context, page } = await newPage(browser, phone);
  try {
    await loginViaApi(context, 'ducha');
    await page.goto('/');
    const wb = new WorkbenchPage(page);
    await wb.waitLoaded();
    assert.equal(await wb.hasHorizontalOverflow(), false, 'the page body must not scroll sideways at 375 px');
    assert.equal(await wb.menuItems().count(), 0, 'the side menu is folded away on phones');

    await wb.hamburger().click();
    await wb.menuItem('通知中心').waitFor();
    await screenshot(page, 'workbench-phone-menu');
    await wb.menuItem('通知中心').click();
    await page.waitForURL('**/notifications');
    const shell = new AppShell(page);
    await shell.heading('通知中心').waitFor();
    await shell.menuItem('通知中心').waitFor({ state: 'hidden' });
    assert.equal(await shell.hasHorizontalOverflow(), false, 'the notification centre fits as well');
    await screenshot(page, 'notifications-phone');
  } finally {
    await context.close();
  }
});
