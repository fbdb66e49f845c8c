import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { driveMarch, marchFiguresOfA } from './stats-scenario';

const ctx = await setupTestApp();
const march = 'from=2026-03-01&to=2026-03-31';
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('supervision statistics and the battle board', () => {
  it('stats of a unit after driving matters through the loop: exact figures, one definition on the board', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const { onTime, late, returned } = await driveMarch(ctx, org);
    ctx.clock.set('2026-03-20T10:00:00+08:00');
    const sup = await org.login('supervisor');

    const one = await sup.get(`/api/v1/supervision/stats?${march}&unitId=${org.deptAId}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-20' });
    expect(one.json().units).toEqual([{ unit: { id: org.deptAId, name: `部门甲${org.tag}` }, ...marchFiguresOfA }]);

    const all = (await sup.get(`/api/v1/supervision/stats?${march}`)).json().units as { unit: { id: string } }[];
    expect(all.find((u) => u.unit.id === org.deptAId)).toEqual(one.json().units[0]);
    expect(all.some((u) => u.unit.id === org.deptBId), 'a unit with no figures has no row').toBe(false);
    const emptyB = (await sup.get(`/api/v1/supervision/stats?${march}&unitId=${org.deptBId}`)).json().units[0];
    expect(emptyB).toMatchObject({ assigned: 0, closed: 0, overdue: 0, onTimeRate: null, avgWorkingDaysToClose: null });

    // February knew none of it; the first week of March had no overdue day yet (the late one was due 03-05).
    const feb = (await sup.get(`/api/v1/supervision/stats?from=2026-02-01&to=2026-02-28&unitId=${org.deptAId}`)).json().units[0];
    expect(feb).toMatchObject({ assigned: 0, closed: 0, overdue: 0 });
    const week = (await sup.get(`/api/v1/supervision/stats?from=2026-03-01&to=2026-03-05&unitId=${org.deptAId}`)).json().units[0];
    expect(week).toMatchObject({ assigned: 3, closed: 0, overdue: 0, returns: 1 });

    const board = await sup.get(`/api/v1/supervision/board?${march}`);
    expect(board.statusCode, board.body).toBe(200);
    const b = board.json();
    const rowA = b.units.find((u: { unit: { id: string } }) => u.unit.id === org.deptAId);
    expect(rowA).toEqual({
      unit: { id: org.deptAId, name: `部门甲${org.tag}` },
      assigned: marchFiguresOfA.assigned,
      inProgress: 2,
      overdue: 1,
      closed: marchFiguresOfA.closed,
      onTimeRate: marchFiguresOfA.onTimeRate,
    });
    expect(ids(b.red.items)).toContain(late.id);
    expect(ids(b.red.items)).not.toContain(onTime.id);
    expect(b.red.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({ light: 'red', deadline: '2026-03-05', leadUnit: { id: org.deptAId } });
    expect(ids(b.yellow.items)).not.toContain(late.id);
    const bars = b.gantt.items.filter((g: { leadUnit: { id: string } | null }) => g.leadUnit?.id === org.deptAId);
    expect(bars.map((g: { id: string }) => g.id).sort()).toEqual([late.id, returned.id].sort());
    expect(bars.find((g: { id: string }) => g.id === late.id)).toMatchObject({
      code: late.code,
      title: late.title,
      assignedAt: '2026-03-02T01:00:00.000Z',
      deadline: '2026-03-05',
      light: 'red',
    });
    expect(b.trend.months).toHaveLength(12);
    expect(b.trend.months.at(-1)).toBe('2026-03');
    expect(b.trend.months[0]).toBe('2025-04');

    // The liaison's board covers unit A alone, so the trend is exactly unit A's months.
    const mine = (await (await org.login('liaisonA')).get(`/api/v1/supervision/board?${march}`)).json();
    expect(mine.units).toEqual([rowA]);
    expect(mine.trend.assigned).toEqual([...Array(11).fill(0), 3]);
    expect(mine.trend.closed).toEqual([...Array(11).fill(0), 1]);
    expect(mine.red).toEqual({ total: 1, items: [expect.objectContaining({ id: late.id })] });
  });

  it('scope: a liaison of another unit sees nothing of unit A; admins are refused', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const { late, returned } = await driveMarch(ctx, org);
    ctx.clock.set('2026-03-20T10:00:00+08:00');
    const other = await org.login('liaisonB');
    expect((await other.get(`/api/v1/supervision/stats?${march}&unitId=${org.deptAId}`)).statusCode).toBe(403);
    const own = await other.get(`/api/v1/supervision/stats?${march}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().units).toEqual([]);
    const board = (await other.get(`/api/v1/supervision/board?${march}`)).json();
    expect(board.units).toEqual([]);
    expect(board.red.total).toBe(0);
    expect(ids(board.gantt.items)).not.toContain(late.id);
    expect(ids(board.gantt.items)).not.toContain(returned.id);
    expect(board.trend.assigned.every((n: number) => n === 0)).toBe(true);
    const head = await org.login('headB');
    expect((await head.get(`/api/v1/supervision/stats?${march}&unitId=${org.deptBId}`)).json().units).toHaveLength(1);
    for (const admin of ['sysadmin', 'secadmin', 'auditor'] as const) {
      const c = await org.login(admin);
      expect((await c.get(`/api/v1/supervision/stats?${march}`)).statusCode).toBe(403);
      expect((await c.get('/api/v1/supervision/board')).statusCode).toBe(403);
    }
  });

  it('bad input: from after to, impossible dates, unknown unit, unknown fields, too long a period → 400, nothing written', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const audits = async () => ((await ctx.deps.db.execute(sql`SELECT count(*)::int AS n FROM audit_log`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const before = await audits();
    for (const q of [
      'from=2026-03-31&to=2026-03-01',
      'from=2026-02-30&to=2026-03-31',
      'from=2026-3-1&to=2026-03-31',
      'to=2026-03-31',
      `${march}&unitId=00000000-0000-4000-8000-000000000000`,
      `${march}&unitId=not-a-uuid`,
      `${march}&extra=1`,
      'from=2020-01-01&to=2026-03-31',
    ]) {
      const r = await sup.get(`/api/v1/supervision/stats?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.message, q).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await sup.get('/api/v1/supervision/board?from=2026-03-31&to=2026-03-01')).statusCode).toBe(400);
    expect((await sup.get('/api/v1/supervision/board?from=2099-01-01')).statusCode).toBe(400);
    expect((await sup.get('/api/v1/supervision/board?q=1')).statusCode).toBe(400);
    expect(await audits()).toBe(before);
  });
});
