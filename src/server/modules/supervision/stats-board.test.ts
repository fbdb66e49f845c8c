import { uploadEvidence } from '../../../../test/support/evidence';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { computeAllStats, emptyStats, type MatterEvent } from '../../domain/supervision';
import { loadWorkCalendar } from '../calendar/service';
import { loadLogs } from './stats-repo';
import { act, checklist, driveMarch, marchFiguresOfA } from './stats-scenario';

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
      drill: expect.objectContaining({ overdue: `leadUnitId=${org.deptAId}&light=red` }),
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
    expect((await sup.get('/api/v1/supervision/board?from=2001-01-01')).statusCode).toBe(400);
    expect((await sup.get('/api/v1/supervision/board?to=2025-06-30')).json()).toMatchObject({ from: '2025-01-01', to: '2025-06-30' });
    expect((await sup.get('/api/v1/supervision/board?q=1')).statusCode).toBe(400);
    expect(await audits()).toBe(before);
  });

  it('the bounded load gives exactly the figures of replaying every matter, unit history included', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    ctx.clock.set('2026-02-02T09:00:00+08:00');
    const [sup, liaison, head] = [await org.login('supervisor'), await org.login('liaisonA'), await org.login('headA')];
    const opened = await sup.post('/api/v1/matters', {
      title: `二月办结事项${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 3 }, assign: true,
    });
    let early = await act(liaison, opened.json(), 'accept');
    early = await act(liaison, early, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaison)] });
    early = await act(head, early, 'approve_completion', { approved: true });
    early = await act(sup, early, 'review', { approved: true, checklist });
    await driveMarch(ctx, org);
    const sup2 = await org.login('supervisor');
    const moved = (await sup2.post('/api/v1/matters', {
      title: `改由部门乙牵头${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 5 }, assign: true,
    })).json();
    const returned = await act(await org.login('liaisonA'), moved, 'return', { reason: '属部门乙职责' });
    await act(sup2, returned, 'rule_return', { justified: true, leadUnitId: org.deptBId, comment: '改由部门乙牵头' });
    ctx.clock.set('2026-03-20T10:00:00+08:00');
    const asOf = '2026-03-20';

    const rows = (await ctx.deps.db.execute(sql`SELECT matter_id, seq, type, actor_id, at, state, payload FROM matter_events ORDER BY matter_id, seq`)) as unknown as {
      rows: { matter_id: string; seq: number; type: string; actor_id: string; at: Date | string; state: string; payload: unknown }[];
    };
    const every = new Map<string, MatterEvent[]>();
    for (const r of rows.rows) {
      const e = { matterId: r.matter_id, seq: r.seq, type: r.type, actorId: r.actor_id, at: new Date(r.at).toISOString(), state: r.state, payload: r.payload } as MatterEvent;
      every.set(r.matter_id, [...(every.get(r.matter_id) ?? []), e]);
    }
    const calendar = await loadWorkCalendar(ctx.deps.db);
    for (const [from, to] of [['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-31'], ['2026-03-11', '2026-03-20'], ['2026-01-01', '2026-03-31']] as const) {
      const period = { from, to, asOf };
      const expected = computeAllStats([...every.values()], period, calendar);
      for (const unitIds of [null, [org.deptAId], [org.deptBId]]) {
        const bounded = await loadLogs(ctx.deps.db, { from, end: to < asOf ? to : asOf, asOf, unitIds });
        const got = computeAllStats(bounded, period, calendar);
        for (const u of unitIds ?? [...expected.keys()]) {
          expect(got.get(u) ?? emptyStats(), `${from}…${to} ${u}`).toEqual(expected.get(u) ?? emptyStats());
        }
        const loaded = new Set(bounded.map((l) => l[0]!.matterId));
        if (from >= '2026-03-01') expect(loaded.has(early.id), 'closed before the window: not loaded').toBe(false);
        if (unitIds && from <= '2026-03-10' && to >= '2026-03-10') expect(loaded.has(moved.id), 'a matter a unit led earlier is loaded for it').toBe(true);
      }
    }
    const sup3 = await org.login('supervisor');
    const march = async (u: string) => (await sup3.get(`/api/v1/supervision/stats?from=2026-03-01&to=2026-03-31&unitId=${u}`)).json().units[0];
    expect(await march(org.deptAId)).toMatchObject({ assigned: 4, returns: 2, overdue: 1 });
    expect(await march(org.deptBId)).toMatchObject({ assigned: 1, returns: 0, overdue: 1, closed: 0 });
  });

  it('documents the statistics, board and bulletin routes with their answer shapes in the OpenAPI description', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { summary?: string; description?: string }>>;
    expect(paths['/api/v1/supervision/stats']!.get!.description).toContain('onTimeRate');
    expect(paths['/api/v1/supervision/board']!.get!.description).toContain('trend');
    for (const p of ['/api/v1/bulletins', '/api/v1/bulletins/{id}', '/api/v1/bulletins/{id}/publish', '/api/v1/bulletins/{id}/document.docx']) {
      for (const op of Object.values(paths[p]!)) expect(op.summary, p).toMatch(/通报/);
    }
  });
});
