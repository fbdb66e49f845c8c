import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { AppShell } from './pages/AppShell';
import { apiJson, loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface Report {
  from: string;
  to: string;
  units: { unit: { name: string }; overdue: number; onTimeRate: number | null }[];
}

const cellTexts = async (row: Locator) => (await row.locator('td').allTextContents()).map((t) => t.trim());

test('督办统计: the year per unit as the API counts it, — where nothing was due, sorted by 逾期, the 合计, and the .xlsx', async () => {
  const contexts: BrowserContext[] = [];
  try {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    // The page runs under the shell's CSP (csp.e2e.ts visits it too): antd's table, picker and summary write styles at run time.
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Content-Security-Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const session = await loginViaApi(context, 'ducha');
    const shell = new AppShell(page);
    await page.goto('/workbench');
    await shell.menuItem('督办统计').click();
    await page.waitForURL('**/stats**');
    await shell.heading('督办统计').waitFor();

    // 年度: the whole year, in the URL so a reload or a shared link keeps it.
    await page.getByText('年度', { exact: true }).click();
    await page.waitForURL(/period=year/);
    const url = new URL(page.url());
    const report = await apiJson<Report>(session, 'GET', `/api/v1/supervision/stats?from=${url.searchParams.get('from')}&to=${url.searchParams.get('to')}`);
    assert.ok(report.units.length >= 2, 'the demo year has figures for several units');
    const table = page.getByTestId('stats-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.nth(report.units.length - 1).waitFor();
    assert.equal(await rows.count(), report.units.length);
    const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    const rateAt = headers.indexOf('按时办结率');
    for (const u of report.units) {
      const cells = await cellTexts(rows.filter({ hasText: u.unit.name }).first());
      if (u.onTimeRate === null) assert.equal(cells[rateAt], '—', `${u.unit.name}: nothing due reads —`);
      else assert.equal(cells[rateAt], `${(u.onTimeRate * 100).toFixed(1)}%`, u.unit.name);
    }
    const total = await cellTexts(table.locator('.ant-table-summary tr').first());
    assert.equal(total[0], '合计');

    // Sorting by 逾期, most first: the unit with the most overdue matters heads the table.
    const overdueHeader = table.locator('thead th').filter({ hasText: /^逾期$/ });
    await overdueHeader.click();
    await overdueHeader.click();
    await table.locator('thead th[aria-sort="descending"]').filter({ hasText: /^逾期$/ }).waitFor();
    const most = Math.max(...report.units.map((u) => u.overdue));
    assert.equal((await cellTexts(rows.first()))[headers.indexOf('逾期')], String(most));
    await screenshot(page, 'stats-year');

    // The same figures as .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    assert.equal(download.suggestedFilename(), `督办统计-${report.from}至${report.to}.xlsx`);
    // The other pickers too (a dropdown each), then no CSP error on the way.
    for (const kind of ['季度', '自定义', '月度']) {
      await page.getByText(kind, { exact: true }).click();
      await page.getByLabel('统计期间').first().click();
      await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').first().waitFor();
      await page.keyboard.press('Escape');
    }
    assert.deepEqual(cspErrors, []);

    // A liaison's table holds their own unit alone.
    const liaison = await newPage(browser);
    contexts.push(liaison.context);
    const own = await loginViaApi(liaison.context, 'jyj_lly');
    await liaison.page.goto(`/stats?period=year&from=${report.from}`);
    const mine = await apiJson<Report>(own, 'GET', `/api/v1/supervision/stats?from=${report.from}&to=${report.to}`);
    assert.ok(mine.units.length <= 1);
    const liaisonRows = liaison.page.getByTestId('stats-table').locator('tbody tr.ant-table-row');
    if (mine.units[0]) await liaisonRows.first().filter({ hasText: mine.units[0].unit.name }).waitFor();
    assert.equal(await liaisonRows.count(), mine.units.length);
  } finally {
    for (const c of contexts) await c.close();
  }
});
