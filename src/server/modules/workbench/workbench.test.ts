import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { users } from '../../db/schema';
import { notify } from '../notifications/notify';

const ctx = await setupTestApp();
type Item = { key: string; count: number; link: string };
const items = async (c: { get(u: string): Promise<{ json(): { items: Item[] } }> }) => (await c.get('/api/v1/workbench')).json().items;

describe('workbench', () => {
  it('shows unread notifications with their count, and drops the line once read', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db.transaction((tx) =>
      notify(tx, ctx.deps, { userIds: [org.users.liaisonA.id], kind: 'test', title: '请于本周五前反馈', body: '' }),
    );
    await ctx.deps.db.transaction((tx) =>
      notify(tx, ctx.deps, { userIds: [org.users.liaisonA.id], kind: 'test', title: '催办', body: '' }),
    );
    const c = await org.login('liaisonA');
    expect((await items(c)).find((i) => i.key === 'notifications.unread')).toMatchObject({ count: 2, link: '/notifications' });
    expect((await items(await org.login('liaisonB'))).find((i) => i.key === 'notifications.unread')).toBeUndefined();
    await c.post('/api/v1/notifications/read-all');
    expect((await items(c)).find((i) => i.key === 'notifications.unread')).toBeUndefined();
  });

  it('tells the security admin how many accounts are locked', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    for (let i = 0; i < 5; i++) {
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: org.users.headB.username, password: 'Wrong#123' } });
    }
    const sec = await org.login('secadmin');
    expect((await items(sec)).find((i) => i.key === 'users.locked')!.count).toBeGreaterThanOrEqual(1);
    expect((await items(await org.login('supervisor'))).find((i) => i.key === 'users.locked')).toBeUndefined();
  });

  it('reminds a user whose password expires within 14 days', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db
      .update(users)
      .set({ passwordChangedAt: new Date(ctx.clock.now().getTime() - 80 * 86_400_000) })
      .where(eq(users.id, org.users.staff.id));
    const c = await org.login('staff');
    expect((await items(c)).find((i) => i.key === 'auth.password-expiry')).toMatchObject({ count: 10, link: '/password' });
  });
});
