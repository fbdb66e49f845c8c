import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { createMatter } from '../../../../test/support/matters';

// One database for this file; the only override it writes is in 2032, which no other case reads.
const ctx = await setupTestApp();
const chinese = /[\u4e00-\u9fff]/;
const preview = '/api/v1/calendar/deadline-preview';
const note2027 = '2027 年国务院节假日安排尚未发布：已按《全国年节及纪念日放假办法》推算法定假日，调休未计入，期限可能变动';

describe('GET /api/v1/calendar/deadline-preview', () => {
  it('counts from today by the server clock, across 国庆节', async () => {
    ctx.clock.set('2026-09-29T10:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const res = await (await org.login('supervisor')).get(`${preview}?workingDays=3`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      from: '2026-09-29',
      deadline: '2026-10-09',
      weekday: '周五',
      workingDays: 3,
      calendarDays: 10,
      provisional: false,
      provisionalYears: [],
      provisionalNote: null,
    });
    expect(body.holidaysCrossed).toHaveLength(7);
    expect(body.holidaysCrossed[0]).toEqual({ date: '2026-10-01', working: false, kind: 'holiday', kindLabel: '节假日', name: '国庆节', source: 'official' });
  });

  it('says when the span reaches a year whose holidays are not yet announced', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const res = await (await org.login('liaisonA')).get(`${preview}?workingDays=22&from=2026-12-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-12-02', workingDays: 22, provisional: true, provisionalYears: [2027], provisionalNote: note2027 });
    // 元旦 counts as a day off by the statutory rule even before the notice is out: not due on 2027-01-01.
    expect(res.json()).toMatchObject({ deadline: '2027-01-04', weekday: '周一', calendarDays: 33 });
    expect(res.json().holidaysCrossed).toEqual([expect.objectContaining({ date: '2027-01-01', kind: 'holiday', source: 'provisional' })]);
    const byDate = await (await org.login('staff')).get(`${preview}?date=2027-03-01&from=2026-12-03`);
    expect(byDate.json()).toMatchObject({ deadline: '2027-03-01', weekday: '周一', provisional: true, provisionalNote: note2027 });
  });

  it('is the deadline 立项并交办 then stores', async () => {
    ctx.clock.set('2026-12-02T09:30:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const supervisor = await org.login('supervisor');
    for (const days of [3, 22, 40]) {
      const shown = (await supervisor.get(`${preview}?workingDays=${days}`)).json();
      const m = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days } });
      expect(m.deadline).toBe(shown.deadline);
    }
  });

  it('marks a matter whose deadline lies in a provisional year, in the detail and the ledger', async () => {
    ctx.clock.set('2026-12-02T09:30:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const supervisor = await org.login('supervisor');
    const near = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days: 3 } });
    const far = await createMatter(supervisor, org, { deadline: { kind: 'working_days', days: 22 } });
    expect(near).toMatchObject({ deadlineProvisional: false, deadlineProvisionalNote: null });
    expect(far).toMatchObject({ deadlineProvisional: true, deadlineProvisionalNote: note2027 });
    const ledger = (await (await org.login('liaisonA')).get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}&pageSize=50`)).json();
    const row = (id: string) => ledger.items.find((m: { id: string }) => m.id === id);
    expect(row(near.id)).toMatchObject({ deadlineProvisional: false, deadlineProvisionalNote: null });
    expect(row(far.id)).toMatchObject({ deadlineProvisional: true, deadlineProvisionalNote: note2027 });
  });

  it('follows the local overrides in the database', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const user = await org.login('headA');
    const before = (await user.get(`${preview}?workingDays=1&from=2032-06-08`)).json();
    expect(before).toMatchObject({ deadline: '2032-06-09', holidaysCrossed: [] });
    const put = await (await org.login('sysadmin')).put('/api/v1/calendar/overrides/2032-06-09', { kind: 'holiday', note: '县庆放假' });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await user.get(`${preview}?workingDays=1&from=2032-06-08`)).json();
    expect(after).toMatchObject({ deadline: '2032-06-10', weekday: '周四', calendarDays: 2 });
    expect(after.holidaysCrossed).toEqual([
      { date: '2032-06-09', working: false, kind: 'holiday', kindLabel: '节假日', name: '县庆放假', source: 'override' },
    ]);
  });

  it('refuses a date already past as 交办 would', async () => {
    ctx.clock.set('2026-12-03T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const res = await (await org.login('supervisor')).get(`${preview}?date=2026-12-02`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '完成时限（2026-12-02）不能早于今天（2026-12-03）' });
  });

  it('answers bad input with 400 and a Chinese message', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('supervisor');
    for (const q of [
      '',
      'workingDays=abc',
      'workingDays=1.5',
      'workingDays=-1',
      'workingDays=2e1',
      'workingDays=0',
      'workingDays=251',
      'workingDays=99999999',
      'workingDays=3&date=2027-01-05',
      'date=2027-02-30',
      'date=20270105',
      'workingDays=3&from=2026-13-01',
      'workingDays=3&extra=1',
    ]) {
      const res = await c.get(`${preview}?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(res.json().error.code, q).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, q).toMatch(chinese);
    }
  });

  it('is for business accounts only', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    expect((await (await org.login('auditor')).get(`${preview}?workingDays=3`)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `${preview}?workingDays=3` })).statusCode).toBe(401);
  });
});
