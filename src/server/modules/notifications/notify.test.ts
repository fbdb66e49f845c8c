import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { notifications, outbox, units, users } from '../../db/schema';
import { notify } from './notify';
import { saveSmtpSettings, getSmtpSettings, defaultSmtp } from './settings';
import { addChannel, attemptsOf, disableAllChannels, outboxRowOf, runDelivery, setDelivery } from './testing/fixtures';
import { closedPortUrl, startEndpoint } from './testing/endpoint';

const ctx = await setupTestApp();

async function setSmtp(enabled: boolean) {
  const cur = await getSmtpSettings(ctx.deps.db);
  const value = { ...defaultSmtp, enabled, host: '127.0.0.1', port: 2525, secure: false, from: 'zs@example.gov.cn' };
  await ctx.deps.db.transaction((tx) => saveSmtpSettings(tx, ctx.deps.clock, null, value, cur.version));
}

afterEach(async () => {
  await disableAllChannels(ctx.deps);
  await setSmtp(false);
});

class Rollback extends Error {}

describe('notify()', () => {
  it('writes in-app rows, one message per channel naming the recipients, and one e-mail per addressed recipient', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db.update(users).set({ email: `heada.${org.tag}@example.gov.cn` }).where(eq(users.id, org.users.headA.id));
    await ctx.deps.db.update(users).set({ active: false }).where(eq(users.id, org.users.headB.id));
    const a = await addChannel(ctx.deps, { kind: 'dingtalk', name: '群一', url: 'http://127.0.0.1:9/robot/send?access_token=1' });
    const b = await addChannel(ctx.deps, { kind: 'wecom', name: '群二', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=2' });
    await addChannel(ctx.deps, { kind: 'feishu', name: '停用群', url: 'http://127.0.0.1:9/feishu', enabled: false });
    await setSmtp(true);

    const u = org.users;
    const r = await ctx.deps.db.transaction((tx) =>
      notify(tx, ctx.deps, {
        // duplicates, an inactive user and an unknown id are all tolerated
        userIds: [u.headA.id, u.liaisonA.id, u.headA.id, u.headB.id, '00000000-0000-4000-8000-000000000001'],
        kind: 'matter.assigned',
        title: '交办：防汛检查',
        body: '请于三日内反馈。',
        link: '/matters/7',
      }),
    );
    expect(r.notificationIds).toHaveLength(2);
    const inApp = await ctx.deps.db.select().from(notifications).where(inArray(notifications.id, r.notificationIds));
    expect(inApp.map((n) => n.userId).sort()).toEqual([u.headA.id, u.liaisonA.id].sort());
    expect(inApp[0]).toMatchObject({ kind: 'matter.assigned', title: '交办：防汛检查', link: '/matters/7', readAt: null });

    const queued = await ctx.deps.db.select().from(outbox).where(inArray(outbox.id, r.outboxIds));
    expect(queued).toHaveLength(3);
    const byChannel = queued.filter((q) => q.channelId);
    expect(byChannel.map((q) => q.channelId).sort()).toEqual([a.id, b.id].sort());
    for (const q of byChannel) {
      expect(q).toMatchObject({ status: 'pending', attempts: 0 });
      expect((q.payload.recipients as string[]).sort()).toEqual([`headA${org.tag}`, `liaisonA${org.tag}`].sort());
    }
    const mail = queued.filter((q) => q.kind === 'email');
    expect(mail).toEqual([expect.objectContaining({ target: `heada.${org.tag}@example.gov.cn`, channelId: null })]);
  });

  it('a personal notice goes in-app and to the recipient’s e-mail, never to the group robots', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db.update(users).set({ email: `own.${org.tag}@example.gov.cn` }).where(eq(users.id, org.users.staff.id));
    await addChannel(ctx.deps, { kind: 'dingtalk', name: '群一', url: 'http://127.0.0.1:9/robot/send?access_token=1' });
    await setSmtp(true);
    const r = await ctx.deps.db.transaction((tx) =>
      notify(tx, ctx.deps, { userIds: [org.users.staff.id], kind: 'auth.locked', title: '账号已锁定', body: '……', personal: true }),
    );
    expect(r.notificationIds).toHaveLength(1);
    const queued = await ctx.deps.db.select().from(outbox).where(inArray(outbox.id, r.outboxIds));
    expect(queued.map((q) => [q.kind, q.target])).toEqual([['email', `own.${org.tag}@example.gov.cn`]]);
  });

  it('queues no e-mail while SMTP is off, and nothing at all for nobody', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db.update(users).set({ email: `x.${org.tag}@example.gov.cn` }).where(eq(users.id, org.users.staff.id));
    const r = await ctx.deps.db.transaction((tx) => notify(tx, ctx.deps, { userIds: [org.users.staff.id], kind: 'k', title: 't', body: '' }));
    expect(r.notificationIds).toHaveLength(1);
    expect(r.outboxIds).toHaveLength(0);
    const none = await ctx.deps.db.transaction((tx) => notify(tx, ctx.deps, { userIds: [], kind: 'k', title: 't', body: '' }));
    expect(none).toEqual({ notificationIds: [], outboxIds: [] });
  });

  it('clips over-long text rather than failing the business change', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const r = await ctx.deps.db.transaction((tx) =>
      notify(tx, ctx.deps, { userIds: [org.users.staff.id], kind: 'k'.repeat(100), title: '督'.repeat(500), body: '办'.repeat(10_000) }),
    );
    const [n] = await ctx.deps.db.select().from(notifications).where(eq(notifications.id, r.notificationIds[0]!));
    expect(n!.title.length).toBe(200);
    expect(n!.body.length).toBe(4000);
    expect(n!.kind.length).toBe(64);
  });

  it('leaves no rows when the business transaction rolls back', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db.update(users).set({ email: `r.${org.tag}@example.gov.cn` }).where(eq(users.id, org.users.headA.id));
    await addChannel(ctx.deps, { kind: 'webhook', name: '回滚测试', url: 'http://127.0.0.1:9/x' });
    await setSmtp(true);
    const title = `回滚${org.tag}`;
    await expect(
      ctx.deps.db.transaction(async (tx) => {
        await tx.update(units).set({ name: `改名${org.tag}` }).where(eq(units.id, org.deptAId));
        const r = await notify(tx, ctx.deps, { userIds: [org.users.headA.id], kind: 'k', title, body: '' });
        expect(r.outboxIds).toHaveLength(2);
        throw new Rollback('business rule broken');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const [{ n }] = (await ctx.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, org.users.headA.id), eq(notifications.title, title)))) as [{ n: number }];
    expect(n).toBe(0);
    const [{ m }] = (await ctx.deps.db
      .select({ m: sql<number>`count(*)::int` })
      .from(outbox)
      .where(sql`${outbox.payload}->>'title' = ${title}`)) as [{ m: number }];
    expect(m).toBe(0);
    const [unit] = await ctx.deps.db.select().from(units).where(eq(units.id, org.deptAId));
    expect(unit!.name).toBe(`部门甲${org.tag}`);
  });

  it('a dead or hanging endpoint neither blocks nor rolls back the business write', async () => {
    await setDelivery(ctx.deps, { timeoutMs: 300 });
    const hanging = await startEndpoint(['hang']);
    try {
      const dead = await addChannel(ctx.deps, { kind: 'webhook', name: '无人监听', url: await closedPortUrl() });
      await addChannel(ctx.deps, { kind: 'webhook', name: '不回应', url: hanging.url });
      const org = await createOrg(ctx.app, ctx.deps);
      const r = await ctx.deps.db.transaction(async (tx) => {
        await tx.update(units).set({ shortName: '甲' }).where(eq(units.id, org.deptAId));
        return notify(tx, ctx.deps, { userIds: [org.users.headA.id], kind: 'k', title: '业务照常', body: '' });
      });
      // Committed, and nothing was sent inside the transaction.
      const [unit] = await ctx.deps.db.select().from(units).where(eq(units.id, org.deptAId));
      expect(unit!.shortName).toBe('甲');
      expect(hanging.received).toHaveLength(0);

      await runDelivery(ctx.deps);
      const rows = await Promise.all(r.outboxIds.map((id) => outboxRowOf(ctx.deps, id)));
      for (const row of rows) expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      const deadRow = rows.find((row) => row.channelId === dead.id)!;
      expect(deadRow.lastError).toMatch(/连接失败/);
      expect((await attemptsOf(ctx.deps, deadRow.id))[0]).toMatchObject({ ok: false, statusCode: null });
      expect(hanging.received).toHaveLength(1);
      const [again] = await ctx.deps.db.select().from(units).where(eq(units.id, org.deptAId));
      expect(again!.shortName).toBe('甲');
    } finally {
      await hanging.close();
      await setDelivery(ctx.deps, { timeoutMs: 10_000 });
    }
  });
});
