import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg, type TestOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';
import { act, fullChecklist } from '../../../../test/support/matters';
import { samples, upload, writeCounts } from '../attachments/test-fixtures';

/**
 * 进展反馈 and 复核 carry photos and files (attachmentIds): only the caller's
 * own fresh uploads, linked to the matter in the action's transaction, shown
 * on the timeline and readable exactly by those who may read the matter.
 */
const ctx = await setupTestApp();

type MatterRef = { id: string; version: number };
interface TimelineEvent {
  type: string;
  attachmentIds?: string[] | null;
}

async function photo(c: Client, name: string, kind: 'jpeg' | 'png' = 'jpeg'): Promise<string> {
  const r = await upload(c, name, samples[kind]());
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function ok(c: Client, m: MatterRef, action: string, body: Record<string, unknown> = {}) {
  const r = await act(c, m, action, body);
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json() as MatterRef & { state: string; timeline: TimelineEvent[] };
}

async function accepted(org: TestOrg, over: Record<string, unknown> = {}) {
  const sup = await org.login('supervisor');
  const r = await sup.post('/api/v1/matters', {
    title: `整治河道违规排污${org.tag}`,
    source: 'inspection',
    leadUnitId: org.deptAId,
    deadline: { kind: 'working_days', days: 10 },
    assign: true,
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return ok(await org.login('liaisonA'), r.json(), 'accept');
}

const eventCount = async (id: string) =>
  ((await ctx.deps.db.execute(sql`SELECT count(*)::int AS n FROM matter_events WHERE matter_id = ${id}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('attachments on 进展反馈 and 复核', () => {
  it('a progress report carries the liaison’s photos: on the timeline, readable by the matter’s readers, 404 to another unit', async () => {
    ctx.clock.set('2026-05-11T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonA');
    let m = await accepted(org);
    const [a, b] = [await photo(liaison, '现场照片1.jpg'), await photo(liaison, '现场照片2.png', 'png')];
    m = await ok(liaison, m, 'report_progress', { text: '排污口已封堵，附现场照片', attachmentIds: [a, b] });
    const event = m.timeline.at(-1)!;
    expect(event).toMatchObject({ type: 'progress_reported', attachmentIds: [a, b] });

    for (const who of ['supervisor', 'headA', 'leader'] as const) {
      const r = await (await org.login(who)).get(`/api/v1/attachments/${a}`);
      expect(r.statusCode, who).toBe(200);
      expect(r.headers['content-type'], who).toBe('image/jpeg');
    }
    const outsider = await org.login('liaisonB');
    expect((await outsider.get(`/api/v1/attachments/${a}`)).statusCode, 'not on the matter: the file is not confirmed').toBe(404);
    expect((await outsider.get(`/api/v1/attachments/${b}/meta`)).statusCode).toBe(404);
    // Linked to a record now: the uploader can no longer delete it.
    expect((await liaison.request('DELETE', `/api/v1/attachments/${a}`, undefined, {})).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('only the caller’s own, unused uploads: another’s file, a file already linked, too many, or a bad id change nothing', async () => {
    ctx.clock.set('2026-05-11T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonA');
    const m = await accepted(org);
    const before = await eventCount(m.id);

    const othersFile = await photo(await org.login('headA'), '负责人上传.jpg');
    const notMine = await act(liaison, m, 'report_progress', { text: '进展', attachmentIds: [othersFile] });
    expect(notMine.statusCode, notMine.body).toBe(422);
    expect(notMine.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });

    const used = await photo(liaison, '已用.jpg');
    const after = await ok(liaison, m, 'report_progress', { text: '第一次进展', attachmentIds: [used] });
    const again = await act(liaison, after, 'report_progress', { text: '第二次进展', attachmentIds: [used] });
    expect(again.statusCode, 'a file belongs to one record').toBe(422);

    const many = Array.from({ length: 21 }, () => crypto.randomUUID());
    const tooMany = await act(liaison, after, 'report_progress', { text: '进展', attachmentIds: many });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const badId = await act(liaison, after, 'report_progress', { text: '进展', attachmentIds: ['not-a-uuid'] });
    expect(badId.statusCode).toBe(400);
    expect(await eventCount(m.id), 'only the one good report was recorded').toBe(before + 1);
  });

  it('a recheck carries the supervisor’s site photos, pass or fail; the lead unit reads them, and the 问责移交 package holds every file', async () => {
    ctx.clock.set('2026-05-11T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const [sup, liaison, head] = [await org.login('supervisor'), await org.login('liaisonA'), await org.login('headA')];
    let m = await accepted(org, { recheckRequired: true });
    const progress = await photo(liaison, '整改前.jpg');
    m = await ok(liaison, m, 'report_progress', { text: '正在整改', attachmentIds: [progress] });
    m = await ok(liaison, m, 'submit_completion', { report: '整改完成', evidenceIds: [await uploadEvidence(liaison, '整改报告.pdf')] });
    m = await ok(head, m, 'approve_completion', { approved: true });
    m = await ok(sup, m, 'review', { approved: true, checklist: fullChecklist });
    expect(m.state).toBe('rechecking');

    const failed = await photo(sup, '复核现场仍有排污.jpg');
    m = await ok(sup, m, 'recheck', { passed: false, comment: '现场仍有排污痕迹', attachmentIds: [failed] });
    expect(m.timeline.at(-1)).toMatchObject({ type: 'rechecked', attachmentIds: [failed] });
    expect((await liaison.get(`/api/v1/attachments/${failed}`)).statusCode, 'the unit sees why it failed').toBe(200);
    expect((await (await org.login('liaisonB')).get(`/api/v1/attachments/${failed}`)).statusCode).toBe(404);

    m = await ok(liaison, m, 'submit_completion', { report: '再次整改完成', evidenceIds: [await uploadEvidence(liaison, '再次整改报告.pdf')] });
    m = await ok(head, m, 'approve_completion', { approved: true });
    m = await ok(sup, m, 'review', { approved: true, checklist: fullChecklist });
    const passed = await photo(sup, '复核通过现场.png', 'png');
    m = await ok(sup, m, 'recheck', { passed: true, attachmentIds: [passed] });
    expect(m.state).toBe('closed');
    expect(m.timeline.at(-1)).toMatchObject({ type: 'rechecked', attachmentIds: [passed] });

    m = await ok(sup, m, 'refer_accountability', { ground: 'recheck_failed', reason: '复核未通过，整改不到位', recipients: ['discipline_inspection'] });
    const zip = await JSZip.loadAsync((await sup.get(`/api/v1/matters/${m.id}/referral-package.zip`)).rawPayload);
    const files = Object.keys(zip.files).filter((n) => n.startsWith('附件/'));
    for (const name of ['整改前.jpg', '整改报告.pdf', '复核现场仍有排污.jpg', '复核通过现场.png']) {
      expect(files.some((f) => f.endsWith(name)), name).toBe(true);
    }
    // The .docx says which step brought each file.
    const xml = await (await JSZip.loadAsync(await zip.file('问责移交材料.docx')!.async('nodebuffer'))).file('word/document.xml')!.async('string');
    expect(xml).toContain('整改前.jpg（随“进展反馈”提交');
    expect(xml).toContain('整改报告.pdf（随“报结”提交');
    expect(xml).toContain('复核现场仍有排污.jpg（随“复核”提交');
  });

  it('a phone’s HEIC photo is refused naming the accepted types (JPG, PNG); nothing is stored', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonA');
    // The start of an iPhone HEIC file: an ISO-BMFF ftyp box of brand heic.
    const heic = Buffer.concat([Buffer.from('00000018667479706865696300000000', 'hex'), Buffer.from('mif1heic')]);
    const before = await writeCounts(ctx.deps.db);
    const r = await upload(liaison, 'IMG_0001.HEIC', heic);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.message).toContain('JPG');
    expect(r.json().error.message).toContain('PNG');
    expect(await writeCounts(ctx.deps.db)).toEqual(before);
  });
});
