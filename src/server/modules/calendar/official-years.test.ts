import { describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { createMatter } from '../../../../test/support/matters';
import { notice2027 } from '../../../../test/support/notice-2027';
import { auditLog, notifications, officialHolidayYears } from '../../db/schema';
import { matters } from '../supervision/tables';
import { loadWorkCalendar } from './service';

// One database for the file. The bad-input cases run first, while 2027 is
// still provisional; the loading case then loads 2027 for good.
const ctx = await setupTestApp();
const db = ctx.deps.db;
const url = '/api/v1/calendar/official-years/2027';
const chinese = /[\u4e00-\u9fff]/;

async function writesSoFar() {
  const [years] = await db.select({ n: sql<number>`count(*)::int` }).from(officialHolidayYears);
  const [audits] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(like(auditLog.action, 'calendar.%'));
  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`matter_events`);
  return { years: years!.n, audits: audits!.n, events: events!.n };
}

const stored = async (id: string) => {
  const [r] = await db
    .select({ deadline: sql<string>`${matters.snapshot}->>'deadline'`, yellowFrom: matters.yellowFrom, redFrom: matters.redFrom, version: matters.version })
    .from(matters)
    .where(eq(matters.id, id));
  return r!;
};

describe('loading a year’s State Council notice: bad input', () => {
  it('refuses bad files, a bundled year and other callers, changing nothing', async () => {
    ctx.clock.set('2026-12-02T09:30:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const matter = await createMatter(await org.login('supervisor'), org, { deadline: { kind: 'working_days', days: 50 } });
    const admin = await org.login('sysadmin');
    const before = await writesSoFar();
    const bad: [string, unknown][] = [
      [url, {}],
      [url, []],
      [url, { ...notice2027(), year: 2028 }],
      [url, { ...notice2027(), papers: [] }],
      [url, { ...notice2027(), papers: ['not a url'] }],
      [url, { ...notice2027(), days: [] }],
      [url, { ...notice2027(), days: [{ name: '春节', date: '2027-02-30', isOffDay: true }] }],
      [url, { ...notice2027(), days: [{ name: '春节', date: '2028-02-01', isOffDay: true }] }],
      [url, { ...notice2027(), extra: true }],
      ['/api/v1/calendar/official-years/2026', { ...notice2027(), year: 2026, days: [{ name: '元旦', date: '2026-01-01', isOffDay: true }] }],
      ['/api/v1/calendar/official-years/27', notice2027()],
      ['/api/v1/calendar/official-years/2101', { ...notice2027(), year: 2101 }],
    ];
    for (const [u, body] of bad) {
      const res = await admin.put(u, body);
      expect(res.statusCode, `${u} ${JSON.stringify(body).slice(0, 80)} → ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(chinese);
    }
    const classified = await admin.put(url, { ...notice2027(), days: [{ name: '机密★春节', date: '2027-02-05', isOffDay: true }] });
    expect(classified.statusCode).toBe(422);
    const notJson = await admin.request('PUT', url, '{"year":', { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
    const huge = await admin.put(url, { ...notice2027(), $id: 'x'.repeat(70 * 1024) });
    expect(huge.statusCode).toBe(413);
    for (const key of ['supervisor', 'leader', 'secadmin', 'auditor', 'liaisonA'] as const) {
      const res = await (await org.login(key)).put(url, notice2027());
      expect(res.statusCode, key).toBe(403);
    }
    expect(await writesSoFar()).toEqual(before);
    expect((await loadWorkCalendar(db)).yearStatus(2027).provisional).toBe(true);
    expect((await stored(matter.id)).deadline).toBe('2027-02-17');
  });
});

describe('loading a year’s State Council notice', () => {
  it('makes the year official, moves the stored deadlines and light dates it changes, and notes it on each matter', async () => {
    ctx.clock.set('2026-12-02T09:30:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const supervisor = await org.login('supervisor');
    // Provisional 春节 2027 is 2-5 and 2-8..2-10 (除夕..初三 and 补假); the notice adds 2-11 and 2-12.
    const across = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days: 50 } });
    const inProgress = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days: 45 } });
    const near = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days: 3 } });
    const fixed = await createMatter(supervisor, org, { deadline: { kind: 'date', date: '2027-02-17' } });
    const liaison = await org.login('liaisonA');
    expect((await liaison.post(`/api/v1/matters/${inProgress.id}/actions/accept`, { version: inProgress.version })).statusCode).toBe(200);
    expect(across.deadline).toBe('2027-02-17');
    expect(inProgress.deadline).toBe('2027-02-04');
    const beforeAcross = await stored(across.id);
    const beforeNear = await stored(near.id);
    const beforeFixed = await stored(fixed.id);
    expect(beforeAcross.redFrom).toBe('2027-02-18');

    // Weeks later (so everyone signs in again), the notice is out.
    ctx.clock.set('2026-12-20T10:00:00+08:00');
    const admin = await org.login('sysadmin');
    const reader = await org.login('supervisor');
    const res = await admin.put(url, notice2027());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, provisional: false, source: 'https://www.gov.cn/zhengce/content/test/notice-2027.htm' });
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2027-02-11', kind: 'holiday', name: '春节', source: 'official' }));
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2027-02-20', kind: 'adjusted_workday', source: 'official' }));
    // The other matters of the shared database (earlier cases, other orgs) may move too; these two must.
    expect(body.mattersMoved).toBeGreaterThanOrEqual(1);

    const afterAcross = await stored(across.id);
    expect(afterAcross.deadline).toBe('2027-02-19');
    expect(afterAcross.redFrom).toBe('2027-02-20');
    expect(afterAcross.yellowFrom).not.toBe(beforeAcross.yellowFrom);
    expect(afterAcross.version).toBe(beforeAcross.version + 1);
    // 45 working days end before 春节: the notice changes nothing there.
    expect(await stored(inProgress.id)).toMatchObject({ deadline: '2027-02-04' });
    expect(await stored(near.id)).toEqual(beforeNear);
    // A fixed date stays; its yellow day follows the calendar, as after any calendar change.
    expect(await stored(fixed.id)).toMatchObject({ deadline: '2027-02-17', version: beforeFixed.version, redFrom: '2027-02-18' });
    expect((await stored(fixed.id)).yellowFrom).not.toBe(beforeFixed.yellowFrom);

    const detailRes = await reader.get(`/api/v1/matters/${across.id}`);
    expect(detailRes.statusCode, detailRes.body).toBe(200);
    const detail = detailRes.json();
    expect(detail.deadline).toBe('2027-02-19');
    expect(detail.deadlineProvisional).toBe(false);
    const last = detail.timeline.at(-1);
    expect(last).toMatchObject({
      type: 'deadline_recalculated',
      typeLabel: '时限重算',
      actor: { id: 'system', name: '系统' },
      comment: '2027 年节假日安排已载入，按 50 个工作日重算：办理期限由 2027-02-17 调整为 2027-02-19',
      payload: expect.objectContaining({ oldDeadline: '2027-02-17', newDeadline: '2027-02-19', year: 2027, reason: '2027 年节假日安排已载入' }),
    });
    expect((await reader.get(`/api/v1/matters/${near.id}`)).json().timeline.map((e: { type: string }) => e.type)).not.toContain(
      'deadline_recalculated',
    );

    const told = await db.select().from(notifications).where(eq(notifications.kind, 'matter.deadline_recalculated'));
    expect(told.filter((n) => n.link === `/matters/${across.id}`).map((n) => n.userId)).toContain(org.users.liaisonA.id);
    expect(told.find((n) => n.link === `/matters/${across.id}`)?.body).toBe('2027 年节假日安排已载入，办理期限由 2027-02-17 调整为 2027-02-19');

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'calendar.official_year.put'));
    expect(audit).toMatchObject({ objectId: '2027', username: org.users.sysadmin.username, detail: { days: 22, previous: null } });

    const list = (await (await org.login('liaisonA')).get('/api/v1/calendar/official-years')).json();
    expect(list.items).toContainEqual({ year: 2026, origin: 'bundled', papers: [expect.stringContaining('gov.cn')], loadedBy: null, loadedAt: null });
    expect(list.items).toContainEqual(expect.objectContaining({ year: 2027, origin: 'loaded', loadedBy: org.users.sysadmin.id }));

    // Loading the same notice again moves nothing more; a bundled year still cannot be replaced.
    const again = await admin.put(url, notice2027());
    expect(again.json()).toMatchObject({ mattersMoved: 0 });
    expect((await stored(across.id)).version).toBe(afterAcross.version);
  });
});
