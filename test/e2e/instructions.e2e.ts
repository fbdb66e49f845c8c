import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('录入批示: the office staff records 王建国’s 批示 naming 县教育局; it waits on 督查员’s workbench as a draft to 研判', async () => {
  const stamp = Date.now().toString(36);
  const subject = `城区学校放学时段交通拥堵问题 ${stamp}`;
  const contexts: BrowserContext[] = [];
  try {
    const xinxi = await newPage(browser);
    contexts.push(xinxi.context);
    await loginViaApi(xinxi.context, 'xinxi');
    await xinxi.page.goto('/matters');
    await xinxi.page.getByRole('button', { name: '录入批示' }).click();
    await xinxi.page.getByRole('heading', { name: '录入领导批示' }).waitFor();
    await xinxi.page.getByLabel('批示领导').click();
    await xinxi.page.getByTitle('王建国', { exact: true }).click();
    await xinxi.page.getByLabel('批示内容').fill('请县教育局会同公安交警研究解决，形成方案后报我。');
    await xinxi.page.getByLabel('事由').fill(subject);
    await xinxi.page.getByLabel('点名单位').click();
    await xinxi.page.getByLabel('点名单位').fill('县教育局');
    await xinxi.page.getByTitle('县教育局', { exact: true }).click();
    await xinxi.page.getByRole('button', { name: /录\s*入/ }).click();
    await xinxi.page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
    await xinxi.page.getByRole('heading', { name: subject }).waitFor();
    await xinxi.page.locator('.ant-tag').filter({ hasText: /^立项$/ }).first().waitFor();
    await xinxi.page.getByText('请县教育局会同公安交警研究解决，形成方案后报我。').waitFor();
    await screenshot(xinxi.page, 'instruction-recorded');

    // 督查员: the workbench card opens the ledger on exactly the drafts from 批示.
    const ducha = await newPage(browser);
    contexts.push(ducha.context);
    await loginViaApi(ducha.context, 'ducha');
    await ducha.page.goto('/workbench');
    await ducha.page.getByRole('link', { name: /^待研判立项的领导批示：\d+ 项$/ }).click();
    await ducha.page.waitForURL(/todo=instructions-to-open/);
    await ducha.page.getByRole('link', { name: subject }).first().click();
    await ducha.page.getByRole('button', { name: '修改立项信息' }).waitFor();
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
