import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { uploadEvidence } from '../../../../test/support/evidence';
import { createOrg } from '../../../../test/support/factories';
import { act, createMatter, fullChecklist } from '../../../../test/support/matters';
import { notifications } from '../../db/schema';

const ctx = await setupTestApp();
type Refusal = { action: string; code: string; reason: string; kind: string };

describe('no silent loss, refusals with reasons, closing that means closed (through the API)', () => {
  it('报结 with a pending extension: the 报结 event records the withdrawal and the supervisor is notified', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    let m = await createMatter(sup, org);
    m = (await act(liaison, m, 'accept')).json();
    m = (await act(liaison, m, 'request_extension', { deadline: '2026-04-30', reason: '需协调市级部门' })).json();
    // The liaison is told why it cannot ask twice, in decide's own words.
    expect(m.refusedActions).toContainEqual({ action: 'request_extension', code: 'RULE_VIOLATION', reason: '已有待审批的延期申请', kind: 'condition' });
    const submitted = await act(liaison, m, 'submit_completion', { report: '已全部完成', evidenceIds: [await uploadEvidence(liaison)] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    m = submitted.json();
    expect(m.pendingExtension).toBeNull();
    expect(m.timeline.at(-1)).toMatchObject({ type: 'completion_submitted', payload: { extensionWithdrawn: '2026-04-30' } });
    const told = await ctx.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, org.users.supervisor.id), eq(notifications.kind, 'matter.extension_withdrawn')));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: expect.stringContaining('延期申请已撤回'), body: expect.stringContaining('申请延至 2026-04-30'), link: `/matters/${m.id}` });
  });

  it('办结 refuses an open milestone unless waived with a reason; 回头看 waits for its day; 问责移交 needs a ground', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    const head = await org.login('headA');
    let m = await createMatter(sup, org, { milestones: [{ title: '制定方案', deadline: '2026-03-06' }] });
    m = (await act(liaison, m, 'accept')).json();
    m = (await act(liaison, m, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaison)] })).json();
    m = (await act(head, m, 'approve_completion', { approved: true })).json();
    const open = await act(sup, m, 'review', { approved: true, checklist: fullChecklist });
    expect(open.statusCode).toBe(422);
    expect(open.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('节点“制定方案”尚未完成') });
    expect((await sup.get(`/api/v1/matters/${m.id}`)).json().version, 'nothing written').toBe(m.version);
    const waivers = [{ milestoneId: m.milestones[0].id, reason: '方案已由县政府统一印发' }];
    const closed = await act(sup, m, 'review', { approved: true, checklist: fullChecklist, waivers });
    expect(closed.statusCode, closed.body).toBe(200);
    m = closed.json();
    expect(m.state).toBe('closed');
    expect(m.milestones[0]).toMatchObject({ waived: { reason: '方案已由县政府统一印发' } });
    expect(m.timeline.at(-1).payload.waived).toEqual([{ milestoneId: m.milestones[0].id, title: '制定方案', reason: '方案已由县政府统一印发' }]);
    expect(m.lookBackDueOn).toBe('2026-04-01');
    // The liaison sees why it can do nothing on a closed matter.
    const seen = (await liaison.get(`/api/v1/matters/${m.id}`)).json();
    expect(seen.allowedActions).toEqual([]);
    expect(seen.refusedActions.map((r: Refusal) => r.action)).toContain('submit_completion');
    expect(seen.refusedActions.every((r: Refusal) => r.kind === 'state' && r.reason.includes('已办结'))).toBe(true);

    const tooEarly = await act(sup, m, 'look_back', { passed: true });
    expect(tooEarly.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('2026-04-01') });
    const early = await act(sup, m, 'look_back', { passed: true, early: true, reason: '群众来信反映问题反弹' });
    expect(early.statusCode, early.body).toBe(200);
    m = early.json();
    expect(m.timeline.at(-1).payload).toEqual({ passed: true, early: { reason: '群众来信反映问题反弹', dueOn: '2026-04-01' } });

    const noGround = await act(sup, m, 'refer_accountability', { reason: '整改不力', recipients: ['organization'] });
    expect(noGround.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择问责移交的依据' });
    const notChased = await act(sup, m, 'refer_accountability', { ground: 'repeated_reminders', reason: '整改不力', recipients: ['organization'] });
    expect(notChased.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('须至少催办 3 次') });
    const referred = await act(sup, m, 'refer_accountability', { ground: 'other', reason: '虚报整改结果', recipients: ['organization'] });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json().timeline.at(-1).payload).toMatchObject({ reason: '虚报整改结果', ground: { kind: 'other' } });
  });
});
