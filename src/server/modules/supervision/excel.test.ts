import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createMatter } from '../../../../test/support/matters';
import { createOrg, type TestOrg } from '../../../../test/support/factories';
import { replay, type MatterEvent } from '../../domain/supervision';
import { HELP_SHEET, IMPORT_SHEET, MAX_IMPORT_ROWS, XLSX_MIME, importColumns } from './excel-columns';
import { xlsxBomb } from '../attachments/test-fixtures';
import { eventsOf } from './repo';
import { matters } from './tables';

const ctx = await setupTestApp();
// LibreOffice converts spreadsheets only with its Calc component (Debian: libreoffice-calc-nogui).
const hasLibreOfficeCalc = existsSync('/usr/bin/soffice') && existsSync('/usr/lib/libreoffice/program/libsclo.so');

const exportHeaders = ['编号', '标题', '来源', '优先级', '牵头单位', '协办单位', '批示领导', '办理要求', '交办日期', '原定期限', '现期限', '剩余工作日', '红黄绿灯', '状态', '办结日期', '分类', '承办人', '催办次数', '最近进展'];
const importHeaders = ['标题*', '办理要求', '来源*', '优先级', '牵头单位*', '协办单位', '办理期限*', '批示领导', '分类', '状态', '交办日期', '办结日期'];

const create = (c: Client, org: TestOrg, title: string, over: Record<string, unknown> = {}) => createMatter(c, org, { title, ...over });

async function readBook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(IMPORT_SHEET);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, body: Buffer | string, type = XLSX_MIME) => c.request('POST', '/api/v1/matters/import', body, { 'content-type': type });

async function counts() {
  const r = (await ctx.deps.db.execute(sql`SELECT (SELECT count(*) FROM matters)::int AS m, (SELECT count(*) FROM audit_log)::int AS a`)) as {
    rows: { m: number; a: number }[];
  };
  return r.rows[0]!;
}

