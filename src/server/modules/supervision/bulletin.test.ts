import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { driveMarch, marchFiguresOfA } from './stats-scenario';

const ctx = await setupTestApp();

/** One file of a .zip, read through the central directory (sizes there are always right). */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const [method, size, nameLen, extraLen, commentLen, local] = [
      zip.readUInt16LE(p + 10), zip.readUInt32LE(p + 20), zip.readUInt16LE(p + 28),
      zip.readUInt16LE(p + 30), zip.readUInt16LE(p + 32), zip.readUInt32LE(p + 42),
    ];
    if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the zip`);
}

const libreOffice = (() => {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();

const counts = async () =>
  ((await ctx.deps.db.execute(sql`SELECT (SELECT count(*) FROM bulletins)::int AS b, (SELECT count(*) FROM audit_log)::int AS a`)) as unknown as {
    rows: { b: number; a: number }[];
  }).rows[0]!;

async function draft(sup: Client, tag: string, over: Record<string, unknown> = {}) {
  const r = await sup.post('/api/v1/bulletins', { title: `关于2026年3月督查督办事项办理情况的通报${tag}`, from: '2026-03-01', to: '2026-03-31', ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('督查通报', () => {
  it('draft from the statistics → edit → publish → .docx with the Chinese text; notifies; units read it, drafts stay with the office', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const { late } = await driveMarch(ctx, org);
    ctx.clock.set('2026-04-01T09:00:00+08:00');
    const sup = await org.login('supervisor');
    let b = await draft(sup, org.tag, { praise: '部门甲按期办结县委常委会议定事项，予以表扬。' });
    expect(b).toMatchObject({ status: 'draft', periodFrom: '2026-03-01', periodTo: '2026-03-31', asOf: '2026-04-01', version: 1 });
    const stats = (await sup.get(`/api/v1/supervision/stats?from=2026-03-01&to=2026-03-31&unitId=${org.deptAId}`)).json().units[0];
    expect(stats).toMatchObject(marchFiguresOfA);
    expect(b.stats.find((s: { unit: { id: string } }) => s.unit.id === org.deptAId)).toEqual(stats);
    expect(b.overdue.find((o: { matterId: string }) => o.matterId === late.id)).toEqual({
      matterId: late.id,
      code: late.code,
      title: late.title,
      leadUnit: { id: org.deptAId, name: `部门甲${org.tag}` },
      deadline: '2026-03-05',
      overdueWorkingDays: 18,
    });

    const liaison = await org.login('liaisonA');
    expect((await liaison.get(`/api/v1/bulletins/${b.id}`)).statusCode, 'a draft is the office’s').toBe(404);
    expect((await liaison.get(`/api/v1/bulletins/${b.id}/document.docx`)).statusCode).toBe(404);
    expect((await liaison.get('/api/v1/bulletins')).json().items.map((i: { id: string }) => i.id)).not.toContain(b.id);
    const leader = await org.login('leader');
    expect((await leader.get('/api/v1/bulletins?status=draft')).json().items.map((i: { id: string }) => i.id)).toContain(b.id);
    const preview = await leader.get(`/api/v1/bulletins/${b.id}/document.docx`);
    expect(preview.statusCode).toBe(200);
    expect(zipEntry(preview.rawPayload, 'word/document.xml')).toContain(org.tag);

    const edited = await sup.patch(`/api/v1/bulletins/${b.id}`, { criticism: '部门甲整改督查发现问题逾期未办结，予以批评。', version: b.version });
    expect(edited.statusCode, edited.body).toBe(200);
    b = edited.json();
    expect(b).toMatchObject({ version: 2, criticism: '部门甲整改督查发现问题逾期未办结，予以批评。', praise: '部门甲按期办结县委常委会议定事项，予以表扬。' });

    ctx.clock.set('2026-04-02T10:00:00+08:00');
    const sup2 = await org.login('supervisor');
    const published = await sup2.post(`/api/v1/bulletins/${b.id}/publish`, { version: b.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', statusLabel: '已发布', publishedAt: '2026-04-02T02:00:00.000Z', version: 3 });

    const reader = await org.login('liaisonA');
    const notes = (await reader.get('/api/v1/notifications')).json().items as { kind: string; link: string }[];
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'bulletin.published', link: `/bulletins/${b.id}` }));
    expect((await reader.get('/api/v1/bulletins')).json().items.map((i: { id: string }) => i.id)).toContain(b.id);
    const file = await reader.get(`/api/v1/bulletins/${b.id}/document.docx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(`通报${org.tag}.docx`));
    const xml = zipEntry(file.rawPayload, 'word/document.xml');
    for (const text of [`关于2026年3月督查督办事项办理情况的通报${org.tag}`, '按批准期限办结', '回头看未通过', `部门甲${org.tag}`, late.code, '逾期18个工作日', '予以表扬', '予以批评', '2026年4月2日', '仿宋_GB2312', '方正小标宋简体']) {
      expect(xml, text).toContain(text);
    }
    // The stored document is the one issued: a later download is byte-identical.
    ctx.clock.set('2026-05-01T10:00:00+08:00');
    const again = await (await org.login('liaisonA')).get(`/api/v1/bulletins/${b.id}/document.docx`);
    expect(again.rawPayload.equals(file.rawPayload)).toBe(true);

    const audit = (await ctx.deps.db.execute(sql`SELECT action FROM audit_log WHERE object_id = ${b.id} ORDER BY id`)) as unknown as { rows: { action: string }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(['bulletin.create', 'bulletin.update', 'bulletin.publish']);

    if (libreOffice) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulletin-'));
      const docx = path.join(dir, 'bulletin.docx');
      fs.writeFileSync(docx, file.rawPayload);
      const convert = (to: string) =>
        execFileSync(libreOffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, docx], { timeout: 120_000, stdio: 'pipe' });
      convert('txt:Text (encoded):UTF8');
      const text = fs.readFileSync(path.join(dir, 'bulletin.txt'), 'utf8');
      expect(text).toContain(`关于2026年3月督查督办事项办理情况的通报${org.tag}`);
      expect(text).toContain('予以批评');
      convert('pdf');
      expect(fs.statSync(path.join(dir, 'bulletin.pdf')).size).toBeGreaterThan(1000);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('bad input: period, dates, 密级 text, stale version, edits after publishing — 4xx, nothing written', async () => {
    ctx.clock.set('2026-04-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await counts();
    const bad: [Record<string, unknown>, number, string?][] = [
      [{ title: '通报', from: '2026-03-31', to: '2026-03-01' }, 400],
      [{ title: '通报', from: '2026-02-30', to: '2026-03-31' }, 400],
      [{ title: '通报', from: '2026/03/01', to: '2026-03-31' }, 400],
      [{ title: '通报', from: '2020-01-01', to: '2026-03-31' }, 400],
      [{ title: '', from: '2026-03-01', to: '2026-03-31' }, 400],
      [{ title: '通报', from: '2026-03-01', to: '2026-03-31', unitId: org.deptAId }, 400],
      [{ title: '关于某事项的通报（机密★1年）', from: '2026-03-01', to: '2026-03-31' }, 422, 'CLASSIFIED_CONTENT'],
      [{ title: '通报', from: '2026-03-01', to: '2026-03-31', criticism: '密级：秘密\n正文' }, 422, 'CLASSIFIED_CONTENT'],
    ];
    for (const [body, status, code] of bad) {
      const r = await sup.post('/api/v1/bulletins', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(status);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      if (code) expect(r.json().error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);

    const b = await draft(sup, org.tag);
    const afterCreate = await counts();
    const refused: [string, string, Record<string, unknown>, number][] = [
      ['PATCH', `/api/v1/bulletins/${b.id}`, { praise: '好', version: b.version + 1 }, 409],
      ['PATCH', `/api/v1/bulletins/${b.id}`, { praise: '表扬（绝密★长期）', version: b.version }, 422],
      ['PATCH', `/api/v1/bulletins/${b.id}`, { version: b.version }, 400],
      ['PATCH', `/api/v1/bulletins/${b.id}`, { title: '', version: b.version }, 400],
      ['PATCH', '/api/v1/bulletins/00000000-0000-4000-8000-000000000000', { praise: '好', version: 1 }, 404],
      ['POST', `/api/v1/bulletins/${b.id}/publish`, { version: b.version + 5 }, 409],
    ];
    for (const [method, url, body, status] of refused) {
      const r = await sup.request(method as 'POST', url, body);
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
    }
    expect(await counts()).toEqual(afterCreate);
    expect((await sup.get(`/api/v1/bulletins/${b.id}`)).json().version).toBe(b.version);

    const pub = await sup.post(`/api/v1/bulletins/${b.id}/publish`, { version: b.version });
    expect(pub.statusCode, pub.body).toBe(200);
    const afterPublish = await counts();
    const v = pub.json().version;
    expect((await sup.patch(`/api/v1/bulletins/${b.id}`, { praise: '补充', version: v })).statusCode).toBe(422);
    expect((await sup.post(`/api/v1/bulletins/${b.id}/publish`, { version: v })).statusCode).toBe(422);
    expect(await counts()).toEqual(afterPublish);
    for (const who of ['leader', 'staff', 'liaisonA', 'headA'] as const) {
      const c = await org.login(who);
      expect((await c.post('/api/v1/bulletins', { title: '通报', from: '2026-03-01', to: '2026-03-31' })).statusCode, who).toBe(403);
    }
  });
});
