import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { advisoryGuard } from '../../jobs/lock';
import { eq } from 'drizzle-orm';
import { sweepMatters } from './sweeper';
import { matters } from './tables';

const ctx = await setupTestApp();
const sweepNow = () => sweepMatters(ctx.deps, advisoryGuard(ctx.deps.db, 'sweep-matters'));

describe('supervision sweeper', () => {
  it('reminds at yellow, at red, escalates after 3 red working days — each once — and notifies the unit', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const created = await sup.post('/api/v1/matters', {
      title: `自动催办测试${org.tag}`,
      source: 'instruction',
      leadUnitId: org.deptAId,
      instructingLeaderId: org.users.leader.id,
      deadline: { kind: 'date', date: '2026-03-20' },
      assign: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const events = async () => (await (await org.login('supervisor')).get(`/api/v1/matters/${id}`)).json().timeline.map((e: { type: string; payload: { trigger?: string } }) => `${e.type}${e.payload.trigger ? `:${e.payload.trigger}` : ''}`);

    ctx.clock.set('2026-03-10T09:00:00+08:00');
    await sweepNow();
    expect(await events()).toEqual(['opened', 'assigned']);

    ctx.clock.set('2026-03-17T09:00:00+08:00');
    await sweepNow();
    await sweepNow();
    expect(await events()).toEqual(['opened', 'assigned', 'reminded:yellow']);
    const liaison = await org.login('liaisonA');
    const inbox = (await liaison.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(inbox.some((t: string) => t.includes('催办') && t.includes(`自动催办测试${org.tag}`))).toBe(true);

    ctx.clock.set('2026-03-23T09:00:00+08:00');
    await sweepNow();
    expect((await events()).slice(3)).toEqual(['reminded:red']);

    ctx.clock.set('2026-03-25T09:00:00+08:00');
    await sweepNow();
    await sweepNow();
    expect((await events()).slice(3)).toEqual(['reminded:red', 'escalated']);
    const leader = await org.login('leader');
    const leaderInbox = (await leader.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(leaderInbox.some((t: string) => t.includes(`自动催办测试${org.tag}`))).toBe(true);
  });

  it('reads only the matters whose due day has come; an old row is read once; a calendar change moves the day', async () => {
    ctx.clock.set('2026-04-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const created = await sup.post('/api/v1/matters', {
      title: `到期日测试${org.tag}`,
      source: 'other',
      leadUnitId: org.deptAId,
      deadline: { kind: 'date', date: '2026-04-30' },
      assign: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const stored = async () => (await ctx.deps.db.select({ due: matters.sweepDue, yellow: matters.yellowFrom }).from(matters).where(eq(matters.id, id)))[0]!;
    // At most 3 working days left before Thursday 04-30 from Monday 04-27.
    expect(await stored()).toEqual({ due: '2026-04-27', yellow: '2026-04-27' });
    await sweepNow();
    expect((await sweepNow()).checked).toBe(0);

    // A row written before the column existed (the migration marks it long due) is read once and given its real day.
    await ctx.deps.db.update(matters).set({ sweepDue: '2000-01-01' }).where(eq(matters.id, id));
    expect(await sweepNow()).toEqual({ checked: 1, actions: 0 });
    expect((await stored()).due).toBe('2026-04-27');
    expect((await sweepNow()).checked).toBe(0);

    // A local holiday on Tuesday 04-28 leaves only 3 working days from Friday 04-24: the stored day moves with the calendar.
    const admin = await org.login('sysadmin');
    const put = await admin.put('/api/v1/calendar/overrides/2026-04-28', { kind: 'holiday', note: '本地放假' });
    expect(put.statusCode, put.body).toBe(200);
    try {
      expect(await stored()).toEqual({ due: '2026-04-24', yellow: '2026-04-24' });
      ctx.clock.set('2026-04-24T09:00:00+08:00');
      expect(await sweepNow()).toMatchObject({ actions: 1 });
    } finally {
      const again = await org.login('sysadmin'); // the clock moved: a fresh session
      expect((await again.delete('/api/v1/calendar/overrides/2026-04-28')).statusCode).toBe(200);
    }
  });
});
