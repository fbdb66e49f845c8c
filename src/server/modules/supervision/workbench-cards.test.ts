import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { uploadEvidence } from '../../../../test/support/evidence';
import { createOrg } from '../../../../test/support/factories';
import { createMatter, fullChecklist } from '../../../../test/support/matters';
import { advisoryGuard } from '../../jobs/lock';
import { sweepMatters } from './sweeper';
import { todos } from './todos';

const ctx = await setupTestApp();
type M = { id: string; version: number; title: string };
type Item = { key: string; count: number; link: string };
const act = async (c: Client, m: M, action: string, body: Record<string, unknown> = {}): Promise<M> => {
  const r = await c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
/** The ledger behind a link, read as the API query it is (every page: the list the user pages through). */
async function listOf(c: Client, link: string) {
  const qs = link.split('?')[1] ?? '';
  const first = (await c.get(`/api/v1/matters?${qs}&pageSize=100`)).json();
  expect(first.totalExact, `${link}: ${JSON.stringify(first).slice(0, 300)}`).toBe(true);
  return { total: first.total as number, titles: (first.items as M[]).map((i) => i.title) };
}

describe('工作台 cards open the ledger on exactly what they count', () => {
  it('for every role and card, the count is the total of the ledger the link opens', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const three = async () => Promise.all([org.login('supervisor'), org.login('liaisonA'), org.login('headA')] as const);
    let [sup, liaisonA, headA] = await three();
    const mk = (name: string, over: Record<string, unknown> = {}) => createMatter(sup, org, { title: `${name}${org.tag}`, ...over });
    const accepted = async (name: string, over: Record<string, unknown> = {}) => act(liaisonA, await mk(name, over), 'accept');

    await mk('待签收');
    const extension = await accepted('申请延期');
    await act(liaisonA, extension, 'request_extension', { deadline: '2026-06-30', reason: '需要协调多个部门' });
    await act(liaisonA, await accepted('申请督帮'), 'request_help', { text: '请协调资金' });
    await act(liaisonA, await accepted('待审批'), 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaisonA)] });
    const done = async (m: M) =>
      act(headA, await act(liaisonA, m, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaisonA)] }), 'approve_completion', {
        approved: true,
      });
    await done(await accepted('待审核'));
    await act(sup, await done(await accepted('待复核', { recheckRequired: true })), 'review', { approved: true, checklist: fullChecklist });
    await act(liaisonA, await mk('退回'), 'return', { reason: '不属于本单位职责' });
    await mk('部门乙逾期', { leadUnitId: org.deptBId, instructingLeaderId: org.users.leader.id, deadline: { kind: 'date', date: '2026-03-05' } });
    await mk('批示草稿', { source: 'instruction', instructingLeaderId: org.users.leader.id, assign: false });
    await act(sup, await done(await accepted('回头看', { instructingLeaderId: org.users.leader.id })), 'review', { approved: true, checklist: fullChecklist });

    // Past the look-back day of the first closure (30 days by default), and past every deadline.
    ctx.clock.set('2026-04-10T09:00:00+08:00');
    await sweepMatters(ctx.deps, advisoryGuard(ctx.deps.db, 'sweep-matters'));
    ctx.clock.set('2026-04-10T10:00:00+08:00');
    [sup, liaisonA, headA] = await three();
    // Closed today: its look-back is a month away, so it is on no card.
    await act(sup, await done(await accepted('刚办结', { instructingLeaderId: org.users.leader.id })), 'review', { approved: true, checklist: fullChecklist });

    const seen = new Set<string>();
    const roleOf = { supervisor: 'supervisor', leader: 'leader', liaisonA: 'liaison', headA: 'unit_head', liaisonB: 'liaison', headB: 'unit_head' } as const;
    for (const key of Object.keys(roleOf) as (keyof typeof roleOf)[]) {
      const c = await org.login(key);
      const items = (await c.get('/api/v1/workbench')).json().items as Item[];
      for (const item of items.filter((i) => i.key.startsWith('matters.'))) {
        expect(item.link, item.key).toBe(`/matters?todo=${item.key.slice('matters.'.length)}`);
        expect((await listOf(c, item.link)).total, `${key} ${item.key}`).toBe(item.count);
        seen.add(item.key);
      }
      // A card with nothing to count is not shown; its list is empty too.
      for (const t of todos.filter((t) => t.roles.includes(roleOf[key]) && !items.some((i) => i.key === `matters.${t.key}`))) {
        expect((await listOf(c, `/matters?todo=${t.key}`)).total, `${key} ${t.key}`).toBe(0);
      }
    }
    // Every card of the loop had something to count in this scenario.
    expect([...seen].sort()).toEqual(todos.filter((t) => t.roles.length).map((t) => `matters.${t.key}`).sort());

    const titles = async (c: Client, link: string) => (await listOf(c, link)).titles.map((t) => t.replace(org.tag, '')).sort();
    expect(await titles(sup, '/matters?todo=look-back')).toEqual(['回头看']);
    expect(await titles(sup, '/matters?todo=requests')).toEqual(['申请延期', '申请督帮']);
    expect(await titles(headA, '/matters?todo=to-approve')).toEqual(['待审批']);
    expect(await titles(await org.login('leader'), '/matters?todo=my-instructions')).toEqual(['批示草稿', '部门乙逾期']);
    // 待我处理, per role: the next step is theirs.
    expect(await titles(liaisonA, '/matters?todo=mine')).toEqual(['待签收', '申请延期', '申请督帮']);
    expect(await titles(headA, '/matters?todo=mine')).toEqual(['待审批']);
    expect(await titles(await org.login('liaisonB'), '/matters?todo=mine')).toEqual(['部门乙逾期']);
    expect(await titles(await org.login('leader'), '/matters?todo=mine')).toEqual(['部门乙逾期']);
    expect(await titles(sup, '/matters?todo=mine')).toEqual(['回头看', '待复核', '待审核', '批示草稿', '申请延期', '申请督帮', '退回']);
    expect(await titles(sup, '/matters?todo=instructions-to-open')).toEqual(['批示草稿']);

    // A month on, 刚办结's look-back day has come: due today, before the day's sweep has marked it.
    ctx.clock.set('2026-05-11T08:00:00+08:00');
    const later = await org.login('supervisor');
    const card = ((await later.get('/api/v1/workbench')).json().items as Item[]).find((i) => i.key === 'matters.look-back')!;
    expect(await titles(later, card.link)).toEqual(['刚办结', '回头看']);
    expect(card.count).toBe(2);
  });

  it('refuses an unknown card with a clear message', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const r = await (await org.login('supervisor')).get('/api/v1/matters?todo=nope');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });
});
