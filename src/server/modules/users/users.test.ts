import { describe, expect, it } from 'vitest';
import { setupTestApp, loginAs } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';

const ctx = await setupTestApp();

describe('accounts (sysadmin) and roles (secadmin)', () => {
  it('sysadmin creates an account without roles; secadmin grants them; the one-time password forces a change', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const created = await sys.post('/api/v1/users', { username: `zhang${org.tag}`, name: '张三', unitId: org.deptAId, phone: '0371-1234567' });
    expect(created.statusCode, created.body).toBe(201);
    const { user, oneTimePassword } = created.json();
    expect(user.roles).toEqual([]);
    expect(user.mustChangePassword).toBe(true);

    const sec = await org.login('secadmin');
    const granted = await sec.put(`/api/v1/users/${user.id}/roles`, { roles: ['liaison'], version: user.version });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().roleLabels).toEqual(['联络员']);
    const stale = await sec.put(`/api/v1/users/${user.id}/roles`, { roles: ['unit_head'], version: user.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    const c = await loginAs(ctx.app, `zhang${org.tag}`, oneTimePassword);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ mustChangePassword: true, unit: { id: org.deptAId } });
  });

  it('refuses a duplicate username (any case) and an unknown unit', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const dup = await sys.post('/api/v1/users', { username: org.users.staff.username.toUpperCase(), name: '重复', unitId: org.deptAId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const unknown = await sys.post('/api/v1/users', { username: `x${org.tag}`, name: '无单位', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('所属单位不存在');
  });

  it('三员: no two admin roles, no admin with business roles, no self-grant, no sysadmin reset of another admin', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sec = await org.login('secadmin');
    const target = (await sec.get(`/api/v1/users/${org.users.staff.id}`)).json();
    for (const roles of [['sysadmin', 'auditor'], ['auditor', 'staff']]) {
      const r = await sec.put(`/api/v1/users/${target.id}/roles`, { roles, version: target.version });
      expect(r.statusCode, roles.join()).toBe(422);
      expect(r.json().error.code).toBe('SEPARATION_OF_DUTIES');
    }
    const self = (await sec.get(`/api/v1/users/${org.users.secadmin.id}`)).json();
    const own = await sec.put(`/api/v1/users/${self.id}/roles`, { roles: ['secadmin', 'leader'], version: self.version });
    expect(own.json().error.code).toBe('SEPARATION_OF_DUTIES');

    const sys = await org.login('sysadmin');
    const auditor = (await sys.get(`/api/v1/users/${org.users.auditor.id}`)).json();
    const reset = await sys.post(`/api/v1/users/${auditor.id}/reset-password`, { version: auditor.version });
    expect(reset.statusCode).toBe(422);
    expect(reset.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const disable = await sys.patch(`/api/v1/users/${auditor.id}`, { active: false, version: auditor.version });
    expect(disable.json().error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('a role change ends the account’s open sessions', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonB');
    const sec = await org.login('secadmin');
    const u = (await sec.get(`/api/v1/users/${org.users.liaisonB.id}`)).json();
    await sec.put(`/api/v1/users/${u.id}/roles`, { roles: ['unit_head'], version: u.version });
    expect((await liaison.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('deactivating an account ends its sessions and refuses its login', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const head = await org.login('headB');
    const sys = await org.login('sysadmin');
    const u = (await sys.get(`/api/v1/users/${org.users.headB.id}`)).json();
    expect((await sys.patch(`/api/v1/users/${u.id}`, { active: false, version: u.version })).statusCode).toBe(200);
    expect((await head.get('/api/v1/me')).statusCode).toBe(401);
    await expect(org.login('headB')).rejects.toThrow(/401/);
  });

  it('searches names by one, two and three or more characters', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    await sys.post('/api/v1/users', { username: `ouyang${org.tag}`, name: `欧阳督办${org.tag}`, unitId: org.deptBId });
    const sup = await org.login('supervisor');
    for (const q of ['欧', '阳督', '欧阳督办', `督办${org.tag}`]) {
      const r = await sup.get(`/api/v1/users?q=${encodeURIComponent(q)}&unitId=${org.deptBId}`);
      expect(r.json().items.map((u: { name: string }) => u.name), q).toEqual([`欧阳督办${org.tag}`]);
    }
    const none = await sup.get(`/api/v1/users?q=${encodeURIComponent('%')}&unitId=${org.deptBId}`);
    expect(none.json().total, 'LIKE wildcards are escaped').toBe(0);
  });
});

describe('units', () => {
  it('moves a unit with its subtree, refuses cycles, and will not deactivate a unit with active accounts', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const child = (await sys.post('/api/v1/units', { name: `股室${org.tag}`, type: 'other', code: `C${org.tag}`, parentId: org.deptAId })).json();
    const deptA = (await sys.get(`/api/v1/units/${org.deptAId}`)).json();
    const cycle = await sys.patch(`/api/v1/units/${org.deptAId}`, { parentId: child.id, version: deptA.version });
    expect(cycle.statusCode).toBe(422);
    const moved = await sys.patch(`/api/v1/units/${org.deptAId}`, { parentId: org.townshipId, version: deptA.version });
    expect(moved.statusCode, moved.body).toBe(200);
    // The liaison of 部门甲 now still sees 部门甲 and its child: the subtree moved along.
    const liaison = await org.login('liaisonA');
    const seen = (await liaison.get('/api/v1/units')).json().items.map((u: { id: string }) => u.id).sort();
    expect(seen).toEqual([org.deptAId, child.id].sort());
    const fresh = (await sys.get(`/api/v1/units/${org.deptAId}`)).json();
    const off = await sys.patch(`/api/v1/units/${org.deptAId}`, { active: false, version: fresh.version });
    expect(off.statusCode).toBe(422);
    expect(off.json().error.message).toContain('启用的账号');
  });

  it('refuses a duplicate code and a duplicate name under the same parent', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const dupCode = await sys.post('/api/v1/units', { name: `新单位${org.tag}`, type: 'other', code: `A${org.tag}`, parentId: org.officeId });
    expect(dupCode.statusCode).toBe(409);
    const dupName = await sys.post('/api/v1/units', { name: `部门甲${org.tag}`, type: 'other', code: `Z${org.tag}`, parentId: org.officeId });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.message).toMatch(/重复/);
  });
});
