import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg, type TestOrg } from '../../../../test/support/factories';
import { notifications } from '../../db/schema';
import { notify } from './notify';

const ctx = await setupTestApp();

async function send(org: TestOrg, key: keyof TestOrg['users'], title: string) {
  const r = await ctx.deps.db.transaction((tx) =>
    notify(tx, ctx.deps, { userIds: [org.users[key].id], kind: 'matter.reminder', title, body: `正文：${title}`, link: '/matters/1' }),
  );
  ctx.clock.advance(1000);
  return r.notificationIds[0]!;
}

describe('in-app notifications', () => {
  it('lists only the caller’s own, newest first, with totals and the unread count', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await send(org, 'headA', '第一条');
    await send(org, 'headA', '第二条');
    await send(org, 'headA', '第三条');
    await send(org, 'headB', '别人的');
    const a = await org.login('headA');
    const res = await a.get('/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.items.map((i: { title: string }) => i.title)).toEqual(['第三条', '第二条', '第一条']);
    expect(Object.keys(page.items[0]).sort()).toEqual(['body', 'createdAt', 'id', 'kind', 'link', 'readAt', 'title']);
    expect(page.items[0]).toMatchObject({ kind: 'matter.reminder', body: '正文：第三条', link: '/matters/1', readAt: null });

    const paged = (await a.get('/api/v1/notifications?page=2&pageSize=2')).json();
    expect(paged.items.map((i: { title: string }) => i.title)).toEqual(['第一条']);
    expect(paged.total).toBe(3);
    expect((await a.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 3 });
  });

  it('marks one read (keeping the first read time) and filters by unread', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const first = await send(org, 'liaisonA', '甲');
    await send(org, 'liaisonA', '乙');
    const c = await org.login('liaisonA');
    const read = await c.post(`/api/v1/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: first, readAt: ctx.clock.now().toISOString() });
    const readAt = read.json().readAt;
    ctx.clock.advance(60_000);
    expect((await c.post(`/api/v1/notifications/${first}/read`)).json().readAt).toBe(readAt);

    const unread = (await c.get('/api/v1/notifications?unread=true')).json();
    expect(unread.items.map((i: { title: string }) => i.title)).toEqual(['乙']);
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    const done = (await c.get('/api/v1/notifications?unread=false')).json();
    expect(done.items.map((i: { title: string }) => i.title)).toEqual(['甲']);
    expect((await c.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('read-all marks only the caller’s own', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await send(org, 'headA', '一');
    await send(org, 'headA', '二');
    const others = await send(org, 'headB', '三');
    const a = await org.login('headA');
    const res = await a.post('/api/v1/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    expect((await a.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await a.post('/api/v1/notifications/read-all')).json()).toEqual({ count: 0 });
    const [row] = await ctx.deps.db.select().from(notifications).where(eq(notifications.id, others));
    expect(row!.readAt).toBeNull();
  });

  it('another user’s notification is 404 to read and stays unread', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const bs = await send(org, 'headB', '乙的通知');
    const a = await org.login('headA');
    const res = await a.post(`/api/v1/notifications/${bs}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/通知/) });
    const [row] = await ctx.deps.db.select().from(notifications).where(eq(notifications.id, bs));
    expect(row!.readAt).toBeNull();
    // A sysadmin has no special view of other people's notifications either.
    const admin = await org.login('sysadmin');
    expect((await admin.post(`/api/v1/notifications/${bs}/read`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/notifications')).json().items).toEqual([]);
  });

  it('rejects bad ids and query strings with 400 and a Chinese message', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    for (const url of [
      '/api/v1/notifications?unread=maybe',
      '/api/v1/notifications?page=0',
      '/api/v1/notifications?page=abc',
      '/api/v1/notifications?pageSize=1000',
      '/api/v1/notifications?pageSize=1.5',
    ]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const id of ['not-a-uuid', '1', "1'%20OR%201=1"]) {
      const res = await c.post(`/api/v1/notifications/${id}/read`);
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('requires signing in', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['POST', '/api/v1/notifications/read-all'],
    ] as const) {
      const res = await ctx.app.inject({ method, url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});
