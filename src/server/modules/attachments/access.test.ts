import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg, type OrgUserKey, type TestOrg } from '../../../../test/support/factories';
import type { Actor, RequestMeta } from '../../http/context';
import type { Role } from '../../../shared/roles';
import { registerAttachmentOwner } from './owners';
import { assertAttachmentsUsable, linkAttachments, listAttachments } from './service';
import { samples, upload, writeCounts } from './test-fixtures';

const ctx = await setupTestApp();
const noSuchId = '00000000-0000-4000-8000-000000000000';

/** Files linked to a 'test.unit' owner are readable by accounts of that unit, like a unit's own ledger would be. */
const unitOwner = async (_deps: unknown, actor: Actor, ownerId: string) => actor.unitId === ownerId;
registerAttachmentOwner('test.unit', unitOwner);

const roleOf: Record<OrgUserKey, Role> = {
  leader: 'leader',
  supervisor: 'supervisor',
  staff: 'staff',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
  liaisonA: 'liaison',
  headA: 'unit_head',
  liaisonB: 'liaison',
  headB: 'unit_head',
};

/** The caller as a business module's service would receive it. */
function actorFor(org: TestOrg, key: OrgUserKey): Actor {
  const u = org.users[key];
  return {
    userId: u.id,
    username: u.username,
    name: key,
    unitId: u.unitId,
    unitName: '',
    unitPath: '',
    passwordChangedAt: new Date(),
    roles: [roleOf[key]],
    via: 'session',
    scope: 'write',
    mustChangePassword: false,
  };
}
const metaFor = (actor: Actor): RequestMeta => ({ ip: '127.0.0.1', requestId: 'attachments-test', actor });

async function uploaded(client: Client, name = '佐证材料.pdf'): Promise<string> {
  const res = await upload(client, name, samples.pdf(name));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

function link(org: TestOrg, key: OrgUserKey, ids: string[], ownerType = 'test.unit', ownerId = org.deptAId) {
  const actor = actorFor(org, key);
  return ctx.deps.db.transaction((tx) => linkAttachments(tx, ctx.clock, metaFor(actor), actor, ids, ownerType, ownerId));
}

async function expectUnchanged(action: () => Promise<unknown>) {
  const before = await writeCounts(ctx.deps.db);
  await action();
  expect(await writeCounts(ctx.deps.db)).toEqual(before);
}

describe('reading', () => {
  it('an unlinked file is the uploader’s alone: everyone else gets 404, admins 403', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const id = await uploaded(await org.login('liaisonA'));
    for (const key of ['headA', 'liaisonB', 'headB', 'supervisor', 'leader', 'staff'] as const) {
      const other = await org.login(key);
      for (const url of [`/api/v1/attachments/${id}`, `/api/v1/attachments/${id}/meta`]) {
        const res = await other.get(url);
        expect(res.statusCode, `${key} ${url}`).toBe(404);
        expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: '附件不存在或无权访问' });
      }
    }
    for (const key of ['sysadmin', 'secadmin', 'auditor'] as const) {
      const admin = await org.login(key);
      expect((await admin.get(`/api/v1/attachments/${id}`)).statusCode, key).toBe(403);
      expect((await admin.get(`/api/v1/attachments/${id}/meta`)).statusCode, key).toBe(403);
    }
  });

  it('an unknown id is 404 and a malformed one 400', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    expect((await staff.get(`/api/v1/attachments/${noSuchId}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/attachments/${noSuchId}/meta`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/attachments/not-a-uuid')).statusCode).toBe(400);
    expect((await staff.delete('/api/v1/attachments/1%27%20OR%201=1')).statusCode).toBe(400);
  });

  it('a linked file follows its owner type’s read check; an unknown owner type hides it from everyone', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaisonA = await org.login('liaisonA');
    const [shared, orphan] = [await uploaded(liaisonA, '进展佐证.pdf'), await uploaded(liaisonA, '孤立.pdf')];
    await link(org, 'liaisonA', [shared], 'test.unit', org.deptAId);
    await link(org, 'liaisonA', [orphan], 'no.such.module', 'x');

    const expectations: [OrgUserKey, number][] = [['liaisonA', 200], ['headA', 200], ['liaisonB', 404], ['supervisor', 404]];
    for (const [key, status] of expectations) {
      const client = await org.login(key);
      expect((await client.get(`/api/v1/attachments/${shared}`)).statusCode, key).toBe(status);
      expect((await client.get(`/api/v1/attachments/${shared}/meta`)).statusCode, key).toBe(status);
    }
    const meta = await (await org.login('headA')).get(`/api/v1/attachments/${shared}/meta`);
    expect(meta.json()).toMatchObject({ ownerType: 'test.unit', ownerId: org.deptAId, uploadedBy: org.users.liaisonA.id });
    expect((await liaisonA.get(`/api/v1/attachments/${orphan}`)).statusCode).toBe(404);
  });

  it('owner registration: the same check again is harmless, a different one or a bad code is refused', () => {
    expect(() => registerAttachmentOwner('test.unit', unitOwner)).not.toThrow();
    expect(() => registerAttachmentOwner('test.unit', async () => true)).toThrow(/already registered/);
    expect(() => registerAttachmentOwner('Bad Type', async () => true)).toThrow(/must match/);
  });
});

