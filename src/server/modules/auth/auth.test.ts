import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg, TEST_PASSWORD } from '../../../../test/support/factories';

const ctx = await setupTestApp();

describe('login', () => {
  it('signs in and returns the user with unit and roles', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const c = await org.login('supervisor');
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: org.users.supervisor.username, roles: ['supervisor'], unit: { id: org.officeId } });
  });

  it('refuses a wrong password with a Chinese message and a stable code', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: org.users.staff.username, password: 'wrong' + TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BAD_CREDENTIALS');
    expect(res.json().error.message).toMatch(/用户名或密码错误/);
  });
});
