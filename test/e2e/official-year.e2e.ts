import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// A year no journey plans in, so loading it moves no demo matter and can be repeated.
const notice2099 = {
  year: 2099,
  papers: ['https://www.gov.cn/zhengce/content/e2e/2099.htm'],
  days: [
    { name: '元旦', date: '2099-01-01', isOffDay: true },
    { name: '元旦', date: '2099-01-02', isOffDay: true },
  ],
};

test('工作日历: the sysadmin loads a year’s holiday-cn file; a broken file is refused in Chinese, a good one is shown with its result', async () => {
  const s = await newPage(browser);
  try {
    const admin = await loginViaApi(s.context, 'sysadmin');
    await s.page.goto('/admin/calendar');
    await s.page.getByText('国务院节假日安排').waitFor();
    const input = s.page.locator('input[type=file]');

    await input.setInputFiles({ name: '2099.json', mimeType: 'application/json', buffer: Buffer.from('{"year": 2099,') });
    await s.page.getByTestId('official-year-error').getByText('不是有效的 JSON').waitFor();
    await input.setInputFiles({ name: '2099.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(notice2099)) });
    await s.page.getByTestId('official-year-result').getByText('已载入 2099 年节假日安排').waitFor();
    // The page turns to the loaded year: its days come from the notice now.
    await s.page.getByRole('cell', { name: '2099-01-02' }).waitFor();
    await screenshot(s.page, 'official-year-loaded');

    const year = await apiJson<{ provisional: boolean; source: string }>(admin, 'GET', '/api/v1/calendar/years/2099');
    assert.equal(year.provisional, false);
    assert.equal(year.source, notice2099.papers[0]);
  } finally {
    await s.context.close();
  }
});
