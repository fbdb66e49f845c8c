import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { signedIn } from './support/api';
import { launchBrowser, phone, screenshot, settle } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const as = (username: string, viewport?: { width: number; height: number }) => signedIn(browser, username, viewport);

const chartIds = ['chart-units', 'chart-trend', 'chart-gantt'];

/** ECharts draws into a canvas once it has data and a size; each chart card must hold one. */
async function chartsDrawn(page: Page): Promise<void> {
  for (const id of chartIds) await page.getByTestId(id).locator('canvas').first().waitFor();
}

const redLinks = (page: Page): Locator => page.getByTestId('board-red').locator('a[href^="/matters/"]');

test('挂图作战 draws its charts and lists; 督查员 drafts and publishes a 通报 that the leader can read', async () => {
  const stamp = Date.now().toString(36);
  const year = new Date().getFullYear();
  const title = `${year}年度督查督办工作情况通报 ${stamp}`;
  const contexts: BrowserContext[] = [];
  try {
    // 1. The board at desktop width: three charts and a red list from the demo year of work.
    const ducha = await as('ducha');
    contexts.push(ducha.context);
    const shell = new AppShell(ducha.page);
    await ducha.page.goto('/workbench');
    await shell.menuItem('挂图作战').click();
    await ducha.page.waitForURL('**/board');
    await shell.heading('挂图作战').waitFor();
    await chartsDrawn(ducha.page);
    await redLinks(ducha.page).first().waitFor();
    assert.ok((await redLinks(ducha.page).count()) >= 1, 'the demo data has at least one red matter');
    // Let the entry animation finish so the picture shows the final bars.
    await ducha.page.waitForTimeout(1200);
    await screenshot(ducha.page, 'board-desktop');

    // 2. A red matter opens its detail page.
    const first = redLinks(ducha.page).first();
    const matterTitle = ((await first.textContent()) ?? '').trim();
    await first.click();
    await ducha.page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
    await ducha.page.getByRole('heading', { name: matterTitle }).first().waitFor();

    // The unit figures as a table drill into the ledger: a unit's 逾期 count opens its red matters.
    await ducha.page.goBack();
    await ducha.page.getByTestId('chart-units').getByText('表格', { exact: true }).click();
    await ducha.page.getByTestId('chart-units').getByRole('link', { name: /逾期 [1-9]\d* 项$/ }).first().click();
    await ducha.page.waitForURL(/\/matters\?leadUnitId=[0-9a-f-]{36}&light=red$/);
    await shell.heading('督查台账').waitFor();
    await ducha.page.getByRole('row').filter({ hasText: '红灯' }).first().waitFor();

    // And the red list's "查看全部" is the ledger filtered to red.
    await ducha.page.goBack();
    await ducha.page.getByTestId('board-red').getByRole('link', { name: '查看全部' }).click();
    await ducha.page.waitForURL(/\/matters\?light=red/);
    await shell.heading('督查台账').waitFor();

    // 3. A bulletin for this year: drafted with frozen figures, praised, published.
    await ducha.page.goto('/bulletins');
    await shell.heading('督查通报').waitFor();
    await ducha.page.getByRole('button', { name: /新建通报/ }).click();
    const dialog = ducha.page.getByRole('dialog');
    await dialog.getByLabel('通报标题').fill(title);
    await dialog.getByRole('button', { name: '生成草稿' }).click();
    await ducha.page.waitForURL(/\/bulletins\/[0-9a-f-]{36}$/);
    await shell.heading(title).waitFor();
    await ducha.page.getByText('草稿仅办公室可见').waitFor();
    await ducha.page.getByRole('cell', { name: '县教育局' }).first().waitFor();
    await ducha.page.getByLabel('表扬').fill('县教育局、县卫健局按时高质量完成交办事项，予以通报表扬。');
    const saved = ducha.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/bulletins/'));
    await ducha.page.getByRole('button', { name: /保存修改/ }).click();
    assert.equal((await saved).status(), 200);
    await ducha.page.getByRole('button', { name: /发\s*布/ }).click();
    // A click while the confirmation is still zooming in is lost, so wait until it stands still.
    await settle(ducha.page);
    await ducha.page.locator('.ant-popover').getByRole('button', { name: /发\s*布/ }).click();
    await ducha.page.getByText('已发布', { exact: true }).first().waitFor();
    await ducha.page.getByText('县教育局、县卫健局按时高质量完成交办事项').waitFor();
    const href = await ducha.page.getByRole('link', { name: /下载 \.docx/ }).getAttribute('href');
    assert.ok(href, 'the page links the .docx');
    const doc = await ducha.page.request.get(href);
    assert.equal(doc.status(), 200, `${href} → ${doc.status()}`);
    assert.match(doc.headers()['content-type'] ?? '', /wordprocessingml/);
    assert.equal((await doc.body()).subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip file');
    await screenshot(ducha.page, 'bulletin');

    // 4. The board at phone width: the charts stack and nothing sticks out sideways.
    const mobile = await as('ducha', phone);
    contexts.push(mobile.context);
    await mobile.page.goto('/board');
    await new AppShell(mobile.page).heading('挂图作战').waitFor();
    await chartsDrawn(mobile.page);
    await redLinks(mobile.page).first().waitFor();
    assert.equal(await new AppShell(mobile.page).hasHorizontalOverflow(), false, 'the board fits 375 px');
    await mobile.page.waitForTimeout(1200);
    await screenshot(mobile.page, 'board-phone');

    // 5. The leader finds the published bulletin in the list and can open it.
    const shuji = await as('shuji');
    contexts.push(shuji.context);
    await shuji.page.goto('/bulletins');
    await new AppShell(shuji.page).menuItem('督查通报').waitFor();
    await shuji.page.getByRole('link', { name: title }).click();
    await new AppShell(shuji.page).heading(title).waitFor();
    await shuji.page.getByText('县教育局、县卫健局按时高质量完成交办事项').waitFor();
  } finally {
    for (const c of contexts) await c.close();
  }
});
