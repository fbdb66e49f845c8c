import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestApp, loginAs } from '../../../../test/support/app';
import { createOrg, TEST_PASSWORD } from '../../../../test/support/factories';
import { auditLog, notifications, users } from '../../db/schema';
import { LOGIN_REFUSED } from './service';

const ctx = await setupTestApp();
const login = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

/** The answer as the caller sees it, less the request id that differs on every request. */
const answerOf = (r: Awaited<ReturnType<typeof login>>) => {
  const body = r.json();
  delete body.error.requestId;
  return { status: r.statusCode, body: JSON.stringify(body) };
};

describe('lockout', () => {
  it('locks after 5 failures for 30 minutes, audits each failure, tells the owner, then lets the right password in', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const name = org.users.staff.username;
    for (let i = 1; i <= 5; i++) {
      const r = await login(name, 'Wrong#Pass1');
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatchObject({ code: 'BAD_CREDENTIALS', message: LOGIN_REFUSED });
    }
    const [row] = await ctx.deps.db.select().from(users).where(eq(users.id, org.users.staff.id));
    expect(row!.lockedUntil?.getTime()).toBe(ctx.clock.now().getTime() + 30 * 60_000);
    const locked = await login(name, TEST_PASSWORD);
    expect(locked.statusCode, 'the right password is refused while locked').toBe(401);
    expect(locked.json().error.message).toBe(LOGIN_REFUSED);
    const audited = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.username, name));
    expect(audited.filter((a) => a.result === 'failure').map((a) => (a.detail as { reason: string }).reason)).toEqual([
      'bad_password',
      'bad_password',
      'bad_password',
      'bad_password',
      'bad_password_locked',
      'locked',
    ]);

    // The owner, not the caller, hears of the lock: one notice, on their own channels only.
    const notices = await ctx.deps.db.select().from(notifications).where(eq(notifications.userId, org.users.staff.id));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'auth.locked', title: '您的账号因连续登录失败已被锁定', link: '/password' });
    expect(notices[0]!.body).toContain('连续 5 次密码错误');
    expect(notices[0]!.body).toMatch(/已锁定至 \d{2}:\d{2}/);

    ctx.clock.advance(31 * 60_000);
    const c = await loginAs(ctx.app, name, TEST_PASSWORD);
    const inbox = (await c.get('/api/v1/notifications')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('auth.locked');
  });

  it('an unknown name, a wrong password, a locked and a disabled account answer byte for byte the same, before and past the lock', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const real = org.users.liaisonB.username;
    const ghost = `nobody_${org.tag}`;
    for (let i = 1; i <= 7; i++) {
      const known = answerOf(await login(real, 'Wrong#Pass1'));
      const unknown = answerOf(await login(ghost, 'Wrong#Pass1'));
      expect(known, `attempt ${i}`).toEqual(unknown);
      expect(known.status).toBe(401);
    }
    const rightButLocked = answerOf(await login(real, TEST_PASSWORD));
    expect(rightButLocked).toEqual(answerOf(await login(ghost, TEST_PASSWORD)));

    await ctx.deps.db.update(users).set({ active: false }).where(eq(users.id, org.users.headB.id));
    expect(answerOf(await login(org.users.headB.username, TEST_PASSWORD))).toEqual(answerOf(await login(ghost, TEST_PASSWORD)));
    // Nobody was notified of an unknown name; the real account's owner was, once.
    const notices = await ctx.deps.db.select().from(notifications).where(eq(notifications.userId, org.users.liaisonB.id));
    expect(notices.map((n) => n.kind)).toEqual(['auth.locked']);
  });

  it('secadmin can unlock an account early', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const name = org.users.headA.username;
    for (let i = 0; i < 5; i++) await login(name, 'Wrong#Pass1');
    expect((await login(name, TEST_PASSWORD)).statusCode).toBe(401);
    const sec = await org.login('secadmin');
    const u = (await sec.get(`/api/v1/users/${org.users.headA.id}`)).json();
    expect(u.lockedUntil).not.toBeNull();
    expect((await sec.post(`/api/v1/users/${u.id}/unlock`, { version: u.version })).statusCode).toBe(200);
    expect((await login(name, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('password policy and forced change', () => {
  it('a reset forces a change before anything else, and the policy is enforced', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const target = (await admin.get(`/api/v1/users/${org.users.liaisonA.id}`)).json();
    const reset = await admin.post(`/api/v1/users/${target.id}/reset-password`, { version: target.version });
    expect(reset.statusCode).toBe(200);
    const otp = reset.json().oneTimePassword as string;
    const c = await loginAs(ctx.app, org.users.liaisonA.username, otp);
    expect((await c.get('/api/v1/me')).json().mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    for (const weak of ['short1A', 'alllowercase1', 'NoDigitsHere', `${org.users.liaisonA.username}A1!`]) {
      const r = await c.post('/api/v1/auth/password', { currentPassword: otp, newPassword: weak });
      expect(r.statusCode, weak).toBe(422);
      expect(r.json().error.code).toBe('PASSWORD_POLICY');
    }
    const same = await c.post('/api/v1/auth/password', { currentPassword: otp, newPassword: otp });
    expect(same.json().error.message).toMatch(/最近 5 次/);
    expect((await c.post('/api/v1/auth/password', { currentPassword: otp, newPassword: 'Good#Pass2026' })).statusCode).toBe(200);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
  });

  it('refuses any of the last 5 passwords', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    const seq = ['Aa#11111', 'Aa#22222', 'Aa#33333', 'Aa#44444', 'Aa#55555'];
    let current = TEST_PASSWORD;
    for (const pw of seq) {
      expect((await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: pw })).statusCode).toBe(200);
      current = pw;
    }
    for (const old of seq) {
      const r = await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: old });
      expect(r.statusCode, old).toBe(422);
    }
    expect((await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: 'Aa#66666' })).statusCode).toBe(200);
    // Aa#11111 is now the sixth most recent, so it may be used again.
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Aa#66666', newPassword: 'Aa#11111' })).statusCode).toBe(200);
  });

  it('a password older than 90 days must be changed at login', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await ctx.deps.db
      .update(users)
      .set({ passwordChangedAt: new Date(ctx.clock.now().getTime() - 91 * 86_400_000) })
      .where(eq(users.id, org.users.leader.id));
    const r = await login(org.users.leader.username, TEST_PASSWORD);
    expect(r.json().mustChangePassword).toBe(true);
  });

  it('a wrong current password is refused without signing the user out', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    const r = await c.post('/api/v1/auth/password', { currentPassword: 'Nope#1234', newPassword: 'Good#Pass2026' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends after 30 idle minutes but not while in use', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('supervisor');
    ctx.clock.advance(20 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    ctx.clock.advance(20 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode, 'activity keeps it alive').toBe(200);
    ctx.clock.advance(31 * 60_000);
    const r = await c.get('/api/v1/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('logout ends the session', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const r = await login(org.users.staff.username, TEST_PASSWORD);
    const cookie = r.cookies.find((c) => c.name === 'zs_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, or with a wrong one, and changes nothing', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('staff');
    for (const token of [undefined, 'forged-token-value-that-is-wrong-abcdefghijk']) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: { cookie: c.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        payload: { name: 'x', scope: 'read' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('CSRF_FAILED');
    }
    expect((await c.get('/api/v1/me/tokens')).json().items).toHaveLength(0);
    expect((await c.post('/api/v1/me/tokens', { name: 'x', scope: 'read' })).statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('a read token reads but cannot write; a write token acts within the user’s rights only; revoked tokens stop working', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('liaisonA');
    const read = (await c.post('/api/v1/me/tokens', { name: '只读对接', scope: 'read' })).json();
    const write = (await c.post('/api/v1/me/tokens', { name: '读写对接', scope: 'write', expiresInDays: 30 })).json();
    expect(read.token).toMatch(/^zst_/);
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

    const units = await ctx.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(read.token) });
    expect(units.statusCode).toBe(200);
    expect(units.json().items.map((u: { id: string }) => u.id)).toEqual([org.deptAId]);
    const denied = await ctx.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: bearer(read.token) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('TOKEN_SCOPE');

    const ok = await ctx.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: bearer(write.token) });
    expect(ok.statusCode).not.toBe(403);
    const admin = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(write.token) });
    expect(admin.statusCode, 'never beyond the user’s own rights').toBe(403);
    const other = await ctx.app.inject({ method: 'GET', url: `/api/v1/units/${org.deptBId}`, headers: bearer(write.token) });
    expect(other.statusCode).toBe(404);

    const listed = (await c.get('/api/v1/me/tokens')).json().items;
    expect(listed.find((t: { id: string }) => t.id === read.item.id).lastUsedAt).not.toBeNull();
    expect((await c.delete(`/api/v1/me/tokens/${read.item.id}`)).statusCode).toBe(200);
    const revoked = await ctx.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(read.token) });
    expect(revoked.statusCode).toBe(401);

    ctx.clock.advance(31 * 86_400_000);
    const expired = await ctx.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(write.token) });
    expect(expired.statusCode).toBe(401);
  });

  it('admin accounts cannot create tokens', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const r = await sys.post('/api/v1/me/tokens', { name: 'x', scope: 'read' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('SEPARATION_OF_DUTIES');
  });
});
