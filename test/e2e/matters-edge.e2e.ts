import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { MatterDetailPage, NewMatterPage } from './pages/MattersPages';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('立项 shows the server refusal of a past deadline; a stale action is refused, the detail reloads and the retry succeeds', async () => {
  const { context, page } = await newPage(browser);
  try {
    const s = await loginViaApi(context, 'ducha');

    // A past date is refused by the server, and the form says so instead of navigating away.
    await page.goto('/matters/new');
    const create = new NewMatterPage(page);
    await create.heading('立项').waitFor();
    await page.getByLabel('事项标题').fill('时限已过的测试事项');
    await page.getByText('按日期', { exact: true }).click();
    await page.getByLabel('完成日期').fill('2020-01-06');
    await page.getByLabel('完成日期').press('Enter');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('alert').filter({ hasText: /[\u4e00-\u9fff]/ }).first().waitFor();
    // The server names the field, so its message stands under 完成日期 itself.
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '不能早于今天' }).first().waitFor();
    assert.match(page.url(), /\/matters\/new$/, 'a refused matter stays on the form');
    await screenshot(page, 'matter-new-refused');

    // Set up an assigned matter through the API, open it, then let "someone else" act first.
    const units = await apiJson<{ items: { id: string; name: string }[] }>(s, 'GET', '/api/v1/units');
    const jyj = units.items.find((u) => u.name === '县教育局');
    assert.ok(jyj, '县教育局 is in the demo tree');
    const m = await apiJson<{ id: string; version: number }>(s, 'POST', '/api/v1/matters', {
      title: `并发催办测试 ${Date.now().toString(36)}`,
      source: 'inspection',
      leadUnitId: jyj.id,
      deadline: { kind: 'working_days', days: 5 },
      assign: true,
    });
    const detail = new MatterDetailPage(page);
    await detail.goto(m.id);
    await apiJson(s, 'POST', `/api/v1/matters/${m.id}/actions/remind`, { version: m.version, comment: '请抓紧办理' });

    // The page still holds the old version: the server answers 409 and the shell reloads the matter.
    await detail.action('催办').click();
    await detail.dialog().getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('数据已变化').waitFor();
    await detail.timelineEvents().filter({ hasText: '第 1 次催办' }).waitFor();

    await detail.act('催办', async (d) => {
      await d.getByLabel('催办意见').fill('第二次催办，请于本周内反馈');
    });
    await detail.timelineEvents().filter({ hasText: '第 2 次催办' }).waitFor();
  } finally {
    await context.close();
  }
});
