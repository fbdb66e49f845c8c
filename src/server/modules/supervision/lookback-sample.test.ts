import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';
import { fullChecklist } from '../../../../test/support/matters';
import { advisoryGuard } from '../../jobs/lock';
import { previousQuarter, sampleQuarterLookBacks } from './lookback-sample';

const ctx = await setupTestApp();

describe('quarterly random look-back', () => {
  it('knows the previous quarter, across a year end', () => {
    expect(previousQuarter('2026-01-15')).toEqual({ label: '2025Q4', from: '2025-10-01', to: '2026-01-01' });
    expect(previousQuarter('2026-05-20')).toEqual({ label: '2026Q1', from: '2026-01-01', to: '2026-04-01' });
  });

  it('marks 10 % of last quarter’s closed matters for a look-back, once', async () => {
    ctx.clock.set('2026-02-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    const head = await org.login('headA');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      let m = (await sup.post('/api/v1/matters', { title: `抽查${i}${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 10 }, assign: true })).json();
      const step = async (c: typeof sup, action: string, body: Record<string, unknown> = {}) => {
        const r = await c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
        expect(r.statusCode, r.body).toBe(200);
        m = r.json();
      };
      await step(liaison, 'accept');
      await step(liaison, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaison)] });
      await step(head, 'approve_completion', { approved: true });
      await step(sup, 'review', { approved: true, checklist: fullChecklist });
      ids.push(m.id);
    }
    ctx.clock.set('2026-04-02T09:00:00+08:00');
    const guard = advisoryGuard(ctx.deps.db, 'sweep-matters');
    expect(await sampleQuarterLookBacks(ctx.deps, guard)).toBe(1);
    expect(await sampleQuarterLookBacks(ctx.deps, guard)).toBe(0);
    const due = [];
    const later = await org.login('supervisor');
    for (const id of ids) {
      const d = (await later.get(`/api/v1/matters/${id}`)).json();
      if (d.lookBackDue) due.push(d.lookBackDue);
    }
    expect(due).toEqual(['sample']);
  });
});
