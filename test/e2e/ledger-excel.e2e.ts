import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { LedgerPage } from './pages/MattersPages';
import { loginViaApi } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/env';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A one-sheet workbook shaped like the import template: a header row, then the given rows. */
async function workbook(rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('督查事项');
  ws.addRow(['标题*', '来源*', '牵头单位*', '办理期限*']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('台账 Excel: the export follows the filters; a bad import lists its errors by row and column, a good one is imported', async () => {
  const { context, page } = await newPage(browser);
  const stamp = Date.now().toString(36);
  const nextYear = new Date().getFullYear() + 1;
  try {
    await loginViaApi(context, 'ducha');
    const ledger = new LedgerPage(page);
    await page.goto('/matters?light=red');
    await ledger.heading('督查台账').waitFor();

    // The export link carries the ledger's filters and answers with a workbook.
    const exportLink = page.getByRole('link', { name: /导出 Excel/ });
    const href = (await exportLink.getAttribute('href')) ?? '';
    assert.match(href, /^\/api\/v1\/matters\/export\.xlsx\?light=red$/);
    const exported = await page.request.get(href);
    assert.equal(exported.status(), 200, `${href} → ${exported.status()}`);
    assert.equal(exported.headers()['content-type'], xlsxMime);

    // The import dialog offers the template.
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入督查事项' });
    const template = (await dialog.getByRole('link', { name: /下载导入模板/ }).getAttribute('href')) ?? '';
    assert.equal((await page.request.get(template)).status(), 200);

    // A bad date and an unknown unit: nothing is imported, each problem is listed with its row and column.
    await dialog.locator('input[type=file]').setInputFiles({
      name: '有错误的事项.xlsx',
      mimeType: xlsxMime,
      buffer: await workbook([
        [`导入测试甲 ${stamp}`, '督查发现问题', '不存在的单位', `${nextYear}-06-30`],
        [`导入测试乙 ${stamp}`, '督查发现问题', '县教育局', '下个月底'],
      ]),
    });
    await dialog.getByText(/导入失败，共 \d+ 处问题/).waitFor();
    const cells = await dialog.getByRole('row').allTextContents();
    assert.ok(cells.some((t) => t.startsWith('2') && t.includes('牵头单位')), `row 2 names its unit: ${cells.join(' | ')}`);
    assert.ok(cells.some((t) => t.startsWith('3') && t.includes('办理期限')), `row 3 names its date: ${cells.join(' | ')}`);
    await screenshot(page, 'ledger-import-errors');

    // Fixed, the same file is imported in full and the ledger shows the new matter.
    await dialog.locator('input[type=file]').setInputFiles({
      name: '督查事项.xlsx',
      mimeType: xlsxMime,
      buffer: await workbook([[`导入测试乙 ${stamp}`, '督查发现问题', '县教育局', `${nextYear}-06-30`]]),
    });
    await dialog.getByText('已导入 1 项督查事项').waitFor();
    // The footer button: the corner × is also named 关闭.
    await dialog.getByRole('button', { name: /关\s*闭/ }).last().click();
    await page.goto(`/matters?q=${stamp}`);
    await ledger.row(`导入测试乙 ${stamp}`).waitFor();
  } finally {
    await context.close();
  }
});
