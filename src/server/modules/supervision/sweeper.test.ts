import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { advisoryGuard } from '../../jobs/lock';
import { sweepMatters } from './sweeper';

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
});