describe('ledger export', () => {
  it('streams every filtered row with Chinese headers, labels, dates and lights; a liaison gets only their unit’s matters', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    await create(sup, org, `落实防汛备汛工作${org.tag}`, { coUnitIds: [org.townshipId], instructingLeaderId: org.users.leader.id, source: 'instruction' });
    await create(sup, org, `推进老旧小区改造${org.tag}`, { categories: ['民生实事', '城建'] });
    await create(sup, org, `整改督查发现问题${org.tag}`, { leadUnitId: org.deptBId, source: 'inspection', priority: 'normal' });
    const before = await counts();

    const res = await sup.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const ws = (await readBook(res.rawPayload)).worksheets[0]!;
    expect(rowValues(ws, 1)).toEqual(exportHeaders);
    const ledger = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json();
    expect(ws.actualRowCount - 1).toBe(ledger.total);
    expect(ledger.total).toBe(3);
    const rows = Array.from({ length: 3 }, (_, i) => Object.fromEntries(exportHeaders.map((h, j) => [h, rowValues(ws, i + 2)[j] ?? ''])));
    const flood = rows.find((r) => r['标题'] === `落实防汛备汛工作${org.tag}`)!;
    expect(flood).toMatchObject({
      编号: expect.stringMatching(/^督办〔2026〕\d+号$/),
      来源: '领导批示',
      优先级: '紧急',
      牵头单位: `部门甲${org.tag}`,
      协办单位: `某某镇${org.tag}`,
      批示领导: `leader${org.tag}`,
      办理要求: '按要求完成并报送结果',
      交办日期: '2026-03-02',
      原定期限: '2026-03-16',
      现期限: '2026-03-16',
      剩余工作日: 10,
      红黄绿灯: '绿灯',
      状态: '已交办',
      办结日期: '',
      承办人: '',
      催办次数: 0,
      最近进展: '',
    });
    expect(rows.find((r) => String(r['标题']).startsWith('推进老旧小区改造'))!['分类']).toBe('民生实事、城建');
    const audit = await counts();
    expect(audit.a).toBe(before.a + 1);

    // Filters apply as in the ledger, and scope too: 部门乙's liaison sees only 部门乙's matter.
    const urgent = await readBook((await sup.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}&priority=urgent`)).rawPayload);
    expect(urgent.worksheets[0]!.actualRowCount - 1).toBe(2);
    const liaisonB = await org.login('liaisonB');
    const scoped = (await readBook((await liaisonB.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`)).rawPayload)).worksheets[0]!;
    expect(scoped.actualRowCount).toBe(2);
    expect(rowValues(scoped, 2)[1]).toBe(`整改督查发现问题${org.tag}`);
  });

  it('reads the database in keyset batches: more rows than one batch all arrive, each once', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    // Copies of one matter with the same opened_at, so only the id breaks ties between batches.
    const m = await create(sup, org, `批量导出测试${org.tag}`);
    await ctx.deps.db.execute(sql`
      INSERT INTO matters (id, code, parent_id, title, requirement, source, source_ref, priority, categories, lead_unit_id,
        instructing_leader_id, state, deadline, original_deadline, light_mode, yellow_from, red_from, opened_by, opened_at,
        assigned_at, closed_at, completed_on, snapshot, version, updated_at)
      SELECT gen_random_uuid(), code || '-' || g, parent_id, title, requirement, source, source_ref, priority, categories, lead_unit_id,
        instructing_leader_id, state, deadline, original_deadline, light_mode, yellow_from, red_from, opened_by, opened_at,
        assigned_at, closed_at, completed_on, snapshot, version, updated_at
      FROM matters, generate_series(1, 1100) g WHERE id = ${m.id}`);
    await ctx.deps.db.execute(sql`
      INSERT INTO matter_units (matter_id, unit_id, role, handler)
      SELECT id, lead_unit_id, 'lead', NULL FROM matters WHERE title = ${m.title} AND id <> ${m.id}`);
    const ws = (await readBook((await sup.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`)).rawPayload)).worksheets[0]!;
    const codes = Array.from({ length: ws.actualRowCount - 1 }, (_, i) => rowValues(ws, i + 2)[0]);
    expect(codes.length).toBe(1101);
    expect(new Set(codes).size).toBe(1101);
  });

  it.skipIf(!hasLibreOfficeCalc)('opens in LibreOffice with the Chinese text intact', { timeout: 120_000 }, async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    await create(sup, org, `督查台账导出验证${org.tag}`);
    const res = await sup.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-lo-'));
    try {
      writeFileSync(path.join(dir, 'ledger.xlsx'), res.rawPayload);
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 'ledger.xlsx')],
        { timeout: 110_000, stdio: 'pipe' },
      );
      expect(readdirSync(dir)).toContain('ledger.csv');
      const csv = readFileSync(path.join(dir, 'ledger.csv'), 'utf8');
      expect(csv).toContain(`督查台账导出验证${org.tag}`);
      expect(csv).toContain('红黄绿灯');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OpenAPI', () => {
  it('describes the three routes, with the import’s body format', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    expect(paths['/api/v1/matters/export.xlsx']?.get?.tags).toEqual(['supervision']);
    expect(paths['/api/v1/matters/import-template.xlsx']?.get?.tags).toEqual(['supervision']);
    expect(paths['/api/v1/matters/import']?.post?.summary).toContain(XLSX_MIME);
  });
});

describe('import template', () => {
  it('has the import columns, notes, drop-downs and a 填写说明 sheet, and a filled copy imports', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const res = await sup.get('/api/v1/matters/import-template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const wb = await readBook(res.rawPayload);
    const ws = wb.getWorksheet(IMPORT_SHEET)!;
    expect(rowValues(ws, 1)).toEqual(importHeaders);
    expect(importColumns.map((c) => (c.required ? `${c.header}*` : c.header))).toEqual(importHeaders);
    expect(ws.getCell('C1').note).toBeTruthy();
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('会议议定事项')] });
    const help = wb.getWorksheet(HELP_SHEET)!;
    const helpText = help.getSheetValues().flat().join(' ');
    expect(helpText).toContain('领导批示、会议议定事项');
    expect(helpText).toContain('已办结');

    ws.addRow([`按模板导入的事项${org.tag}`, '', '会议议定事项', '', `部门甲${org.tag}`, '', '2026-04-30']);
    const imported = await upload(sup, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().imported).toBe(1);
  });
});

describe('ledger import', () => {
  it('imports current, historical closed and overdue rows through the domain, with a real event log', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const file = await xlsx(importHeaders, [
      [`新交办的事项${org.tag}`, '月底前报送方案', '领导批示', '特急', `部门甲${org.tag}`, `部门乙${org.tag}、某某镇${org.tag}`, new Date(Date.UTC(2026, 3, 30)), `leader${org.tag}`, '民生实事', '', '', ''],
      [`去年已办结的事项${org.tag}`, '', '会议议定事项', '一般', `部门乙${org.tag}`, '', '2025/12/31', '市领导张三', '', '已办结', '2025年11月3日', '2025-12-20'],
      [`已逾期的事项${org.tag}`, '', '督查发现问题', '紧急', `部门甲${org.tag}`, '', '2026-02-10', '', '', '办理中', '2026-01-05', ''],
      [`暂存的立项${org.tag}`, '', '其他', '', `部门甲${org.tag}`, '', '2026年6月30日', '', '', '立项', '', ''],
    ]);
    const res = await upload(sup, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 4, ids: expect.any(Array) });
    const [fresh, closed, overdue, draft] = res.json().ids as string[];

    const ledger = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json();
    expect(ledger.total).toBe(4);
    const a = (await sup.get(`/api/v1/matters/${fresh}`)).json();
    expect(a).toMatchObject({ state: 'assigned', deadline: '2026-04-30', priority: 'extra_urgent', source: 'instruction', categories: ['民生实事'] });
    expect(a.instructingLeader).toEqual({ id: org.users.leader.id, name: `leader${org.tag}` });
    expect(a.coUnits.map((u: { id: string }) => u.id)).toEqual([org.deptBId, org.townshipId]);

    const c = (await sup.get(`/api/v1/matters/${closed}`)).json();
    expect(c).toMatchObject({ state: 'closed', deadline: '2025-12-31', code: expect.stringMatching(/^督办〔2025〕/), sourceRef: { leaderName: '市领导张三' } });
    expect(c.assignedAt).toBe('2025-11-03T01:00:00.000Z');
    expect(c.closedAt).toBe('2025-12-20T09:00:00.000Z');
    expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['opened', 'assigned', 'accepted', 'completion_submitted', 'completion_decided', 'reviewed']);
    expect(c.timeline.every((e: { actor: { id: string } }) => e.actor.id === org.users.supervisor.id)).toBe(true);

    const o = (await sup.get(`/api/v1/matters/${overdue}`)).json();
    expect(o).toMatchObject({ state: 'in_progress', light: 'red', deadline: '2026-02-10', assignedAt: '2026-01-05T01:00:00.000Z' });
    expect((await sup.get(`/api/v1/matters?light=red&q=${encodeURIComponent(org.tag)}`)).json().total).toBe(1);
    expect((await sup.get(`/api/v1/matters/${draft}`)).json()).toMatchObject({ state: 'draft', deadline: null });

    // The liaison of 部门乙 heard of the new assignment (co-unit), not of last year's closed matter.
    const liaisonB = await org.login('liaisonB');
    const notes = (await liaisonB.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(notes.some((t: string) => t.includes(`新交办的事项${org.tag}`))).toBe(true);
    expect(notes.some((t: string) => t.includes(`去年已办结的事项${org.tag}`))).toBe(false);

    // The stored snapshot is exactly what the event log replays to, for every imported matter.
    for (const id of res.json().ids as string[]) {
      const events = (await eventsOf(ctx.deps.db, id)).map(
        (e) =>
          ({
            type: e.type,
            matterId: e.matterId,
            seq: e.seq,
            actorId: e.actorId,
            at: e.at.toISOString(),
            state: e.state,
            payload: e.payload,
            ...(e.comment === null ? {} : { comment: e.comment }),
            ...(e.attachmentIds.length ? { attachmentIds: e.attachmentIds } : {}),
          }) as MatterEvent,
      );
      const [row] = await ctx.deps.db.select({ snapshot: matters.snapshot }).from(matters).where(sql`${matters.id} = ${id}`);
      expect(replay(events)).toEqual(row!.snapshot);
    }

    const after = await counts();
    expect(after.m).toBe(before.m + 4);
    const [audit] = ((await ctx.deps.db.execute(sql`SELECT detail FROM audit_log WHERE action = 'matter.import' ORDER BY id DESC LIMIT 1`)) as {
      rows: { detail: { count: number } }[];
    }).rows;
    expect(audit!.detail.count).toBe(4);
  });

  it('a wrong column, a bad date and an unknown unit → 422 with each error by row and column, nothing imported', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const file = await xlsx([...importHeaders, '备注'], [
      [`好的一行${org.tag}`, '', '会议议定事项', '', `部门甲${org.tag}`, '', '2026-04-30', '', '', '', '', '', ''],
      [`日期错误${org.tag}`, '', '会议议定事项', '', `部门甲${org.tag}`, '', '2026-02-30', '', '', '', '', '', ''],
      [`单位错误${org.tag}`, '', '会议纪要', '加急', `不存在的局${org.tag}`, '', '2026-04-30', '', '', '审核中', '', '', ''],
    ]);
    const res = await upload(sup, file);
    expect(res.statusCode, res.body).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('RULE_VIOLATION');
    expect(err.message).toMatch(/未导入任何事项/);
    expect(err.details).toEqual(
      expect.arrayContaining([
        { row: 1, column: '备注', message: expect.stringContaining('未知的列“备注”') },
        { row: 3, column: '办理期限', message: '日期“2026-02-30”不存在' },
        { row: 4, column: '牵头单位', message: `单位“不存在的局${org.tag}”不存在或已停用` },
        { row: 4, column: '来源', message: expect.stringContaining('来源“会议纪要”无效') },
        { row: 4, column: '优先级', message: expect.stringContaining('优先级“加急”无效') },
        { row: 4, column: '状态', message: expect.stringContaining('状态“审核中”不能导入') },
      ]),
    );
    expect(err.details.some((d: { row: number }) => d.row === 2)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('a missing required column is named; dates against each other and today are checked', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const missing = await upload(sup, await xlsx(['标题*', '来源*', '办理期限*'], [['缺牵头单位', '其他', '2026-04-30']]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toEqual([{ row: 1, column: '牵头单位', message: '缺少必填列“牵头单位”' }]);
    const unit = `部门甲${org.tag}`;
    const res = await upload(sup, await xlsx(importHeaders, [
      ['期限已过', '', '其他', '', unit, '', '2026-02-01', '', '', '', '', ''],
      ['办结无日期', '', '其他', '', unit, '', '2026-02-01', '', '', '已办结', '2026-01-05', ''],
      ['未来交办', '', '其他', '', unit, '', '2026-12-01', '', '', '', '2026-05-01', ''],
      ['办结早于交办', '', '其他', '', unit, '', '2026-02-01', '', '', '已办结', '2026-01-05', '2026-01-01'],
      ['', '', '其他', '', unit, '', '', '', '', '办理中', '', '2026-01-01'],
    ]));
    expect(res.statusCode, res.body).toBe(422);
    const byRow = (n: number) => res.json().error.details.filter((d: { row: number }) => d.row === n).map((d: { column: string }) => d.column);
    expect(byRow(2)).toEqual(['办理期限']);
    expect(byRow(3)).toEqual(['办结日期']);
    expect(byRow(4)).toEqual(['交办日期']);
    expect(byRow(5)).toEqual(['办结日期']);
    expect(byRow(6).sort()).toEqual(['办理期限', '办结日期', '标题'].sort());
    expect(await counts()).toEqual(before);
  });

  it('a 密级 marking in any cell is that cell’s error', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const res = await upload(sup, await xlsx(importHeaders, [
      ['普通事项', '机密★1年 的办理要求', '其他', '', `部门甲${org.tag}`, '', '2026-04-30', '', '', '', '', ''],
    ]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ row: 2, column: '办理要求', message: expect.stringContaining('密级标识') }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a zip bomb before exceljs opens it (413 ARCHIVE_TOO_LARGE), whether its sizes are honest or lie', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    // 1 GB of zeros in about 1 MB, declared as 1 GB.
    const honest = await upload(sup, xlsxBomb(1024, 1024 * 1024 * 1024));
    expect(honest.statusCode, honest.body).toBe(413);
    expect(honest.json().error).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', message: expect.stringContaining('100 MB') });
    // The same part declared as 1,000 bytes: caught while inflating, as soon as it passes the declaration.
    const lying = await upload(sup, xlsxBomb(1024, 1000));
    expect(lying.statusCode, lying.body).toBe(413);
    expect(lying.json().error).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', message: expect.stringContaining('声明') });
    expect(await counts()).toEqual(before);
  });

  it('refuses what is not an .xlsx upload, empty files, too many rows and too many bytes', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const notXlsx = await upload(sup, Buffer.from('这不是 Excel 文件'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toMatch(/不是有效的 Excel/);
    const json = await sup.post('/api/v1/matters/import', { rows: [] });
    expect(json.statusCode).toBe(415);
    expect((await upload(sup, 'a,b,c', 'text/csv')).statusCode).toBe(415);
    const empty = await upload(sup, await xlsx(importHeaders, []));
    expect(empty.statusCode).toBe(400);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [`事项${i}`, '', '其他', '', `部门甲${org.tag}`, '', '2026-04-30']);
    const tooMany = await upload(sup, await xlsx(importHeaders, many));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.message).toContain(String(MAX_IMPORT_ROWS));
    const allWrong = await upload(sup, await xlsx(importHeaders, many.slice(0, 1200).map((r) => [...r.slice(0, 6), '2026-13-01'])));
    expect(allWrong.statusCode).toBe(422);
    expect(allWrong.json().error.message).toContain('1200 处错误（仅列出前 1000 处）');
    expect(allWrong.json().error.details).toHaveLength(1000);
    const huge = await upload(sup, Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    expect(huge.statusCode).toBe(413);
    expect(await counts()).toEqual(before);
    const liaison = await org.login('liaisonA');
    expect((await upload(liaison, await xlsx(importHeaders, many.slice(0, 1)))).statusCode).toBe(403);
  });
});
