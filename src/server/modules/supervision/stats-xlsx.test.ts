import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg, type TestOrg } from '../../../../test/support/factories';
import { statsColumns } from '../../../shared/stats-format';
import type { SupervisionStats } from '../../../shared/supervision';
import { XLSX_MIME } from './excel-columns';
import { driveMarch, marchFiguresOfA } from './stats-scenario';
import { STATS_HELP_SHEET, STATS_SHEET, TOTAL_LABEL } from './stats-xlsx';

const ctx = await setupTestApp();
const march = 'from=2026-03-01&to=2026-03-31';
const hasLibreOfficeCalc = existsSync('/usr/bin/soffice') && existsSync('/usr/lib/libreoffice/program/libsclo.so');
const headers = ['单位', ...statsColumns.map((c) => c.header)];

type Row = { unit: { id: string; name: string } } & SupervisionStats;

async function sheetOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** The sheet's rows by their first cell (unit name or 合计), each as header → value. */
function rowsByLabel(ws: ExcelJS.Worksheet): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let n = 2; n <= ws.actualRowCount; n++) {
    const values = (ws.getRow(n).values as unknown[]).slice(1);
    out.set(String(values[0]), Object.fromEntries(headers.map((h, i) => [h, values[i]])));
  }
  return out;
}

/** What the sheet must hold for one JSON row: the same numbers, and the dash where the figure is null. */
const expected = (s: SupervisionStats) => Object.fromEntries(statsColumns.map((c) => [c.header, s[c.key] ?? '—']));

/** Unit A's March (stats-scenario) and one matter of unit B assigned in March, due 04-30: nothing of B's was due. */
async function march2026(org: TestOrg) {
  await driveMarch(ctx, org);
  ctx.clock.set('2026-03-02T11:00:00+08:00');
  const sup = await org.login('supervisor');
  const b = await sup.post('/api/v1/matters', {
    title: `推进乡村振兴示范点建设${org.tag}`,
    source: 'meeting_decision',
    leadUnitId: org.deptBId,
    deadline: { kind: 'date', date: '2026-04-30' },
    assign: true,
  });
  expect(b.statusCode, b.body).toBe(201);
  ctx.clock.set('2026-03-20T10:00:00+08:00');
}

const audits = async () => ((await ctx.deps.db.execute(sql`SELECT count(*)::int AS n FROM audit_log`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('督办统计 .xlsx', () => {
  it('opens with the figures of the JSON, one row per unit and the 合计; a unit with nothing due reads —, never 0.0%', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await march2026(org);
    const sup = await org.login('supervisor');
    const json = (await sup.get(`/api/v1/supervision/stats?${march}`)).json() as { units: Row[]; total: SupervisionStats };
    const before = await audits();

    const res = await sup.get(`/api/v1/supervision/stats.xlsx?${march}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('督办统计-2026-03-01至2026-03-31.xlsx'));
    expect(await audits(), 'the export is audited').toBe(before + 1);

    const wb = await sheetOf(res.rawPayload);
    const ws = wb.getWorksheet(STATS_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const rows = rowsByLabel(ws);
    expect(ws.actualRowCount - 1, 'every unit of the JSON and the total').toBe(json.units.length + 1);
    for (const u of json.units) expect(rows.get(u.unit.name), u.unit.name).toEqual({ 单位: u.unit.name, ...expected(u) });
    expect(rows.get(TOTAL_LABEL)).toEqual({ 单位: TOTAL_LABEL, ...expected(json.total) });

    const a = rows.get(`部门甲${org.tag}`)!;
    expect(a).toMatchObject({ 交办: marchFiguresOfA.assigned, 按时办结率: 0.5, '平均办结用时（工作日）': 6 });
    const b = rows.get(`部门乙${org.tag}`)!;
    expect(b).toMatchObject({ 交办: 1, 办结: 0, 逾期: 0, 按时办结率: '—', '平均办结用时（工作日）': '—' });
    // Shown as the page shows it: a percent with one decimal where there is a rate.
    const rateCol = headers.indexOf('按时办结率') + 1;
    const rowOfA = [...rows.keys()].indexOf(`部门甲${org.tag}`) + 2;
    expect(ws.getRow(rowOfA).getCell(rateCol).numFmt).toBe('0.0%');
    expect(wb.getWorksheet(STATS_HELP_SHEET)!.getCell('B2').value).toBe('2026-03-01 至 2026-03-31（含两端），按 2026-03-20 已知的办理记录计算');
  });

  it('a liaison’s sheet holds their unit alone, as their JSON does; another unit is 403 and nothing is written', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await march2026(org);
    const liaison = await org.login('liaisonA');
    const json = (await liaison.get(`/api/v1/supervision/stats?${march}`)).json() as { units: Row[]; total: SupervisionStats };
    expect(json.units.map((u) => u.unit.id)).toEqual([org.deptAId]);
    expect(json.total).toEqual(marchFiguresOfA);
    const rows = rowsByLabel((await sheetOf((await liaison.get(`/api/v1/supervision/stats.xlsx?${march}`)).rawPayload)).getWorksheet(STATS_SHEET)!);
    expect([...rows.keys()]).toEqual([`部门甲${org.tag}`, TOTAL_LABEL]);
    expect(rows.get(TOTAL_LABEL)).toEqual({ 单位: TOTAL_LABEL, ...expected(marchFiguresOfA) });

    const before = await audits();
    const other = await liaison.get(`/api/v1/supervision/stats.xlsx?${march}&unitId=${org.deptBId}`);
    expect(other.statusCode).toBe(403);
    expect(await audits()).toBe(before);
  });

  it('bad period parameters → 400 in Chinese, no file and no audit record', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sup: Client = await org.login('supervisor');
    const before = await audits();
    for (const q of [
      '',
      'from=2026-03-31&to=2026-03-01',
      'from=2026-02-30&to=2026-03-31',
      'from=2026-3-1&to=2026-03-31',
      'from=2026-03-01',
      `${march}&unitId=00000000-0000-4000-8000-000000000000`,
      `${march}&unitId=not-a-uuid`,
      `${march}&period=month`,
      'from=2020-01-01&to=2026-03-31',
    ]) {
      const r = await sup.get(`/api/v1/supervision/stats.xlsx?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.headers['content-type'], q).toContain('application/json');
      expect(r.json().error.message, q).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await audits()).toBe(before);
  });

  it.skipIf(!hasLibreOfficeCalc)('opens in LibreOffice with the Chinese text and the dash intact', { timeout: 120_000 }, async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await march2026(org);
    const sup = await org.login('supervisor');
    const res = await sup.get(`/api/v1/supervision/stats.xlsx?${march}&unitId=${org.deptBId}`);
    expect(res.statusCode, res.body).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'stats-lo-'));
    try {
      writeFileSync(path.join(dir, 'stats.xlsx'), res.rawPayload);
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 'stats.xlsx')],
        { timeout: 110_000, stdio: 'pipe' },
      );
      expect(readdirSync(dir)).toContain('stats.csv');
      const lines = readFileSync(path.join(dir, 'stats.csv'), 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).toBe(headers.join(','));
      // 部门乙: one assigned, nothing closed or overdue, so no rate and no mean.
      expect(lines[1]).toBe(`部门乙${org.tag},1,0,0,0,0,—,—,0,0,0,0`);
      expect(lines[2]).toBe(`${TOTAL_LABEL},1,0,0,0,0,—,—,0,0,0,0`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
