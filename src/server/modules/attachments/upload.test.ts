import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { MAX_FILE_BYTES } from './file-types';
import { pdfOfSize } from './pdf-fixture';
import { pdfBomb, samples, upload, uploadParts, writeCounts, xlsxBomb, zipOf } from './test-fixtures';

const ctx = await setupTestApp();
const hasChinese = /[\u4e00-\u9fa5]/;

/** Refusals must answer with a stable code and a Chinese message, and store nothing. */
async function expectRefused(client: Client, send: () => Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>, status: number, code: string) {
  const before = await writeCounts(ctx.deps.db);
  const res = await send();
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(hasChinese);
  expect(await writeCounts(ctx.deps.db), `${client.username}: nothing written`).toEqual(before);
  return res.json().error.message;
}

describe('upload and download', () => {
  it('round-trips a PDF with a Chinese name: bytes, hash, headers, metadata, audit', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const liaison = await org.login('liaisonA');
    const content = samples.pdf('县委督查室关于重点工作推进情况的通报');
    const name = '关于“三服务”重点工作推进情况的报告（2026年第1期）.pdf';
    const before = await writeCounts(ctx.deps.db);

    const res = await upload(liaison, name, content);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['filename', 'id', 'mime', 'sha256', 'size', 'uploadedAt']);
    expect(body).toMatchObject({ filename: name, mime: 'application/pdf', size: content.length });
    expect(body.sha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    expect(body.uploadedAt).toBe(ctx.clock.now().toISOString());
    expect(await writeCounts(ctx.deps.db)).toEqual({ attachments: before.attachments + 1, audit: before.audit + 1 });

    const file = await liaison.get(`/api/v1/attachments/${body.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('private, no-store');
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(name);

    const meta = await liaison.get(`/api/v1/attachments/${body.id}/meta`);
    expect(meta.json()).toEqual({ ...body, uploadedBy: org.users.liaisonA.id, ownerType: null, ownerId: null });

    const audit = await (await org.login('auditor')).get(`/api/v1/audit?action=attachment.upload&objectId=${body.id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items[0]).toMatchObject({ action: 'attachment.upload', objectId: body.id, username: org.users.liaisonA.username });
  });

  it('accepts each allowed type whose bytes match, and stores the MIME type of the extension', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const cases: [string, Buffer, string][] = [
      ['扫描件.PDF', samples.pdf(), 'application/pdf'],
      ['现场照片.jpg', samples.jpeg(), 'image/jpeg'],
      ['现场照片2.jpeg', samples.jpeg(), 'image/jpeg'],
      ['截图.png', samples.png(), 'image/png'],
      ['旧版公文.doc', samples.ole(), 'application/msword'],
      ['台账.xls', samples.ole(), 'application/vnd.ms-excel'],
      ['汇报.ppt', samples.ole(), 'application/vnd.ms-powerpoint'],
      ['WPS文字.wps', samples.ole(), 'application/wps-office.wps'],
      ['WPS表格.et', samples.ole(), 'application/wps-office.et'],
      ['公文.docx', samples.zip('[Content_Types].xml', 'word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['台账.xlsx', samples.zip('[Content_Types].xml', 'xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['汇报.pptx', samples.zip('[Content_Types].xml', 'ppt/presentation.xml'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['版式文件.ofd', samples.zip('OFD.xml', 'Doc_0/Document.xml'), 'application/ofd'],
      ['材料包.zip', samples.zip('说明.txt'), 'application/zip'],
      ['说明.txt', Buffer.from('\ufeff本周工作要点：\n一、督查重点事项。\n'), 'text/plain; charset=utf-8'],
      ['名单.csv', Buffer.from('单位,联系人\n县委办,张三\n'), 'text/csv; charset=utf-8'],
    ];
    for (const [name, content, mime] of cases) {
      const res = await upload(staff, name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json().mime, name).toBe(mime);
    }
  });

  it('sanitises the file name: no folder part, no control or direction characters', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const res = await upload(staff, 'C:\\Users\\张三\\桌面\\工作\u0007 \u202e报告.pdf', samples.pdf());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('工作 报告.pdf');
    const long = await upload(staff, `${'很长的文件名'.repeat(50)}.pdf`, samples.pdf());
    expect(long.statusCode, long.body).toBe(201);
    expect(Array.from(long.json().filename as string)).toHaveLength(200);
    expect(long.json().filename).toMatch(/\.pdf$/);
  });
});

describe('refusals write nothing', () => {
  it('refuses types outside the list and bytes that do not match the extension (422, allowed types named)', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const exe = await expectRefused(staff, () => upload(staff, '安装程序.exe', samples.exe()), 422, 'RULE_VIOLATION');
    expect(exe).toContain('.exe');
    expect(exe).toContain('PDF、Word（doc、docx）');
    await expectRefused(staff, () => upload(staff, '没有扩展名', samples.pdf()), 422, 'RULE_VIOLATION');
    const fake = await expectRefused(staff, () => upload(staff, '其实是图片.pdf', samples.png()), 422, 'RULE_VIOLATION');
    expect(fake).toContain('不符');
    await expectRefused(staff, () => upload(staff, '程序.doc', samples.exe()), 422, 'RULE_VIOLATION');
    await expectRefused(staff, () => upload(staff, '压缩包改名.docx', samples.zip('说明.txt')), 422, 'RULE_VIOLATION');
    await expectRefused(staff, () => upload(staff, '表格改名.docx', samples.zip('[Content_Types].xml', 'xl/workbook.xml')), 422, 'RULE_VIOLATION');
    await expectRefused(staff, () => upload(staff, '普通压缩包.ofd', samples.zip('a.xml')), 422, 'RULE_VIOLATION');
    await expectRefused(staff, () => upload(staff, '二进制.txt', Buffer.from('abc\u0000def')), 422, 'RULE_VIOLATION');
    const gbk = await expectRefused(staff, () => upload(staff, 'GBK编码.csv', Buffer.from('b5a5cebb2cc1aacfb5c8cb', 'hex')), 422, 'RULE_VIOLATION');
    expect(gbk).toContain('UTF-8');
    await expectRefused(staff, () => upload(staff, '空文件.pdf', Buffer.alloc(0)), 422, 'RULE_VIOLATION');
  });

  it('refuses 密级 markings in the file name and in text content (422 CLASSIFIED_CONTENT)', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const leader = await org.login('leader');
    for (const name of ['关于加强值班工作的通知（机密）.pdf', '机密★1年 应急预案.docx', '秘密★ 会议纪要.pdf', '【绝密】部署.pdf', '机密-预案.pdf', '预案_秘密.doc', '密级：秘密 名单.xlsx', '机密.pdf']) {
      await expectRefused(leader, () => upload(leader, name, samples.pdf()), 422, 'CLASSIFIED_CONTENT');
    }
    await expectRefused(leader, () => upload(leader, '会议纪要.txt', '机密★1年\n会议纪要\n'), 422, 'CLASSIFIED_CONTENT');
    await expectRefused(leader, () => upload(leader, '名单.csv', '序号,密级:秘密\n1,张三\n'), 422, 'CLASSIFIED_CONTENT');
    // Ordinary words that merely contain a level word are not markings.
    expect((await upload(leader, '秘密投票结果统计.pdf', samples.pdf())).statusCode).toBe(201);
    expect((await upload(leader, '保守国家秘密宣传材料.txt', '严守秘密，人人有责。')).statusCode).toBe(201);
  });

  it('refuses Word, Excel, PowerPoint and PDF files whose text carries a marking (422 CLASSIFIED_CONTENT), and takes clean ones', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const marked: [string, Buffer][] = [
      ['会议纪要.docx', await samples.docx('县委办公室', '机密★10年', '关于……的会议纪要')],
      ['名单.xlsx', await samples.xlsx([['序号', '姓名', '备注'], ['1', '张三', '机密★10年']])],
      ['汇报.pptx', samples.pptx('机密★10年')],
      ['通知.pdf', samples.pdf('机密★10年')],
    ];
    for (const [name, content] of marked) {
      const msg = await expectRefused(staff, () => upload(staff, name, content), 422, 'CLASSIFIED_CONTENT');
      expect(msg, name).toContain('“机密★10年”');
    }
    const clean: [string, Buffer][] = [
      ['学习材料.docx', await samples.docx('严格保守国家秘密', '秘密投票', '机密性评估')],
      ['台账.xlsx', await samples.xlsx([['事项', '说明'], ['1', '商业秘密保护']])],
      ['汇报.pptx', samples.pptx('保密工作要点')],
      ['培训.pdf', samples.pdf('涉密人员培训')],
    ];
    for (const [name, content] of clean) expect((await upload(staff, name, content)).statusCode, name).toBe(201);
  });

  it('refuses zip bombs with 413 ARCHIVE_TOO_LARGE, whether their sizes are declared honestly or lie', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const honest = xlsxBomb(1024, 1024 * 1024 * 1024);
    const msg = await expectRefused(staff, () => upload(staff, '台账.xlsx', honest), 413, 'ARCHIVE_TOO_LARGE');
    expect(msg).toContain('100 MB');
    await expectRefused(staff, () => upload(staff, '台账.xlsx', xlsxBomb(1024, 1000)), 413, 'ARCHIVE_TOO_LARGE');
    await expectRefused(staff, () => upload(staff, '材料包.zip', honest), 413, 'ARCHIVE_TOO_LARGE');
    // A PDF's compressed streams are bounded the same way before pdfjs reads it (it inflates without a limit).
    await expectRefused(staff, () => upload(staff, '报告.pdf', pdfBomb(1024)), 413, 'ARCHIVE_TOO_LARGE');
    // A package whose text is not read is inflated once too: its lying sizes were the only thing checked.
    await expectRefused(staff, () => upload(staff, '材料包.zip', xlsxBomb(1024, 1000)), 413, 'ARCHIVE_TOO_LARGE');
    const many = zipOf(Array.from({ length: 10_001 }, (_, i) => ({ name: `扫描件${i}.jpg`, content: Buffer.alloc(0) })));
    await expectRefused(staff, () => upload(staff, '材料包.zip', many), 413, 'ARCHIVE_TOO_LARGE');
  });

  it('refuses a PDF or Office file it cannot open (422), rather than store it unchecked', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    await expectRefused(staff, () => upload(staff, '损坏.pdf', Buffer.from('%PDF-1.7\n机密★1年\n%%EOF\n')), 422, 'RULE_VIOLATION');
    const noDirectory = Buffer.concat([Buffer.from('504b0304140000000000', 'hex'), Buffer.alloc(16), Buffer.from('[Content_Types].xml word/')]);
    await expectRefused(staff, () => upload(staff, '损坏.docx', noDirectory), 422, 'RULE_VIOLATION');
  });

  it('refuses files over 20 MB with 413, whether the size is declared up front or found while reading', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const big = Buffer.concat([samples.pdf(), Buffer.alloc(21 * 1024 * 1024)]);
    const msg = await expectRefused(staff, () => upload(staff, '大文件.pdf', big), 413, 'PAYLOAD_TOO_LARGE');
    expect(msg).toContain('20 MB');
    const justOver = Buffer.concat([samples.pdf(), Buffer.alloc(MAX_FILE_BYTES + 1 - samples.pdf().length)]);
    await expectRefused(staff, () => upload(staff, '刚好超出.pdf', justOver), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('stores a file of exactly 20 MB and returns it intact', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    const content = pdfOfSize(MAX_FILE_BYTES, (n) => crypto.randomBytes(n));
    const res = await upload(staff, '刚好20MB.pdf', content);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().size).toBe(MAX_FILE_BYTES);
    const file = await staff.get(`/api/v1/attachments/${res.json().id}`);
    expect(file.rawPayload.equals(content)).toBe(true);
  });

  it('admin accounts get 403 before the body is read; anonymous callers 401', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    for (const key of ['sysadmin', 'secadmin', 'auditor'] as const) {
      const admin = await org.login(key);
      await expectRefused(admin, () => upload(admin, '报告.pdf', samples.pdf()), 403, 'FORBIDDEN');
    }
    const anonymous = { request: (method: 'POST', url: string, payload: unknown, headers: Record<string, string>) => ctx.app.inject({ method, url, payload: payload as Buffer, headers }) };
    expect((await upload(anonymous, '报告.pdf', samples.pdf())).statusCode).toBe(401);
  });

  it('refuses a JSON or raw body, extra fields, two files, a wrong field name and a truncated form', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const staff = await org.login('staff');
    await expectRefused(staff, () => staff.post('/api/v1/attachments', { file: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const raw = await expectRefused(staff, () => staff.request('POST', '/api/v1/attachments', samples.pdf(), { 'content-type': 'application/pdf' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(raw).toContain('multipart/form-data');
    const pdf = samples.pdf();
    await expectRefused(staff, () => uploadParts(staff, [{ name: 'file', filename: 'a.pdf', content: pdf }, { name: 'file', filename: 'b.pdf', content: pdf }]), 400, 'VALIDATION_FAILED');
    await expectRefused(staff, () => uploadParts(staff, [{ name: 'note', content: '说明' }, { name: 'file', filename: 'a.pdf', content: pdf }]), 400, 'VALIDATION_FAILED');
    await expectRefused(staff, () => uploadParts(staff, [{ name: 'file', filename: 'a.pdf', content: pdf }, { name: 'note', content: '说明' }]), 400, 'VALIDATION_FAILED');
    await expectRefused(staff, () => uploadParts(staff, [{ name: 'attachment', filename: 'a.pdf', content: pdf }]), 400, 'VALIDATION_FAILED');
    await expectRefused(staff, () => uploadParts(staff, []), 400, 'VALIDATION_FAILED');
    const truncated = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7 half';
    await expectRefused(staff, () => staff.request('POST', '/api/v1/attachments', truncated, { 'content-type': 'multipart/form-data; boundary=b' }), 400, 'VALIDATION_FAILED');
    await expectRefused(staff, () => staff.request('POST', '/api/v1/attachments', 'x', { 'content-type': 'multipart/form-data' }), 400, 'VALIDATION_FAILED');
  });
});
