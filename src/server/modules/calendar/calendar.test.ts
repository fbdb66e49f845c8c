import { describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { auditLog, calendarOverrides } from '../../db/schema';
import { loadWorkCalendar } from './service';

// One database for the whole file and the overrides table is global, so each
// test writes in its own year (2031–2034) and no test reads across another's:
// the read-only tests stay in 2026–2027 and 2070–2084.
const ctx = await setupTestApp();
const db = ctx.deps.db;

const chinese = /[\u4e00-\u9fff]/;

async function writesSoFar() {
  const [overrides] = await db.select({ n: sql<number>`count(*)::int` }).from(calendarOverrides);
  const [audits] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(like(auditLog.action, 'calendar.%'));
  return { overrides: overrides!.n, audits: audits!.n };
}

const auditFor = (action: string, date: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, date)));

describe('reading the calendar', () => {
  it('any signed-in user reads a year with its holidays, 调休 days and notice', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    for (const key of ['liaisonA', 'auditor'] as const) {
      const c = await org.login(key);
      const res = await c.get('/api/v1/calendar/years/2026');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        year: 2026,
        provisional: false,
        source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
      });
      expect(body.days).toHaveLength(39);
      expect(body.days).toContainEqual({
        date: '2026-02-14',
        working: true,
        kind: 'adjusted_workday',
        kindLabel: '调休上班',
        name: '春节',
        source: 'official',
      });
      expect(body.days).toContainEqual(expect.objectContaining({ date: '2026-10-01', kind: 'holiday', name: '国庆节' }));
    }
  });

  it('a year without an official notice is provisional', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    const res = await c.get('/api/v1/calendar/years/2027');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, provisional: true, source: null, notices: [] });
    // Its statutory days off are computed from the 放假办法 and say so; only its 调休 is unknown.
    expect(body.days).toHaveLength(19);
    expect(body.days[0]).toEqual({
      date: '2027-01-01',
      working: false,
      kind: 'holiday',
      kindLabel: '节假日',
      name: '元旦（按放假办法推算）',
      source: 'provisional',
    });
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2027-02-05', name: '春节（按放假办法推算）' }));
    expect(body.days.every((d: { source: string; working: boolean }) => d.source === 'provisional' && !d.working)).toBe(true);
  });

  it('adds working days across holidays and 调休 Saturdays', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('headB');
    const cases: [string, number, string][] = [
      ['2026-09-30', 1, '2026-10-08'],
      ['2026-02-13', 1, '2026-02-14'],
      ['2026-02-14', 1, '2026-02-24'],
      ['2026-10-01', 0, '2026-10-08'],
      ['2026-09-30', 0, '2026-09-30'],
      // 2026-12-02 + 22: past 元旦 2027, a statutory day off even before its notice is out.
      ['2026-12-02', 22, '2027-01-04'],
      // 3650 working days in provisional years, each with its ~13 statutory days off (730 weeks would be 2084-01-03).
      ['2070-01-06', 3650, '2084-09-25'],
    ];
    for (const [from, days, date] of cases) {
      const res = await c.get(`/api/v1/calendar/working-days/add?from=${from}&days=${days}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ from, days, date });
    }
  });

  it('needs a signed-in user', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/working-days/add?from=2026-09-30&days=1' });
    expect(res.statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/years/2026' })).statusCode).toBe(401);
  });

  it('documents the endpoints in the OpenAPI description', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    for (const p of [
      '/api/v1/calendar/years/{year}',
      '/api/v1/calendar/working-days/add',
      '/api/v1/calendar/overrides',
      '/api/v1/calendar/overrides/{date}',
      '/api/v1/calendar/official-years',
      '/api/v1/calendar/official-years/{year}',
    ]) {
      expect(paths[p]).toBeDefined();
      for (const op of Object.values(paths[p]!)) expect(op.tags).toEqual(['calendar']);
    }
  });
});

describe('overrides', () => {
  it('a sysadmin sets, changes and removes a local day, and deadlines follow', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const user = await org.login('supervisor');
    const add = async (from: string, days: number) =>
      (await user.get(`/api/v1/calendar/working-days/add?from=${from}&days=${days}`)).json().date as string;

    expect(await add('2031-06-04', 1)).toBe('2031-06-05');

    const put = await admin.put('/api/v1/calendar/overrides/2031-06-05', { kind: 'holiday', note: '  县庆放假一天 ' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      date: '2031-06-05',
      kind: 'holiday',
      kindLabel: '放假',
      note: '县庆放假一天',
      createdBy: org.users.sysadmin.id,
    });
    expect(await add('2031-06-04', 1)).toBe('2031-06-06');

    expect((await admin.put('/api/v1/calendar/overrides/2031-06-07', { kind: 'workday', note: '补班' })).statusCode).toBe(200);
    expect(await add('2031-06-06', 1)).toBe('2031-06-07');
    expect((await loadWorkCalendar(db)).dayInfo('2031-06-07')).toMatchObject({ working: true, kind: 'adjusted_workday', source: 'override' });

    const year = (await user.get('/api/v1/calendar/years/2031')).json();
    expect(year).toMatchObject({ year: 2031, provisional: true, source: null });
    expect(year.days.filter((d: { source: string }) => d.source === 'override')).toEqual([
      { date: '2031-06-05', working: false, kind: 'holiday', kindLabel: '节假日', name: '县庆放假一天', source: 'override' },
      { date: '2031-06-07', working: true, kind: 'adjusted_workday', kindLabel: '调休上班', name: '补班', source: 'override' },
    ]);

    const list = await admin.get('/api/v1/calendar/overrides');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((i: { date: string }) => i.date.startsWith('2031-')).map((i: { date: string }) => i.date)).toEqual([
      '2031-06-05',
      '2031-06-07',
    ]);

    const changed = await admin.put('/api/v1/calendar/overrides/2031-06-05', { kind: 'workday', note: '取消放假' });
    expect(changed.json()).toMatchObject({ kind: 'workday', note: '取消放假' });
    expect(await add('2031-06-04', 1)).toBe('2031-06-05');

    const puts = await auditFor('calendar.override.put', '2031-06-05');
    expect(puts.map((a) => a.detail)).toEqual([
      { kind: 'holiday', note: '县庆放假一天', previous: null },
      { kind: 'workday', note: '取消放假', previous: { kind: 'holiday', note: '县庆放假一天' } },
    ]);
    expect(puts[0]).toMatchObject({ username: org.users.sysadmin.username, objectType: 'calendar_override', result: 'success' });

    const del = await admin.delete('/api/v1/calendar/overrides/2031-06-07');
    expect(del.statusCode).toBe(200);
    expect(await add('2031-06-06', 1)).toBe('2031-06-09');
    const dels = await auditFor('calendar.override.delete', '2031-06-07');
    expect(dels).toHaveLength(1);
    expect(dels[0]).toMatchObject({ username: org.users.sysadmin.username, detail: { kind: 'workday', note: '补班' } });
    expect(await db.select().from(calendarOverrides).where(eq(calendarOverrides.day, '2031-06-07'))).toEqual([]);
  });

  it('deleting a day with no override is 404 and writes nothing', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const before = await writesSoFar();
    const res = await admin.delete('/api/v1/calendar/overrides/2034-05-03');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.json().error.message).toMatch(chinese);
    expect(await writesSoFar()).toEqual(before);
  });

  it('only the sysadmin may list or change overrides', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    expect((await admin.put('/api/v1/calendar/overrides/2032-03-02', { kind: 'holiday', note: '既有调整' })).statusCode).toBe(200);
    const before = await writesSoFar();
    for (const key of ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'secadmin', 'auditor'] as const) {
      const c = await org.login(key);
      for (const res of [
        await c.put('/api/v1/calendar/overrides/2032-03-01', { kind: 'holiday', note: '越权' }),
        await c.delete('/api/v1/calendar/overrides/2032-03-02'),
        await c.get('/api/v1/calendar/overrides'),
      ]) {
        expect(res.statusCode, `${key} ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await writesSoFar()).toEqual(before);
    expect((await loadWorkCalendar(db)).isWorkingDay('2032-03-01')).toBe(true);
    expect((await loadWorkCalendar(db)).isWorkingDay('2032-03-02')).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses bad dates, kinds, notes and unknown fields with 400 and writes nothing', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const before = await writesSoFar();
    const good = { kind: 'holiday', note: '测试' };
    const attempts: [string, unknown][] = [
      ...['2033-02-30', '2033-13-01', '1899-12-31', '2101-01-01', '20330301', '2033-3-1', 'today', '2033-03-01T00:00'].map(
        (d): [string, unknown] => [`/api/v1/calendar/overrides/${d}`, good],
      ),
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'rest', note: '测试' }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: ['holiday'], note: '测试' }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'holiday' }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'holiday', note: '' }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'holiday', note: '   ' }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'holiday', note: '长'.repeat(201) }],
      ['/api/v1/calendar/overrides/2033-03-01', { kind: 'holiday', note: 42 }],
      ['/api/v1/calendar/overrides/2033-03-01', { ...good, createdBy: org.users.sysadmin.id }],
      ['/api/v1/calendar/overrides/2033-03-01', [good]],
    ];
    for (const [url, body] of attempts) {
      const res = await admin.put(url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)} → ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(chinese);
    }
    const notJson = await admin.request('PUT', '/api/v1/calendar/overrides/2033-03-01', '{"kind":', {
      'content-type': 'application/json',
    });
    expect(notJson.statusCode).toBe(400);
    const del = await admin.delete('/api/v1/calendar/overrides/2033-02-30');
    expect(del.statusCode).toBe(400);
    expect(del.json().error.code).toBe('VALIDATION_FAILED');
    expect(await writesSoFar()).toEqual(before);
  });

  it('refuses a note with a 密级 marking (422) and writes nothing', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const before = await writesSoFar();
    const res = await admin.put('/api/v1/calendar/overrides/2033-04-01', { kind: 'holiday', note: '机密★ 某项安排' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CLASSIFIED_CONTENT');
    expect(await writesSoFar()).toEqual(before);
  });

  it('refuses bad years and working-day queries with 400, never 500', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    const urls = [
      ...['abc', '1899', '2101', '20261', '2026.5', '-2026', '2e3', '0x7EA', '%202026'].map((y) => `/api/v1/calendar/years/${y}`),
      '/api/v1/calendar/working-days/add?from=2026-02-30&days=1',
      '/api/v1/calendar/working-days/add?from=1899-12-31&days=1',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=-1',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=3651',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=1.5',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=abc',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=',
      '/api/v1/calendar/working-days/add?from=2026-09-30',
      '/api/v1/calendar/working-days/add?days=1',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=1&days=2',
      '/api/v1/calendar/working-days/add?from=2026-09-30&days=1&extra=1',
    ];
    for (const url of urls) {
      const res = await c.get(url);
      expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(chinese);
    }
  });
});
