import { uploadEvidence } from '../../../../test/support/evidence';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { act, createMatter, fullChecklist } from '../../../../test/support/matters';

const ctx = await setupTestApp();
describe('the matter loop through the API', () => {
  it('assign → accept → progress → submit → unit head approves → review → closed, with timeline and allowed actions', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    const head = await org.login('headA');
    let m = await createMatter(sup, org);
    expect(m).toMatchObject({ state: 'assigned', code: expect.stringMatching(/^督办〔2026〕\d+号$/), leadUnit: { id: org.deptAId } });
    expect(m.deadline).toBe('2026-03-16');

    const seen = (await liaison.get(`/api/v1/matters/${m.id}`)).json();
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect(seen.allowedActions).not.toContain('review');
    m = (await act(liaison, seen, 'accept')).json();
    expect(m.state).toBe('in_progress');
    m = (await act(liaison, m, 'report_progress', { text: '已召开专题会议部署' })).json();
    const submitted = await act(liaison, m, 'submit_completion', { report: '已全部完成', evidenceIds: [await uploadEvidence(liaison)] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    m = submitted.json();
    m = (await act(head, m, 'approve_completion', { approved: true })).json();
    expect(m.state).toBe('reviewing');
    const reviewed = await act(sup, m, 'review', { approved: true, checklist: fullChecklist });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    m = reviewed.json();
    expect(m.state).toBe('closed');
    expect(m.timeline.map((e: { type: string }) => e.type)).toEqual([
      'opened', 'assigned', 'accepted', 'progress_reported', 'completion_submitted', 'completion_decided', 'reviewed',
    ]);
    const ledger = (await sup.get(`/api/v1/matters?state=closed&q=${encodeURIComponent(org.tag)}`)).json();
    expect(ledger.items.map((i: { id: string }) => i.id)).toContain(m.id);
  });

  it('a deadline of 3 working days from 2026-09-29 falls on 2026-10-09; the light is yellow, then red from 10-10', async () => {
    ctx.clock.set('2026-09-29T10:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const m = await createMatter(sup, org, { deadline: { kind: 'working_days', days: 3 } });
    expect(m.deadline).toBe('2026-10-09');
    const lightOn = async (day: string) => {
      ctx.clock.set(`${day}T10:00:00+08:00`);
      const c = await org.login('supervisor');
      const detail = (await c.get(`/api/v1/matters/${m.id}`)).json();
      const byLedger = (await c.get(`/api/v1/matters?light=${detail.light}&q=${encodeURIComponent(org.tag)}`)).json();
      expect(byLedger.items.map((i: { id: string }) => i.id), `ledger filter agrees on ${day}`).toContain(m.id);
      return detail.light;
    };
    expect(await lightOn('2026-09-29')).toBe('yellow');
    expect(await lightOn('2026-10-09')).toBe('yellow');
    expect(await lightOn('2026-10-10')).toBe('red');
  });

  it('unit scope: another unit’s liaison can neither see nor act; a co-unit can; admins are refused', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const m = await createMatter(sup, org);
    const other = await org.login('liaisonB');
    expect((await other.get(`/api/v1/matters/${m.id}`)).statusCode).toBe(404);
    expect((await act(other, m, 'accept')).statusCode).toBe(404);
    expect((await other.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json().total).toBe(0);
    const shared = await createMatter(sup, org, { title: `协办事项${org.tag}`, coUnitIds: [org.deptBId] });
    expect((await other.get(`/api/v1/matters/${shared.id}`)).statusCode).toBe(200);
    const leader = await org.login('leader');
    expect((await leader.get(`/api/v1/matters/${m.id}`)).statusCode).toBe(200);
    for (const admin of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect((await (await org.login(admin)).get('/api/v1/matters')).statusCode).toBe(403);
    }
  });

  it('two conflicting actions at once: exactly one succeeds, the other is 409', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const m = await createMatter(sup, org);
    const liaison = await org.login('liaisonA');
    const [a, b] = await Promise.all([act(liaison, m, 'accept'), act(liaison, m, 'return', { reason: '不属于本单位职责' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const now = (await sup.get(`/api/v1/matters/${m.id}`)).json();
    expect(now.version).toBe(m.version + 1);
    expect(['in_progress', 'assessing']).toContain(now.state);
  });

  it('evidence becomes the matter’s: the unit head and the office read it, another unit cannot; made-up ids are refused', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    let m = await createMatter(sup, org);
    m = (await act(liaison, m, 'accept')).json();
    const fake = await act(liaison, m, 'submit_completion', { report: '已完成', evidenceIds: ['00000000-0000-4000-8000-00000000000a'] });
    expect(fake.statusCode).toBe(422);
    expect((await sup.get(`/api/v1/matters/${m.id}`)).json().version, 'nothing written').toBe(m.version);
    const evidence = await uploadEvidence(liaison);
    expect((await act(liaison, m, 'submit_completion', { report: '已完成', evidenceIds: [evidence] })).statusCode).toBe(200);
    for (const who of ['headA', 'supervisor', 'leader'] as const) {
      expect((await (await org.login(who)).get(`/api/v1/attachments/${evidence}/meta`)).statusCode, who).toBe(200);
    }
    expect((await (await org.login('liaisonB')).get(`/api/v1/attachments/${evidence}`)).statusCode).toBe(404);
  });

  it('bad input: unknown unit, past deadline, 密级 text, unknown action, stale version — refused, nothing written', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const count = async () => (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`)).json().total;
    const before = await count();
    const unknownUnit = await sup.post('/api/v1/matters', { title: `x${org.tag}`, source: 'other', leadUnitId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().error.message).toContain('承办单位不存在');
    const past = await sup.post('/api/v1/matters', {
      title: `过期${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'date', date: '2026-02-01' }, assign: true,
    });
    expect(past.statusCode).toBeGreaterThanOrEqual(400);
    expect(past.statusCode).toBeLessThan(500);
    expect(past.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    // The refusal names the field, by its place in the body, so the form can mark it.
    expect(past.json().error.details).toEqual([{ field: 'body.deadline', message: past.json().error.message }]);
    const lateMilestone = await sup.post('/api/v1/matters', {
      title: `节点晚于时限${org.tag}`, source: 'other', deadline: { kind: 'date', date: '2026-04-30' },
      milestones: [{ title: '方案', deadline: '2026-03-20' }, { title: '验收', deadline: '2026-05-20' }],
    });
    expect(lateMilestone.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: [{ field: 'body.milestones.1.deadline' }] });
    const secret = await sup.post('/api/v1/matters', { title: `关于某事项的报告（机密★1年）${org.tag}`, source: 'other' });
    expect(secret.statusCode).toBe(422);
    expect(secret.json().error.code).toBe('CLASSIFIED_CONTENT');
    const secretRequirement = await sup.post('/api/v1/matters', { title: `正常标题${org.tag}`, source: 'other', requirement: '密级：秘密\n正文' });
    expect(secretRequirement.json().error.code).toBe('CLASSIFIED_CONTENT');
    expect(await count()).toBe(before);

    const m = await createMatter(sup, org);
    expect((await sup.post(`/api/v1/matters/${m.id}/actions/explode`, { version: m.version })).statusCode).toBe(400);
    const staleV = await act(sup, { ...m, version: m.version - 1 }, 'remind');
    expect(staleV.statusCode).toBe(409);
    const missing = await act(await org.login('liaisonA'), m, 'return', {});
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.statusCode).toBeLessThan(500);
    expect((await sup.get(`/api/v1/matters/${m.id}`)).json().version).toBe(m.version);
  });
});