describe('deleting', () => {
  it('the uploader soft-deletes an unlinked file, audited; it is then gone for reads and deletes', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const id = await uploaded(staff);
    const before = await writeCounts(ctx.deps.db);
    const res = await staff.delete(`/api/v1/attachments/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await writeCounts(ctx.deps.db)).toEqual({ attachments: before.attachments, audit: before.audit + 1 });
    expect((await staff.get(`/api/v1/attachments/${id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/attachments/${id}/meta`)).statusCode).toBe(404);
    await expectUnchanged(async () => expect((await staff.delete(`/api/v1/attachments/${id}`)).statusCode).toBe(404));
    const audit = await (await org.login('auditor')).get(`/api/v1/audit?action=attachment.delete&objectId=${id}`);
    expect(audit.json().items).toHaveLength(1);
  });

  it('nobody else may delete it (404), admins are refused (403), and a linked file stays (422); nothing is written', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaisonA = await org.login('liaisonA');
    const [free, used] = [await uploaded(liaisonA), await uploaded(liaisonA, '已用于事项.pdf')];
    await link(org, 'liaisonA', [used]);
    for (const key of ['headA', 'liaisonB', 'supervisor'] as const) {
      const other = await org.login(key);
      await expectUnchanged(async () => expect((await other.delete(`/api/v1/attachments/${free}`)).statusCode, key).toBe(404));
    }
    const sysadmin = await org.login('sysadmin');
    await expectUnchanged(async () => expect((await sysadmin.delete(`/api/v1/attachments/${free}`)).statusCode).toBe(403));
    await expectUnchanged(async () => {
      const res = await liaisonA.delete(`/api/v1/attachments/${used}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '附件“已用于事项.pdf”已作为业务材料使用，不能删除' });
    });
    expect((await liaisonA.get(`/api/v1/attachments/${free}`)).statusCode).toBe(200);
  });
});

describe('linking (service functions for business modules)', () => {
  it('links the uploader’s own files in one go, audited per file, and lists them by owner', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const headA = await org.login('headA');
    const first = await uploaded(headA, '一.pdf');
    ctx.clock.advance(1000);
    const second = await uploaded(headA, '二.pdf');
    const before = await writeCounts(ctx.deps.db);
    const linked = await link(org, 'headA', [second, first, second.toUpperCase()], 'test.unit', org.deptAId);
    expect(linked.map((a) => a.id)).toEqual([second, first]);
    expect(linked[0]).toMatchObject({ filename: '二.pdf', ownerType: 'test.unit', ownerId: org.deptAId });
    expect(await writeCounts(ctx.deps.db)).toEqual({ attachments: before.attachments, audit: before.audit + 2 });
    const listed = await listAttachments(ctx.deps.db, 'test.unit', org.deptAId);
    expect(listed.map((a) => a.filename)).toEqual(['一.pdf', '二.pdf']);
    expect(listed[0]).not.toHaveProperty('content');
    expect(await listAttachments(ctx.deps.db, 'test.unit', org.deptBId)).toEqual([]);
    expect(await link(org, 'headA', [])).toEqual([]);
  });

  it('refuses someone else’s, deleted, already linked, unknown or malformed ids with 422 naming the id, and rolls back the rest', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const [liaisonA, liaisonB] = [await org.login('liaisonA'), await org.login('liaisonB')];
    const mine = await uploaded(liaisonA, '我的.pdf');
    const theirs = await uploaded(liaisonB, '别人的.pdf');
    const deleted = await uploaded(liaisonA, '已删除.pdf');
    await liaisonA.delete(`/api/v1/attachments/${deleted}`);
    const taken = await uploaded(liaisonA, '已使用.pdf');
    await link(org, 'liaisonA', [taken], 'test.unit', org.deptAId);

    for (const bad of [theirs, deleted, taken, noSuchId, 'not-a-uuid']) {
      await expectUnchanged(async () => {
        const err = await link(org, 'liaisonA', [mine, bad], 'test.unit', org.deptAId).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'RULE_VIOLATION', status: 422 });
        expect((err as Error).message).toContain(bad);
        expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
      });
    }
    const meta = await liaisonA.get(`/api/v1/attachments/${mine}/meta`);
    expect(meta.json()).toMatchObject({ ownerType: null, ownerId: null });
  });

  it('assertAttachmentsUsable checks the same rules without changing anything', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const mine = await uploaded(staff);
    const theirs = await uploaded(await org.login('leader'));
    const actor = actorFor(org, 'staff');
    await expectUnchanged(() => ctx.deps.db.transaction((tx) => assertAttachmentsUsable(tx, actor, [mine, mine])));
    const err = await ctx.deps.db.transaction((tx) => assertAttachmentsUsable(tx, actor, [mine, theirs])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RULE_VIOLATION' });
    expect((err as Error).message).toContain(theirs);
  });
});
