import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';

const ctx = await setupTestApp();

describe('saved ledger views', () => {
  it('are each user’s own: save, list, refuse duplicates, delete; nobody else sees or deletes them', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const saved = await sup.post('/api/v1/matter-views', { name: '本周红灯', query: 'light=red&sort=deadline' });
    expect(saved.statusCode, saved.body).toBe(201);
    expect((await sup.post('/api/v1/matter-views', { name: '本周红灯', query: 'light=red' })).statusCode).toBe(409);
    expect((await sup.post('/api/v1/matter-views', { name: '坏的', query: '<script>' })).statusCode).toBe(400);
    expect((await sup.get('/api/v1/matter-views')).json().items.map((v: { name: string }) => v.name)).toEqual(['本周红灯']);
    const other = await org.login('staff');
    expect((await other.get('/api/v1/matter-views')).json().items).toEqual([]);
    expect((await other.delete(`/api/v1/matter-views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await sup.delete(`/api/v1/matter-views/${saved.json().id}`)).statusCode).toBe(200);
    expect((await sup.get('/api/v1/matter-views')).json().items).toEqual([]);
  });
});

describe('bulk remind', () => {
  it('reminds each matter in its own step and reports the ones it could not', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const mk = async (title: string) =>
      (await sup.post('/api/v1/matters', { title: `${title}${org.tag}`, source: 'other', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 10 }, assign: true })).json();
    const a = await mk('批量一');
    const b = await mk('批量二');
    const r = await sup.post('/api/v1/matters/bulk/remind', {
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version - 1 },
      ],
      comment: '请于本周内反馈进展',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().reminded).toBe(1);
    expect(r.json().results[1]).toMatchObject({ id: b.id, ok: false, code: 'STALE_VERSION' });
    const timeline = (await sup.get(`/api/v1/matters/${a.id}`)).json().timeline.map((e: { type: string }) => e.type);
    expect(timeline).toContain('reminded');
    const liaison = await org.login('liaisonA');
    expect((await liaison.post('/api/v1/matters/bulk/remind', { items: [{ id: a.id, version: 3 }] })).statusCode).toBe(403);
  });
});
