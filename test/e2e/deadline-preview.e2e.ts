import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { MatterDetailPage, NewMatterPage } from './pages/MattersPages';
import { loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * The server runs on the real date (December 2026 as this was written), and
 * 2027's holiday notice is not in the data: 60 working days from today reach
 * into 2027 from any day of the late year, so the preview must warn.
 */
test('立项: the deadline preview follows the typed working days and warns of a provisional year; the detail says 暂定', async () => {
  const { context, page } = await newPage(browser);
  try {
    await loginViaApi(context, 'ducha');
    await page.goto('/matters/new');
    const create = new NewMatterPage(page);
    await create.fill({
      title: `完成时限预览 ${Date.now().toString(36)}`,
      requirement: '按要求办理。',
      leadUnit: '县教育局',
      leaderName: '王建国',
      instruction: '请抓紧落实。',
      category: '预览',
    });

    const preview = page.getByRole('status', { name: '完成时限预览' });
    await preview.getByText('10 个工作日').waitFor();

    await page.getByLabel('工作日数').fill('60');
    await preview.getByText('60 个工作日').waitFor();
    const warning = preview.getByRole('alert');
    await warning.waitFor();
    assert.match(await warning.innerText(), /2027 年国务院节假日安排尚未发布.*调休未计入/);
    const shown = /(\d{4}-\d{2}-\d{2})（周[一二三四五六日]）/.exec(await preview.innerText())?.[1];
    assert.ok(shown, 'the preview names the date and its weekday');
    await screenshot(page, 'deadline-preview-provisional');

    // What the preview showed is what 交办 stores, and the detail marks it.
    await create.assign();
    await new MatterDetailPage(page).state('已交办').waitFor();
    await page.getByText(new RegExp(`^办理期限：${shown}\\s*暂定$`)).waitFor();
    await page.getByRole('alert').filter({ hasText: '尚未发布' }).waitFor();
  } finally {
    await context.close();
  }
});
