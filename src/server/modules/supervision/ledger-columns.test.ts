import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { uploadEvidence } from '../../../../test/support/evidence';
import { createOrg } from '../../../../test/support/factories';
import { createMatter, fullChecklist } from '../../../../test/support/matters';

const ctx = await setupTestApp();
type M = { id: string; version: number; title: string };
const act = async (c: Client, m: M, action: string, body: Record<string, unknown> = {}): Promise<M> => {
  const r = await c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('ledger columns and default order', () => {
  it('shows 承办人, 催办次数 and 最近进展 on each row', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const [sup, liaison] = [await org.login('supervisor'), await org.login('liaisonA')];
    let named = await createMatter(sup, org, { title: `有承办人${org.tag}` });
    named = await act(liaison, named, 'accept', { handlers: { [org.deptAId]: '张三' } });
    const long = '已召开专题会议研究部署，明确责任分工和时间节点，各项工作正在有序推进，预计月底前全部完成。';
    named = await act(liaison, named, 'report_progress', { text: '第一次进展' });
    named = await act(liaison, named, 'report_progress', { text: long });
    named = await act(sup, named, 'remind', {});
    await act(sup, named, 'remind', {});
    await act(liaison, await createMatter(sup, org, { title: `仅签收${org.tag}` }), 'accept');
    await createMatter(sup, org, { title: `未签收${org.tag}` });

    const plain = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json().items as Record<string, unknown>[];
    // Asked for only when shown (three more queries a page).
    expect(plain.every((r) => !('handler' in r) && !('latestProgress' in r))).toBe(true);
    const rows = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}&columns=extras`)).json().items as Record<string, unknown>[];
    const row = (t: string) => rows.find((r) => r.title === `${t}${org.tag}`)!;
    expect(row('有承办人')).toMatchObject({ handler: '张三', reminders: 2, latestProgress: { on: '2026-03-02', text: `${long.slice(0, 40)}…` } });
    expect(row('仅签收')).toMatchObject({ handler: `liaisonA${org.tag}`, reminders: 0, latestProgress: null });
    expect(row('未签收')).toMatchObject({ handler: null, reminders: 0, latestProgress: null });
  });

  it('puts open work first — overdue, then the nearest deadline — then 暂缓 and drafts, closed matters last; the export follows', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const [sup, liaison, head] = [await org.login('supervisor'), await org.login('liaisonA'), await org.login('headA')];
    const mk = (t: string, date: string, over: Record<string, unknown> = {}) =>
      createMatter(sup, org, { title: `${t}${org.tag}`, deadline: { kind: 'date', date }, ...over });
    let closed = await act(liaison, await mk('已办结', '2026-03-03'), 'accept');
    closed = await act(liaison, closed, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaison)] });
    closed = await act(head, closed, 'approve_completion', { approved: true });
    await act(sup, closed, 'review', { approved: true, checklist: fullChecklist });
    await act(sup, await act(liaison, await mk('暂缓', '2026-03-04'), 'accept'), 'suspend', { reason: '等待上级政策' });
    await mk('较远', '2026-04-30');
    await mk('较近', '2026-03-20');
    await mk('已逾期', '2026-03-05');
    await mk('草稿', '2026-03-06', { assign: false });
    ctx.clock.set('2026-03-10T09:00:00+08:00');
    const c = await org.login('supervisor');
    const titles = (await c.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json().items.map((i: M) => i.title.replace(org.tag, ''));
    expect(titles).toEqual(['已逾期', '较近', '较远', '暂缓', '草稿', '已办结']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await c.get(`/api/v1/matters/export.xlsx?q=${encodeURIComponent(org.tag)}`)).rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const exported = Array.from({ length: ws.actualRowCount - 1 }, (_, i) => String(ws.getRow(i + 2).getCell(2).value).replace(org.tag, ''));
    expect(exported).toEqual(titles);
    // The state and deadline filters restate themselves on the order's key (defaultOrderHints): same rows, same order.
    const list = async (query: string) =>
      (await c.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}&${query}`)).json().items.map((i: M) => i.title.replace(org.tag, ''));
    expect(await list('state=closed')).toEqual(['已办结']);
    expect(await list('state=draft&state=suspended&state=closed')).toEqual(['暂缓', '草稿', '已办结']);
    expect(await list('state=in_progress&state=draft')).toEqual(['草稿']);
    expect(await list('state=assigned&state=closed')).toEqual(['已逾期', '较近', '较远', '已办结']);
    // (a draft has no deadline until it is assigned)
    expect(await list('deadlineFrom=2026-03-04&deadlineTo=2026-03-20')).toEqual(['已逾期', '较近', '暂缓']);
    expect(await list('deadlineTo=2026-03-04')).toEqual(['暂缓', '已办结']);
    // A chosen sort still rules.
    const byDeadline = (await c.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}&sort=deadline&order=desc`)).json().items.map((i: M) => i.title.replace(org.tag, ''));
    expect(byDeadline[0]).toBe('较远');
  });
});
