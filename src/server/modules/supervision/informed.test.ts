import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestApp, loginAs, type Client } from '../../../../test/support/app';
import { createOrg, TEST_PASSWORD, type TestOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';
import { act, createMatter } from '../../../../test/support/matters';
import { hashPassword } from '../auth/password';
import { createUser } from '../users/service';

const ctx = await setupTestApp();
const types = (d: { timeline: { type: string }[] }) => d.timeline.map((e) => e.type);

/** A liaison of the org's township: a unit with nothing to do with the matter. */
async function townshipLiaison(org: TestOrg): Promise<Client> {
  const username = `liaisonT_${org.tag}`;
  const passwordHash = await hashPassword(TEST_PASSWORD, ctx.deps.config);
  await ctx.deps.db.transaction((tx) =>
    createUser(tx, ctx.deps, { ip: '127.0.0.1', requestId: 'test', actor: null }, {
      username,
      name: `镇联络员${org.tag}`,
      unitId: org.townshipId,
      roles: ['liaison'],
      passwordHash,
      mustChangePassword: false,
    }),
  );
  return loginAs(ctx.app, username, TEST_PASSWORD);
}

/** 部门甲 returns the matter with a file, the supervisor rules it justified and gives it to 部门乙, who accepts and reports with a file. */
async function returnedToB() {
  ctx.clock.set('2026-03-02T09:00:00+08:00');
  const org = await createOrg(ctx.app, ctx.deps);
  const [sup, liaisonA, liaisonB] = [await org.login('supervisor'), await org.login('liaisonA'), await org.login('liaisonB')];
  let m = await createMatter(sup, org);
  const returnFile = await uploadEvidence(liaisonA, '职责说明.pdf');
  m = (await act(liaisonA, m, 'return', { reason: '该事项属于部门乙职责', attachmentIds: [returnFile] })).json();
  const ruled = await act(sup, m, 'rule_return', { justified: true, leadUnitId: org.deptBId, comment: '经研判，确属部门乙职责' });
  expect(ruled.statusCode, ruled.body).toBe(200);
  m = ruled.json();
  m = (await act(liaisonB, m, 'accept')).json();
  const progressFile = await uploadEvidence(liaisonB, '部门乙进展.pdf');
  const reported = await act(liaisonB, m, 'report_progress', { text: '部门乙已召开专题会议', attachmentIds: [progressFile] });
  expect(reported.statusCode, reported.body).toBe(200);
  return { org, sup, liaisonA, liaisonB, m: reported.json(), returnFile, progressFile };
}

describe('units kept informed after a justified return', () => {
  it('the former lead unit is told where the matter went and reads exactly its own events and the ruling', async () => {
    const { org, liaisonA, m, returnFile, progressFile } = await returnedToB();
    const headA = await org.login('headA');
    for (const c of [liaisonA, headA]) {
      const inbox = (await c.get('/api/v1/notifications')).json();
      const told = inbox.items.find((n: { title: string }) => n.title.startsWith('【退回已同意】'));
      expect(told, c.username).toMatchObject({ link: `/matters/${m.id}` });
      expect(told.body).toContain(`部门乙${org.tag}`);
      expect(told.body).toContain('经研判，确属部门乙职责');
    }
    const res = await liaisonA.get(`/api/v1/matters/${m.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ access: 'former_unit', id: m.id, code: m.code, title: m.title, allowedActions: [], leadUnit: { id: org.deptBId } });
    expect(types(view)).toEqual(['assigned', 'returned', 'return_ruled']);
    // The ruling names where the matter went, though 部门甲's own unit list holds only 部门甲.
    expect(view.unitNames).toMatchObject({ [org.deptBId]: `部门乙${org.tag}`, [org.deptAId]: `部门甲${org.tag}` });
    // Nothing of the new unit's work: no state, deadline, light, progress or its files.
    for (const k of ['state', 'deadline', 'light', 'pendingReturn', 'completion', 'requirement', 'version']) expect(view, k).not.toHaveProperty(k);
    expect(JSON.stringify(view)).not.toContain('部门乙已召开专题会议');
    expect((await liaisonA.get(`/api/v1/attachments/${returnFile}/meta`)).statusCode).toBe(200);
    expect((await liaisonA.get(`/api/v1/attachments/${progressFile}/meta`)).statusCode).toBe(404);
    expect((await liaisonA.get(`/api/v1/attachments/${progressFile}`)).statusCode).toBe(404);
    // The ledger counts the unit's own work: the matter is not listed there.
    expect((await liaisonA.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json().total).toBe(0);
  });

  it('the former lead unit cannot act (403, nothing written); another unit sees nothing (404)', async () => {
    const { org, liaisonA, liaisonB, m } = await returnedToB();
    const headA = await org.login('headA');
    for (const [c, action, body] of [
      [liaisonA, 'report_progress', { text: '我们也在办' }],
      [liaisonA, 'accept', {}],
      [headA, 'approve_completion', { approved: true }],
    ] as const) {
      const r = await act(c, m, action, body);
      expect(r.statusCode, `${action}: ${r.body}`).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
    expect((await liaisonB.get(`/api/v1/matters/${m.id}`)).json()).toMatchObject({ access: 'full', version: m.version });
    const outsider = await townshipLiaison(org);
    expect((await outsider.get(`/api/v1/matters/${m.id}`)).statusCode).toBe(404);
    expect((await act(outsider, m, 'report_progress', { text: '试试' })).statusCode).toBe(404);
  });

  it('a 批示 naming a unit: that unit is told and reads the 批示 only; a bad unit is refused and nothing changes', async () => {
    const { org, m } = await returnedToB();
    const leader = await org.login('leader');
    const outsider = await townshipLiaison(org);
    const bad = await act(leader, m, 'add_instruction', { text: '请镇里配合', unitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode, bad.body).toBe(400);
    expect((await outsider.get(`/api/v1/matters/${m.id}`)).statusCode).toBe(404);
    const ok = await act(leader, m, 'add_instruction', { text: '请某某镇全力配合部门乙', unitIds: [org.townshipId] });
    expect(ok.statusCode, ok.body).toBe(200);
    const inbox = (await outsider.get('/api/v1/notifications')).json();
    expect(inbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ title: `【领导批示】${m.title}`, body: '请某某镇全力配合部门乙', link: `/matters/${m.id}` })]));
    const view = (await outsider.get(`/api/v1/matters/${m.id}`)).json();
    expect(view).toMatchObject({ access: 'named_unit', allowedActions: [] });
    expect(types(view)).toEqual(['instruction_added']);
    expect((await act(outsider, ok.json(), 'report_progress', { text: '已配合' })).statusCode).toBe(403);
    // The lead unit sees the 批示 in its full timeline as before.
    const lead = (await (await org.login('liaisonB')).get(`/api/v1/matters/${m.id}`)).json();
    expect(lead.timeline.at(-1)).toMatchObject({ type: 'instruction_added', payload: { text: '请某某镇全力配合部门乙', unitIds: [org.townshipId] } });
  });

  it('a 批示 on a matter reaches its co-units too, who read it in their full timeline', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const m = await createMatter(await org.login('supervisor'), org, { coUnitIds: [org.deptBId] });
    const r = await act(await org.login('leader'), m, 'add_instruction', { text: '请两个部门密切配合' });
    expect(r.statusCode, r.body).toBe(200);
    for (const key of ['liaisonA', 'liaisonB'] as const) {
      const c = await org.login(key);
      const inbox = (await c.get('/api/v1/notifications')).json();
      expect(inbox.items.map((n: { title: string }) => n.title), key).toContain(`【领导批示】${m.title}`);
      expect(types((await c.get(`/api/v1/matters/${m.id}`)).json()).at(-1)).toBe('instruction_added');
    }
  });

  it('the relation is stored once per ruling, in the same transaction', async () => {
    const { org, m } = await returnedToB();
    const rows = (await ctx.deps.db.execute(sql`SELECT unit_id, reason, seq FROM matter_informed_units WHERE matter_id = ${m.id}`)) as unknown as {
      rows: { unit_id: string; reason: string; seq: number }[];
    };
    expect(rows.rows).toEqual([{ unit_id: org.deptAId, reason: 'former_lead', seq: 4 }]);
  });
});
