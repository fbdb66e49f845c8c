import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';

const ctx = await setupTestApp();

/** Opens and assigns matters as the supervisor: a parent, or a child of one. */
const opener = (sup: Client, tag: string) => async (title: string, leadUnitId: string, parentId?: string) => {
  const r = await sup.post('/api/v1/matters', {
    title: `${title}${tag}`,
    source: 'other',
    leadUnitId,
    deadline: { kind: 'working_days', days: 10 },
    assign: true,
    ...(parentId ? { parentId } : {}),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; code: string; title: string };
};

describe('sub-matters on the detail', () => {
  it('lists the children the caller may see, and the parent when it is in scope', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const open = opener(sup, org.tag);
    const parent = await open('总事项', org.deptAId);
    const childA = await open('子事项甲', org.deptAId, parent.id);
    const childB = await open('子事项乙', org.deptBId, parent.id);

    const seen = (await sup.get(`/api/v1/matters/${parent.id}`)).json();
    expect(seen.parent).toBeNull();
    expect(seen.children).toHaveLength(2);
    expect(seen.subMatters.map((c: { id: string }) => c.id)).toEqual([childA.id, childB.id]);
    expect(seen.subMatters[1]).toMatchObject({
      title: childB.title,
      leadUnit: { id: org.deptBId },
      state: 'assigned',
      light: 'green',
      parentId: parent.id,
    });
    expect(seen.subMatters[1].deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const child = (await sup.get(`/api/v1/matters/${childB.id}`)).json();
    expect(child.parent).toMatchObject({ id: parent.id, code: parent.code, title: parent.title, state: 'assigned' });
    expect(child.subMatters).toEqual([]);

    // 部门甲's liaison sees the parent and its own child, not 部门乙's.
    const liaisonA = await org.login('liaisonA');
    expect((await liaisonA.get(`/api/v1/matters/${parent.id}`)).json().subMatters.map((c: { id: string }) => c.id)).toEqual([childA.id]);
    // 部门乙's liaison sees its child but not the parent, which is 部门甲's.
    const liaisonB = await org.login('liaisonB');
    const own = await liaisonB.get(`/api/v1/matters/${childB.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().parent).toBeNull();
    expect(own.json().hasParent).toBe(true);
  });

  it('a child whose parent is out of scope does not carry the parent’s id, in the body, the timeline or the ledger', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const open = opener(sup, org.tag);
    const parent = await open('总事项', org.deptAId);
    const childA = await open('子事项甲', org.deptAId, parent.id);
    const childB = await open('子事项乙', org.deptBId, parent.id);

    const liaisonB = await org.login('liaisonB');
    const own = await liaisonB.get(`/api/v1/matters/${childB.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(parent.id);
    expect(own.json()).toMatchObject({ parentId: null, parent: null, hasParent: true });
    expect(own.json().timeline[0]).toMatchObject({ type: 'opened', payload: { parentId: null } });
    const ledger = await liaisonB.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}`);
    expect(ledger.json().items.map((m: { id: string }) => m.id)).toEqual([childB.id]);
    expect(ledger.body).not.toContain(parent.id);

    // 部门甲's liaison sees the parent: both children count, only its own is named, in the body and the timeline.
    const liaisonA = await org.login('liaisonA');
    const top = await liaisonA.get(`/api/v1/matters/${parent.id}`);
    expect(top.body).not.toContain(childB.id);
    expect(top.json().children).toEqual([
      { id: childA.id, open: true },
      { id: null, open: true },
    ]);
    const links = top.json().timeline.filter((e: { type: string }) => e.type === 'child_linked');
    expect(links.map((e: { payload: { childId: string | null } }) => e.payload.childId)).toEqual([childA.id, null]);
    // The office sees every id.
    const all = (await sup.get(`/api/v1/matters/${childB.id}`)).json();
    expect(all.parentId).toBe(parent.id);
    expect(all.timeline[0].payload.parentId).toBe(parent.id);
  });
});
