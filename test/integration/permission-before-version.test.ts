import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../support/app';
import { createOrg, type OrgUserKey } from '../support/factories';
import { createMatter } from '../support/matters';
import { users } from '../../src/server/db/schema';
import { actingAs } from '../../src/server/domain/supervision';
import { matters } from '../../src/server/modules/supervision/tables';
import type { Role } from '../../src/shared/roles';
import { userActionTypes } from '../../src/shared/supervision';

/**
 * A caller who may not act is told so whatever version they send: the
 * permission check comes before the version check, so a stale version is
 * answered 403 (or 404 where scope hides the object, or the 三员 refusal),
 * never 409 "refresh and retry" — retrying would not help them. Routes gated
 * by role alone answer 403 before the body is read (authz-matrix.test.ts);
 * these are the ones whose permission depends on the object.
 */
const ctx = await setupTestApp();

describe('permission before version', () => {
  it('every matter action: a caller who may not take it gets 403 with a stale version; one who may gets 409', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const m = await createMatter(sup, org, { coUnitIds: [org.deptBId] });
    const [row] = await ctx.deps.db.select().from(matters).where(eq(matters.id, m.id));
    const stale = row!.version - 1;

    const keys: OrgUserKey[] = ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'liaisonB', 'headB'];
    const accounts = await ctx.deps.db
      .select({ id: users.id, roles: users.roles, unitId: users.unitId })
      .from(users)
      .where(inArray(users.id, keys.map((k) => org.users[k].id)));
    const clients = new Map<OrgUserKey, Client>();
    for (const k of keys) clients.set(k, k === 'supervisor' ? sup : await org.login(k));

    let refused = 0;
    for (const type of userActionTypes) {
      for (const k of keys) {
        const a = accounts.find((x) => x.id === org.users[k].id)!;
        const may = actingAs(row!.snapshot, { userId: a.id, roles: a.roles as Role[], unitId: a.unitId }, type) !== null;
        const r = await clients.get(k)!.post(`/api/v1/matters/${m.id}/actions/${type}`, { version: stale });
        if (may) {
          expect(r.statusCode, `${k} ${type}: ${r.body}`).toBe(409);
        } else {
          expect(r.statusCode, `${k} ${type}: ${r.body}`).toBe(403);
          expect(r.json().error.code).toBe('FORBIDDEN');
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(userActionTypes.length * 4);
    const [after] = await ctx.deps.db.select({ version: matters.version }).from(matters).where(eq(matters.id, m.id));
    expect(after!.version, 'nothing was written').toBe(row!.version);

    // 修改草稿 without any changes is refused as such (it used to fail as a 500 before reaching the domain).
    const empty = await sup.post(`/api/v1/matters/${m.id}/actions/edit_draft`, { version: row!.version });
    expect(empty.statusCode, empty.body).toBe(422);

    // Out of scope the matter is not even confirmed, stale version or not.
    const other = await createMatter(sup, org);
    const liaisonB = clients.get('liaisonB')!;
    const hidden = await liaisonB.post(`/api/v1/matters/${other.id}/actions/report_progress`, { version: 1, text: '进展' });
    expect(hidden.statusCode).toBe(404);
  });

  it('the system admin editing or resetting another admin’s account with a stale version hears 三员, not 409', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sys = await org.login('sysadmin');
    const target = (await sys.get(`/api/v1/users/${org.users.secadmin.id}`)).json();
    const edit = await sys.patch(`/api/v1/users/${target.id}`, { name: '改名', version: target.version + 3 });
    expect(edit.statusCode, edit.body).toBe(422);
    expect(edit.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const reset = await sys.post(`/api/v1/users/${target.id}/reset-password`, { version: target.version + 3 });
    expect(reset.statusCode, reset.body).toBe(422);
    expect(reset.json().error.code).toBe('SEPARATION_OF_DUTIES');
    // An account the system admin may maintain still gets 409 for a stale version.
    const staff = (await sys.get(`/api/v1/users/${org.users.staff.id}`)).json();
    expect((await sys.patch(`/api/v1/users/${staff.id}`, { name: '改名', version: staff.version + 3 })).statusCode).toBe(409);
  });
});
