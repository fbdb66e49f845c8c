import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';

const ctx = await setupTestApp();

describe('问责移交 evidence package', () => {
  it('holds the .docx, the timeline, the audit records with hashes and the files; only supervisor, leader and auditor get it', async () => {
    ctx.clock.set('2026-06-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const liaison = await org.login('liaisonA');
    let m = (await sup.post('/api/v1/matters', { title: `逾期未办${org.tag}`, source: 'inspection', leadUnitId: org.deptAId, deadline: { kind: 'working_days', days: 5 }, assign: true })).json();
    m = (await liaison.post(`/api/v1/matters/${m.id}/actions/accept`, { version: m.version })).json();
    const file = await uploadEvidence(liaison, '情况说明.pdf');
    m = (await liaison.post(`/api/v1/matters/${m.id}/actions/report_progress`, { version: m.version, text: '因资金未到位暂缓推进', attachmentIds: [file] })).json();
    m = (await sup.post(`/api/v1/matters/${m.id}/actions/remind`, { version: m.version, comment: '请立即整改' })).json();
    const early = await sup.get(`/api/v1/matters/${m.id}/referral-package.zip`);
    expect(early.statusCode, 'nothing to hand over before a referral').toBe(422);
    const referred = await sup.post(`/api/v1/matters/${m.id}/actions/refer_accountability`, {
      version: m.version,
      ground: 'other',
      reason: '多次催办仍未落实',
      recipients: ['discipline_inspection'],
    });
    expect(referred.statusCode, referred.body).toBe(200);

    const res = await sup.get(`/api/v1/matters/${m.id}/referral-package.zip`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining(['问责移交材料.docx', '办理过程.json', '审计记录.json', 'manifest.json']));
    expect(names.some((n) => n.startsWith('附件/') && n.endsWith('情况说明.pdf'))).toBe(true);
    const docxXml = await (await JSZip.loadAsync(await zip.file('问责移交材料.docx')!.async('nodebuffer'))).file('word/document.xml')!.async('string');
    expect(docxXml).toContain(`逾期未办${org.tag}`);
    expect(docxXml).toContain('多次催办仍未落实');
    expect(docxXml, 'the ground is in the package').toContain('移交依据：督查员说明的理由');
    expect(docxXml).toContain('第 1 次');
    const audit = JSON.parse(await zip.file('审计记录.json')!.async('string')) as { hash: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['matter.open', 'matter.remind', 'matter.refer_accountability']));
    expect(audit.every((a) => /^[0-9a-f]{64}$/.test(a.hash))).toBe(true);

    const auditorZip = await (await org.login('auditor')).get(`/api/v1/matters/${m.id}/referral-package.zip`);
    expect(auditorZip.statusCode).toBe(200);
    const manifest = JSON.parse(await (await JSZip.loadAsync(auditorZip.rawPayload)).file('manifest.json')!.async('string'));
    expect(manifest.omittedFiles, 'the auditor gets the trail, not business files').toEqual(['情况说明.pdf']);
    expect((await (await org.login('leader')).get(`/api/v1/matters/${m.id}/referral-package.zip`)).statusCode).toBe(200);
    for (const who of ['liaisonA', 'headA', 'staff', 'sysadmin'] as const) {
      expect((await (await org.login(who)).get(`/api/v1/matters/${m.id}/referral-package.zip`)).statusCode, who).toBe(403);
    }
  });
});
