import { asc, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg, type OrgUserKey } from '../../../../test/support/factories';
import { auditLog, notificationChannels, outbox, settings } from '../../db/schema';

const ctx = await setupTestApp();
const hasChinese = /[\u4e00-\u9fa5]/;
const zero = '00000000-0000-4000-8000-000000000000';

const adminRoutes: [string, string, unknown?][] = [
  ['GET', '/api/v1/notification-channels'],
  ['POST', '/api/v1/notification-channels', { kind: 'webhook', name: '测试', url: 'http://127.0.0.1:9/x' }],
  ['PATCH', `/api/v1/notification-channels/${zero}`, { enabled: false, version: 1 }],
  ['DELETE', `/api/v1/notification-channels/${zero}`],
  ['POST', `/api/v1/notification-channels/${zero}/test`, {}],
  ['GET', '/api/v1/outbox'],
  ['GET', '/api/v1/settings/smtp'],
  ['PUT', '/api/v1/settings/smtp', { host: 'smtp.example.org', port: 25, secure: false, from: 'a@example.org', version: 0 }],
  ['GET', '/api/v1/settings/delivery'],
  ['PUT', '/api/v1/settings/delivery', { timeoutMs: 5000, maxAttempts: 5, version: 0 }],
];

/** Rows that any write through these routes would change. */
async function fingerprint(): Promise<string> {
  const count = async (t: typeof auditLog | typeof notificationChannels | typeof outbox) =>
    ((await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(t)) as [{ n: number }])[0].n;
  const [{ v }] = (await ctx.deps.db.select({ v: sql<number>`coalesce(sum(version), 0)::int` }).from(notificationChannels)) as [{ v: number }];
  const settingsRows = await ctx.deps.db.select({ key: settings.key, version: settings.version }).from(settings).orderBy(asc(settings.key));
  return JSON.stringify([await count(auditLog), await count(notificationChannels), await count(outbox), v, settingsRows]);
}

