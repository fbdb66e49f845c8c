import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../support/app';
import { createOrg } from '../support/factories';
import { matrix, matrixRoles } from '../support/route-matrix';

/** Every route × every role, from the table in test/support/route-matrix.ts. */
const ctx = await setupTestApp();

const apiRoutes = () =>
  ctx.app.routeList.filter((r) => !r.url.startsWith('/*') && r.url !== '*' && !r.url.includes('*')).map((r) => `${r.method} ${r.url}`);

describe('authorization matrix', () => {
  it('has an entry for every route', () => {
    const missing = apiRoutes().filter((k) => !matrix[k]);
    expect(missing).toEqual([]);
  });

  it('denies anonymous callers everything that is not public', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    for (const key of apiRoutes()) {
      const e = matrix[key]!;
      const [method, url] = key.split(' ') as [string, string];
      const res = await ctx.app.inject({
        method: method as 'GET',
        url: e.path?.(org) ?? url,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: (e.body?.(org) ?? {}) as object }),
      });
      if (e.allowed === 'public') expect(res.statusCode, key).not.toBe(401);
      else expect(res.statusCode, key).toBe(401);
    }
  });

  for (const role of matrixRoles) {
    it(`${role}: allowed routes answer, every other route is 403`, async () => {
      const org = await createOrg(ctx.app, ctx.deps);
      const client = await org.login(role);
      for (const key of apiRoutes()) {
        const e = matrix[key]!;
        if (e.allowed === 'public' || key === 'POST /api/v1/auth/logout') continue;
        const [method, url] = key.split(' ') as [string, string];
        const res = await client.request(
          method as 'GET',
          e.path?.(org) ?? url,
          method === 'GET' || method === 'DELETE' ? undefined : (e.body?.(org) ?? {}),
        );
        const allowed = e.allowed === 'any' || e.allowed.includes(role);
        if (allowed) {
          expect([401, 403, 500], `${role} ${key} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${role} ${key} should be denied, got ${res.statusCode} ${res.body}`).toBe(403);
        }
      }
    });
  }
});

describe('unit scope', () => {
  it('a liaison sees only their own unit; office roles see all', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonA');
    const units = (await liaison.get('/api/v1/units')).json().items.map((u: { id: string }) => u.id);
    expect(units).toEqual([org.deptAId]);
    expect((await liaison.get(`/api/v1/units/${org.deptBId}`)).statusCode).toBe(404);
    expect((await liaison.get(`/api/v1/users/${org.users.liaisonB.id}`)).statusCode).toBe(404);
    const other = await liaison.get(`/api/v1/users?unitId=${org.deptBId}`);
    expect(other.json()).toMatchObject({ items: [], total: 0 });
    const own = await liaison.get(`/api/v1/users?unitId=${org.deptAId}`);
    expect(own.json().total).toBe(2);

    const supervisor = await org.login('supervisor');
    expect((await supervisor.get(`/api/v1/units/${org.deptBId}`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/v1/users?unitId=${org.deptBId}`)).json().total).toBe(2);
  });

  it('a unit head of one unit cannot see another unit head', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const head = await org.login('headB');
    expect((await head.get(`/api/v1/users/${org.users.headA.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/users/${org.users.headB.id}`)).statusCode).toBe(200);
  });
});
