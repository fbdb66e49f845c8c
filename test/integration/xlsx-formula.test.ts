import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../support/app';
import { createOrg } from '../support/factories';
import { createMatter } from '../support/matters';
import { IMPORT_SHEET, XLSX_MIME } from '../../src/server/modules/supervision/excel-columns';

/**
 * Every .xlsx the product writes keeps formula-like text inert (OWASP: a
 * leading = + - @, tab or carriage return gets a '), and the ledger import
 * takes that quote off again so copying exported cells back loses nothing.
 */
const ctx = await setupTestApp();

async function sheetOf(buf: Buffer, name?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return name ? wb.getWorksheet(name)! : wb.worksheets[0]!;
}

/** Each cell of a column below the header, as exceljs reads it back. */
function column(ws: ExcelJS.Worksheet, header: string): ExcelJS.Cell[] {
  const col = (ws.getRow(1).values as unknown[]).indexOf(header);
  expect(col, header).toBeGreaterThan(0);
  return Array.from({ length: ws.actualRowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(col));
}

const risky = ['=HYPERLINK("http://x","y")', '-1+2', '@SUM(A1)', '+1-1', "'=1+1"];

describe('formula injection', () => {
  it('the ledger export writes formula-like titles as text with a leading quote, and a re-import gives the titles back', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const titles = risky.map((t) => `${t}${org.tag}`);
    for (const title of titles) await createMatter(sup, org, { title });

    const res = await sup.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`);
    expect(res.statusCode, res.body).toBe(200);
    const cells = column(await sheetOf(res.rawPayload), '标题');
    expect(cells).toHaveLength(titles.length);
    for (const c of cells) {
      expect(c.type, String(c.value)).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    expect(cells.map((c) => c.value).sort()).toEqual(titles.map((t) => `'${t}`).sort());

    // Copy the exported titles into the import template as they are, and import them.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(IMPORT_SHEET);
    ws.addRow(['标题', '来源', '牵头单位', '办理期限']);
    for (const c of cells) ws.addRow([c.value, '其他', `部门甲${org.tag}`, '2026-04-30']);
    const imported = await sup.request('POST', '/api/v1/matters/import', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX_MIME });
    expect(imported.statusCode, imported.body).toBe(200);
    const back = await Promise.all((imported.json().ids as string[]).map(async (id) => (await sup.get(`/api/v1/matters/${id}`)).json().title));
    expect(back.sort()).toEqual(titles.sort());
  });

  it('the audit export quotes a formula typed as a user name at the login form', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const name = `=HYPERLINK("http://x","${org.tag}")`;
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: name, password: 'Wrong#Pass1' } });
    expect(login.statusCode).toBe(401);
    const auditor = await org.login('auditor');
    const res = await auditor.get(`/api/v1/audit/export.xlsx?username=${encodeURIComponent(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    const cells = column(await sheetOf(res.rawPayload, '审计日志'), '用户');
    expect(cells.map((c) => [c.type, c.value])).toEqual([[ExcelJS.ValueType.String, `'${name}`]]);
  });
});
