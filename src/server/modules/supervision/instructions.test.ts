import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { act } from '../../../../test/support/matters';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';

const ctx = await setupTestApp();
const counts = async () =>
  ((await ctx.deps.db.execute(sql`SELECT (SELECT count(*) FROM matters)::int AS m, (SELECT count(*) FROM audit_log)::int AS a`)) as unknown as {
    rows: { m: number; a: number }[];
  }).rows[0]!;

describe('录入批示: a leader’s 批示 that is not yet a matter', () => {
  it('the office staff records it for a leader; it waits in the supervisor’s intake as a draft and is completed and assigned there', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const [staff, sup] = [await org.login('staff'), await org.login('supervisor')];
    const file = await uploadEvidence(staff, '群众来信摘报.pdf');
    const r = await staff.post('/api/v1/instructions', {
      text: `请教育局牵头，会同财政局研究解决，并报结果。${org.tag}`,
      leaderId: org.users.leader.id,
      date: '2026-02-28',
      reference: '群众来信摘报第12期',
      unitIds: [org.deptAId, org.deptBId],
      attachmentIds: [file],
    });
    expect(r.statusCode, r.body).toBe(201);
    const draft = r.json();
    expect(draft).toMatchObject({
      access: 'full',
      state: 'draft',
      source: 'instruction',
      instructingLeader: { id: org.users.leader.id },
      leadUnit: { id: org.deptAId },
      coUnits: [{ id: org.deptBId }],
      sourceRef: { leaderName: `leader${org.tag}`, date: '2026-02-28', reference: '群众来信摘报第12期' },
      timeline: [{ type: 'opened', actor: { id: org.users.staff.id } }],
    });
    expect(draft.title).toMatch(new RegExp(`^leader${org.tag}批示：请教育局牵头`));
    const audit = (await ctx.deps.db.execute(sql`SELECT action, detail FROM audit_log WHERE object_id = ${draft.id} ORDER BY id`)) as unknown as {
      rows: { action: string; detail: { namedUnitIds?: string[] } }[];
    };
    expect(audit.rows.map((a) => a.action)).toContain('matter.instruction.record');

    // The supervisor's intake: drafts from 批示.
    const intake = (await sup.get(`/api/v1/matters?state=draft&source=instruction&q=${encodeURIComponent(org.tag)}`)).json();
    expect(intake.items.map((i: { id: string }) => i.id)).toEqual([draft.id]);
    expect(draft.allowedActions).toEqual([]);
    const mine = (await sup.get(`/api/v1/matters/${draft.id}`)).json();
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['edit_draft']));
    // 研判: the supervisor gives it to 部门乙 alone; 部门甲, named in the 批示, still reads the 批示.
    const edited = await act(sup, mine, 'edit_draft', {
      changes: { title: `研究解决群众反映问题${org.tag}`, leadUnitId: org.deptBId, coUnitIds: [], deadline: { kind: 'working_days', days: 10 } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const assigned = await act(sup, edited.json(), 'assign');
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ state: 'assigned', leadUnit: { id: org.deptBId }, deadline: '2026-03-16' });
    const named = (await (await org.login('liaisonA')).get(`/api/v1/matters/${draft.id}`)).json();
    expect(named).toMatchObject({ access: 'named_unit', sourceRef: { text: `请教育局牵头，会同财政局研究解决，并报结果。${org.tag}` } });
    expect(named.timeline.map((e: { type: string }) => e.type)).toEqual(['opened']);
    expect((await (await org.login('liaisonA')).get(`/api/v1/attachments/${file}/meta`)).statusCode).toBe(404);
  });

  it('a leader records their own 批示 without naming themselves; the supervisor may record one too', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const own = await (await org.login('leader')).post('/api/v1/instructions', { text: '请督查室跟踪问效。', title: `城区停车难问题${org.tag}` });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ title: `城区停车难问题${org.tag}`, instructingLeader: { id: org.users.leader.id }, leadUnit: null, sourceRef: { date: '2026-03-02' } });
    const bySup = await (await org.login('supervisor')).post('/api/v1/instructions', { text: '请抓紧办理。', leaderId: org.users.leader.id });
    expect(bySup.statusCode, bySup.body).toBe(201);
  });

  it('bad input: no leader, a leader who is not one, a classified text, an unknown unit, unit roles — a clear refusal and nothing written', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const before = await counts();
    const cases: [Client, Record<string, unknown>, number, string][] = [
      [staff, { text: '请研究。' }, 400, 'VALIDATION_FAILED'],
      [staff, { text: '请研究。', leaderId: org.users.supervisor.id }, 400, 'VALIDATION_FAILED'],
      [staff, { text: '', leaderId: org.users.leader.id }, 400, 'VALIDATION_FAILED'],
      [staff, { text: '机密★1年 请研究。', leaderId: org.users.leader.id }, 422, 'CLASSIFIED_CONTENT'],
      [staff, { text: '请研究。', leaderId: org.users.leader.id, unitIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'VALIDATION_FAILED'],
      [staff, { text: '请研究。', leaderId: org.users.leader.id, unitIds: [org.deptAId, org.deptAId] }, 400, 'VALIDATION_FAILED'],
      [staff, { text: '请研究。', leaderId: org.users.leader.id, source: 'other' }, 400, 'VALIDATION_FAILED'],
      [await org.login('liaisonA'), { text: '请研究。', leaderId: org.users.leader.id }, 403, 'FORBIDDEN'],
      [await org.login('sysadmin'), { text: '请研究。', leaderId: org.users.leader.id }, 403, 'FORBIDDEN'],
    ];
    for (const [c, body, status, code] of cases) {
      const r = await c.post('/api/v1/instructions', body);
      expect(r.statusCode, `${JSON.stringify(body)}: ${r.body}`).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const noLeader = await staff.post('/api/v1/instructions', { text: '请研究。' });
    expect(noLeader.json().error.details).toEqual([{ field: 'body.leaderId', message: '请选择作出批示的领导' }]);
    expect((await counts()).m).toBe(before.m);
  });
});
