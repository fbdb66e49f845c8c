import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { boardColumns } from './board-cells';
import { act, driveMarch } from './stats-scenario';

const ctx = await setupTestApp();

describe('挂图作战 counts and their drill-down', () => {
  it('each unit count is the total of the ledger its drill-down opens, a matter moved to another unit included', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await driveMarch(ctx, org);
    const sup = await org.login('supervisor');
    // 部门甲 returns it, the office rules the return justified and gives it to 部门乙: it now counts, and lists, under 部门乙.
    const moved = (await sup.post('/api/v1/matters', {
      title: `改由部门乙牵头${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 5 }, assign: true,
    })).json();
    const returned = await act(await org.login('liaisonA'), moved, 'return', { reason: '属部门乙职责' });
    await act(sup, returned, 'rule_return', { justified: true, leadUnitId: org.deptBId, comment: '改由部门乙牵头' });
    ctx.clock.set('2026-03-20T10:00:00+08:00');

    for (const who of ['supervisor', 'leader', 'liaisonA', 'headB'] as const) {
      const c = await org.login(who);
      const board = (await c.get('/api/v1/supervision/board?from=2026-03-01&to=2026-03-31')).json();
      const mine = board.units.filter((u: { unit: { id: string } }) => u.unit.id === org.deptAId || u.unit.id === org.deptBId);
      expect(mine.length, who).toBeGreaterThan(0);
      for (const row of mine) {
        for (const k of boardColumns) {
          const list = (await c.get(`/api/v1/matters?${row.drill[k]}&pageSize=100`)).json();
          expect(list.total, `${who} ${row.unit.name} ${k}`).toBe(row[k]);
          expect(list.items.every((m: { leadUnit: { id: string } }) => m.leadUnit.id === row.unit.id)).toBe(true);
        }
      }
    }
    const rows = (await (await org.login('supervisor')).get('/api/v1/supervision/board?from=2026-03-01&to=2026-03-31')).json().units as { unit: { id: string }; assigned: number; inProgress: number }[];
    expect(rows.find((u) => u.unit.id === org.deptAId)).toMatchObject({ assigned: 3, inProgress: 2 });
    expect(rows.find((u) => u.unit.id === org.deptBId)).toMatchObject({ assigned: 1, inProgress: 1 });
  });
});