async function lastAudit(action: string) {
  const [row] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function expectInvalid(c: Client, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body: unknown) {
  const before = await fingerprint();
  const res = await c.request(method, url, body);
  expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  expect(res.json().error.message).toMatch(hasChinese);
  expect(await fingerprint()).toBe(before);
}

describe('who may manage channels, the outbox and mail settings', () => {
  it('only the system administrator; every other role gets 403', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const others: OrgUserKey[] = ['leader', 'supervisor', 'staff', 'secadmin', 'auditor', 'liaisonA', 'headA'];
    for (const key of others) {
      const c = await org.login(key);
      for (const [method, url, body] of adminRoutes) {
        const res = await c.request(method as 'GET', url, body);
        expect(res.statusCode, `${key} ${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    const admin = await org.login('sysadmin');
    for (const [method, url] of adminRoutes.filter(([m]) => m === 'GET')) {
      expect((await admin.request(method as 'GET', url)).statusCode, url).toBe(200);
    }
  });
});

describe('notification channels', () => {
  it('creates, lists and edits a channel without ever returning its secret, auditing each change', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const secret = 'SECvery-secret-value-123';
    const created = await admin.post('/api/v1/notification-channels', {
      kind: 'dingtalk',
      name: ' 督查工作群 ',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=tok123',
      secret,
    });
    expect(created.statusCode).toBe(201);
    const ch = created.json();
    expect(ch).toMatchObject({ kind: 'dingtalk', kindLabel: '钉钉群机器人', name: '督查工作群', hasSecret: true, enabled: true, version: 1 });
    expect(created.body).not.toContain(secret);
    expect(ch.secret).toBeUndefined();

    const list = await admin.get('/api/v1/notification-channels');
    expect(list.body).not.toContain(secret);
    expect(list.json().items.find((i: { id: string }) => i.id === ch.id)).toMatchObject({ hasSecret: true });

    const audit = await lastAudit('notify.channel.create');
    expect(audit).toMatchObject({ objectId: ch.id, result: 'success' });
    expect(JSON.stringify(audit!.detail)).not.toContain(secret);
    expect(JSON.stringify(audit!.detail)).not.toContain('tok123');

    const renamed = await admin.patch(`/api/v1/notification-channels/${ch.id}`, { name: '督查群', secret: null, version: 1 });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '督查群', hasSecret: false, version: 2 });
    expect((await lastAudit('notify.channel.update'))!.detail).toMatchObject({ name: '督查群', secret: 'cleared' });

    const stale = await admin.patch(`/api/v1/notification-channels/${ch.id}`, { enabled: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const [row] = await ctx.deps.db.select().from(notificationChannels).where(eq(notificationChannels.id, ch.id));
    expect(row).toMatchObject({ enabled: true, version: 2 });

    expect((await admin.patch(`/api/v1/notification-channels/${zero}`, { enabled: false, version: 1 })).statusCode).toBe(404);
  });

  it('deletes a channel never used, but only disables one that has messages', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const unused = (await admin.post('/api/v1/notification-channels', { kind: 'webhook', name: '未用', url: 'http://127.0.0.1:9/a' })).json();
    const del = await admin.delete(`/api/v1/notification-channels/${unused.id}`);
    expect(del.json()).toEqual({ deleted: true, channel: null });
    expect(await ctx.deps.db.select().from(notificationChannels).where(eq(notificationChannels.id, unused.id))).toEqual([]);
    expect(await lastAudit('notify.channel.delete')).toMatchObject({ objectId: unused.id });

    const used = (await admin.post('/api/v1/notification-channels', { kind: 'feishu', name: '已用', url: 'http://127.0.0.1:9/b', enabled: false })).json();
    const test = await admin.post(`/api/v1/notification-channels/${used.id}/test`);
    expect(test.statusCode).toBe(202);
    expect(await lastAudit('notify.channel.test')).toMatchObject({ objectId: used.id, detail: { outboxId: test.json().outboxId } });
    const kept = await admin.delete(`/api/v1/notification-channels/${used.id}`);
    expect(kept.json()).toMatchObject({ deleted: false, channel: { id: used.id, enabled: false } });
    expect((await admin.delete(`/api/v1/notification-channels/${zero}`)).statusCode).toBe(404);

    const queued = (await admin.get('/api/v1/outbox?status=pending&pageSize=100')).json();
    expect(queued.items.find((i: { id: string }) => i.id === test.json().outboxId)).toMatchObject({
      kind: 'feishu',
      status: 'pending',
      statusLabel: '待发送',
      test: true,
      event: 'channel.test',
      channel: { id: used.id, name: '已用' },
      attempts: 0,
      attemptsLog: [],
    });
  });

  it('refuses bad input with 400, a Chinese message and no write', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const ok = { kind: 'webhook', name: '对接', url: 'https://hooks.example.org/zs' };
    for (const body of [
      { ...ok, kind: 'slack' },
      { ...ok, name: '' },
      { ...ok, name: '   ' },
      { ...ok, name: '长'.repeat(51) },
      { ...ok, name: 42 },
      { ...ok, url: 'ftp://files.example.org/x' },
      { ...ok, url: 'javascript:alert(1)' },
      { ...ok, url: 'not a url' },
      { ...ok, url: 'http://' },
      { ...ok, url: `https://e.example/${'x'.repeat(1000)}` },
      { ...ok, secret: '' },
      { ...ok, secret: 's'.repeat(201) },
      { ...ok, enabled: 'yes' },
      { ...ok, admin: true },
      { kind: 'wecom', name: '企微', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1', secret: 'x' },
      [],
    ]) {
      await expectInvalid(admin, 'POST', '/api/v1/notification-channels', body);
    }
    const ch = (await admin.post('/api/v1/notification-channels', { kind: 'wecom', name: '企微', url: 'http://127.0.0.1:9/w' })).json();
    for (const body of [{}, { version: '1' }, { version: 1, url: 'file:///etc/passwd' }, { version: 1, extra: 1 }, { version: 1, name: null }]) {
      await expectInvalid(admin, 'PATCH', `/api/v1/notification-channels/${ch.id}`, body);
    }
    // WeCom has no signing: a secret is refused on edit too.
    await expectInvalid(admin, 'PATCH', `/api/v1/notification-channels/${ch.id}`, { secret: 'abc', version: 1 });
    for (const id of ['abc', '123', `${zero}x`]) {
      await expectInvalid(admin, 'PATCH', `/api/v1/notification-channels/${id}`, { enabled: false, version: 1 });
      await expectInvalid(admin, 'DELETE', `/api/v1/notification-channels/${id}`, undefined);
      await expectInvalid(admin, 'POST', `/api/v1/notification-channels/${id}/test`, {});
    }
    for (const url of ['/api/v1/outbox?status=lost', '/api/v1/outbox?page=-1', '/api/v1/outbox?pageSize=101']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
    }
  });
});

describe('mail (SMTP) and delivery settings', () => {
  it('stores the SMTP password but never returns it; absent keeps it, null clears it', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const initial = (await admin.get('/api/v1/settings/smtp')).json();
    const password = 'Smtp-Pa55word!';
    const put = await admin.put('/api/v1/settings/smtp', {
      host: 'smtp.example.gov.cn',
      port: 465,
      secure: true,
      user: 'zs@example.gov.cn',
      password,
      from: '中枢平台 <zs@example.gov.cn>',
      version: initial.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.body).not.toContain(password);
    expect(put.json()).toMatchObject({ enabled: true, host: 'smtp.example.gov.cn', hasPassword: true, version: initial.version + 1 });
    const got = await admin.get('/api/v1/settings/smtp');
    expect(got.body).not.toContain(password);
    expect(got.json()).toMatchObject({ user: 'zs@example.gov.cn', from: '中枢平台 <zs@example.gov.cn>', hasPassword: true });
    const audit = await lastAudit('notify.smtp.update');
    expect(JSON.stringify(audit!.detail)).not.toContain(password);
    expect(audit!.detail).toMatchObject({ password: 'set' });

    const v = got.json().version;
    const kept = await admin.put('/api/v1/settings/smtp', { host: 'smtp2.example.gov.cn', port: 25, secure: false, from: 'zs@example.gov.cn', version: v });
    expect(kept.json()).toMatchObject({ host: 'smtp2.example.gov.cn', hasPassword: true, user: null });
    const stale = await admin.put('/api/v1/settings/smtp', { host: 'x.example', port: 25, secure: false, from: 'a@b.c', version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const cleared = await admin.put('/api/v1/settings/smtp', {
      enabled: false,
      host: '',
      port: 25,
      secure: false,
      from: '',
      password: null,
      version: v + 1,
    });
    expect(cleared.json()).toMatchObject({ enabled: false, hasPassword: false });
  });

  it('refuses bad SMTP and delivery settings without writing', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const ok = { host: 'smtp.example.org', port: 25, secure: false, from: 'a@example.org', version: 0 };
    for (const body of [
      {},
      { ...ok, port: 0 },
      { ...ok, port: 70000 },
      { ...ok, port: '25' },
      { ...ok, host: '' },
      { ...ok, host: 'smtp example' },
      { ...ok, host: 'h'.repeat(256) },
      { ...ok, from: 'not-an-address' },
      { ...ok, from: 'a@example.org\r\nBcc: x@evil.example' },
      { ...ok, password: 'p'.repeat(257) },
      { ...ok, secure: 'true' },
      { ...ok, version: -1 },
      { ...ok, tls: true },
    ]) {
      await expectInvalid(admin, 'PUT', '/api/v1/settings/smtp', body);
    }
    const good = { timeoutMs: 5000, maxAttempts: 5, version: 0 };
    for (const body of [
      { ...good, timeoutMs: 10 },
      { ...good, timeoutMs: 600_000 },
      { ...good, maxAttempts: 0 },
      { ...good, maxAttempts: 21 },
      { ...good, publicUrl: 'zs.example.gov.cn' },
      { ...good, extra: true },
    ]) {
      await expectInvalid(admin, 'PUT', '/api/v1/settings/delivery', body);
    }
  });

  it('edits delivery settings with optimistic concurrency', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const cur = (await admin.get('/api/v1/settings/delivery')).json();
    expect(cur).toMatchObject({ timeoutMs: 10_000, maxAttempts: 8, publicUrl: null });
    const put = await admin.put('/api/v1/settings/delivery', { timeoutMs: 5000, maxAttempts: 5, publicUrl: 'https://zs.example.gov.cn', version: cur.version });
    expect(put.json()).toEqual({ timeoutMs: 5000, maxAttempts: 5, publicUrl: 'https://zs.example.gov.cn', version: cur.version + 1 });
    expect((await admin.put('/api/v1/settings/delivery', { timeoutMs: 1000, maxAttempts: 3, version: cur.version })).statusCode).toBe(409);
    expect(await lastAudit('notify.delivery.update')).toMatchObject({ detail: { timeoutMs: 5000, maxAttempts: 5 } });
  });
});
