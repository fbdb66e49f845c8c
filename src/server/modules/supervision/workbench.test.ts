import { uploadEvidence } from '../../../../test/support/evidence';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';

const ctx = await setupTestApp();
const todo = async (c: Client, key: string) =>
  ((await c.get('/api/v1/workbench')).json().items as { key: string; count: number }[]).find((i) => i.key === key)?.count ?? 0;

describe('supervision to-dos on the workbench', () => {
  it('follow the matter from the liaison to the unit head to the supervisor', async () => {
    ctx.clock.set('2026-04-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    const head = await org.login('headA');
    let m = (await sup.post('/api/v1/matters', { title: `工作台${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 10 }, assign: true })).json();
    expect(await todo(liaison, 'matters.to-accept')).toBe(1);
    expect(await todo(await org.login('liaisonB'), 'matters.to-accept')).toBe(0);
    m = (await liaison.post(`/api/v1/matters/${m.id}/actions/accept`, { version: m.version })).json();
    expect(await todo(liaison, 'matters.to-accept')).toBe(0);
    expect(await todo(liaison, 'matters.in-progress')).toBe(1);
    m = (await liaison.post(`/api/v1/matters/${m.id}/actions/submit_completion`, { version: m.version, report: '已完成', evidenceIds: [await uploadEvidence(liaison)] })).json();
    expect(await todo(head, 'matters.to-approve')).toBe(1);
    await head.post(`/api/v1/matters/${m.id}/actions/approve_completion`, { version: m.version, approved: true });
    expect(await todo(head, 'matters.to-approve')).toBe(0);
    expect(await todo(sup, 'matters.to-review')).toBeGreaterThanOrEqual(1);
  });
});
