import { describe, expect, it } from 'vitest';
import { checkFileContent, extensionOf } from './file-types';
import { assertFilenameNotClassified, sanitiseFilename } from './filename';
import { pdfWithText } from './pdf-fixture';
import { refusal, samples, xlsxBomb, zipOf } from './test-fixtures';

const refusedWith = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  return null;
};
const refused = async (p: Promise<unknown>) => {
  const e = await refusedWith(p);
  return e && (e.code ?? e.message);
};

describe('checkFileContent', () => {
  it('takes the type from the extension, case-insensitively, and the MIME type from the table', async () => {
    expect(await checkFileContent('A.PDF', samples.pdf())).toEqual({ mime: 'application/pdf' });
    expect(await checkFileContent('a.Jpeg', samples.jpeg())).toEqual({ mime: 'image/jpeg' });
    expect(extensionOf('报告.final.DOCX')).toBe('docx');
    expect(extensionOf('无扩展名')).toBe('');
  });

  it('finds a PDF header within the first 1024 bytes only', async () => {
    expect((await checkFileContent('a.pdf', Buffer.concat([Buffer.alloc(1000, 0x20), samples.pdf()]))).mime).toBe('application/pdf');
    expect(await refused(checkFileContent('a.pdf', Buffer.concat([Buffer.alloc(1100, 0x20), samples.pdf()])))).toBe('RULE_VIOLATION');
  });

  it('tells OOXML kinds apart and needs OFD.xml in an OFD package', async () => {
    const docx = samples.zip('[Content_Types].xml', 'word/document.xml');
    expect(await refused(checkFileContent('a.docx', docx))).toBeNull();
    expect(await refused(checkFileContent('a.xlsx', docx))).toBe('RULE_VIOLATION');
    expect(await refused(checkFileContent('a.pptx', docx))).toBe('RULE_VIOLATION');
    expect(await refused(checkFileContent('a.zip', docx))).toBeNull();
    expect(await refused(checkFileContent('a.ofd', samples.zip('OFD.xml')))).toBeNull();
    expect(await refused(checkFileContent('a.ofd', docx))).toBe('RULE_VIOLATION');
    expect(await refused(checkFileContent('a.docx', samples.ole()))).toBe('RULE_VIOLATION');
  });

  it('takes text as UTF-8 only, with or without a BOM, never with NUL bytes, and reads it for 密级 markings', async () => {
    expect(await refused(checkFileContent('a.txt', Buffer.from('\ufeff通知')))).toBeNull();
    expect(await refused(checkFileContent('a.csv', Buffer.from([0xe9, 0x80])))).toBe('RULE_VIOLATION');
    expect(await refused(checkFileContent('a.txt', Buffer.from('a\u0000b')))).toBe('RULE_VIOLATION');
    expect(await refused(checkFileContent('a.txt', Buffer.from('正文\n秘密★5年\n')))).toBe('CLASSIFIED_CONTENT');
  });

  it('reads the text of Word, Excel, PowerPoint and PDF files for 密级 markings', async () => {
    expect(await refused(checkFileContent('a.docx', await samples.docx('县委办公室', '机密★10年', '关于……的通知')))).toBe('CLASSIFIED_CONTENT');
    expect(await refused(checkFileContent('a.xlsx', await samples.xlsx([['序号', '密级'], ['1', '机密★10年']])))).toBe('CLASSIFIED_CONTENT');
    expect(await refused(checkFileContent('a.xlsx', await samples.xlsx([['正文']], '机密')))).toBe('CLASSIFIED_CONTENT');
    expect(await refused(checkFileContent('a.pptx', samples.pptx('机密★10年')))).toBe('CLASSIFIED_CONTENT');
    expect(await refusedWith(checkFileContent('a.pdf', samples.pdf('机密★10年')))).toMatchObject({ code: 'CLASSIFIED_CONTENT', message: expect.stringContaining('“机密★10年”') });
    expect(await refused(checkFileContent('a.pdf', pdfWithText(['正文'], { title: '【机密】预案' })))).toBe('CLASSIFIED_CONTENT');
    // The same words in ordinary sentences pass.
    expect(await refused(checkFileContent('a.docx', await samples.docx('严格保守国家秘密', '秘密投票', '机密性评估')))).toBeNull();
    expect(await refused(checkFileContent('a.xlsx', await samples.xlsx([['事项', '说明'], ['1', '商业秘密保护']])))).toBeNull();
    expect(await refused(checkFileContent('a.pptx', samples.pptx('保密工作要点')))).toBeNull();
    expect(await refused(checkFileContent('a.pdf', samples.pdf('涉密人员培训')))).toBeNull();
  });

  it('reads a marking split across runs of one paragraph, and entity-escaped text', async () => {
    const xml = '<w:document><w:body><w:p><w:r><w:t>机</w:t></w:r><w:r><w:t xml:space="preserve">密</w:t></w:r><w:r><w:t>&#x2605;1年</w:t></w:r></w:p></w:body></w:document>';
    const docx = samples.zip(['[Content_Types].xml', '<Types/>'], ['word/document.xml', xml]);
    expect(await refused(checkFileContent('a.docx', docx))).toBe('CLASSIFIED_CONTENT');
  });

  it('reads the entry names of zip and OFD packages', async () => {
    expect(await refused(checkFileContent('材料.zip', samples.zip('材料/机密★1年 方案.docx')))).toBe('CLASSIFIED_CONTENT');
    expect(await refused(checkFileContent('材料.zip', samples.zip('材料/秘密投票办法.docx')))).toBeNull();
  });

  it('refuses PDFs and zip packages it cannot read, rather than store them unchecked', async () => {
    expect(await refused(checkFileContent('a.pdf', Buffer.from('%PDF-1.7\n机密★1年\n%%EOF\n')))).toBe('RULE_VIOLATION');
    const noDirectory = Buffer.concat([Buffer.from('504b0304140000000000', 'hex'), Buffer.alloc(16), Buffer.from('[Content_Types].xml word/')]);
    expect(await refused(checkFileContent('a.docx', noDirectory))).toBe('RULE_VIOLATION');
  });

  it('refuses zip bombs (413 ARCHIVE_TOO_LARGE) by their declared sizes, and by their real ones when the declaration lies', async () => {
    const honest = xlsxBomb(1024, 1024 * 1024 * 1024);
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusedWith(checkFileContent('台账.xlsx', honest))).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', message: expect.stringContaining('解压后超过 100 MB') });
    const lying = await refusedWith(checkFileContent('台账.xlsx', xlsxBomb(1024, 1000)));
    expect(lying).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', message: expect.stringContaining('实际大小超过其声明的大小') });
    // The packages whose text is not read are held to the same declared limits.
    expect(await refused(checkFileContent('材料.zip', honest))).toBe('ARCHIVE_TOO_LARGE');
    expect(await refused(checkFileContent('版式.ofd', zipOf([{ name: 'OFD.xml', content: Buffer.from('<ofd/>') }, ...Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, content: Buffer.alloc(0) }))])))).toBe('ARCHIVE_TOO_LARGE');
  });
});

describe('sanitiseFilename', () => {
  it('drops folders, control and format characters, and collapses whitespace', () => {
    expect(sanitiseFilename('/tmp/../etc/passwd.txt')).toBe('passwd.txt');
    expect(sanitiseFilename('D:\\材料\\  附件\t一 .pdf ')).toBe('附件 一 .pdf');
    expect(sanitiseFilename('报告\u202efdp.exe')).toBe('报告fdp.exe');
    expect(sanitiseFilename('a\u0000b\u200bc.txt')).toBe('abc.txt');
    expect(sanitiseFilename('e\u0301.txt')).toBe('\u00e9.txt');
    expect(sanitiseFilename('folder/')).toBe('');
  });

  it('keeps at most 200 characters, counting characters rather than UTF-16 units, with the extension kept', () => {
    const name = sanitiseFilename(`${'𠀀'.repeat(300)}.docx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('𠀀.docx')).toBe(true);
    expect(Array.from(sanitiseFilename('字'.repeat(250)))).toHaveLength(200);
  });
});

describe('assertFilenameNotClassified', () => {
  it.each([
    '关于……的通知（机密）.pdf',
    '机密★1年.pdf',
    '[秘密]名单.xlsx',
    '〔绝密〕文件.doc',
    '秘密 会议纪要.docx',
    '机密1号文件.pdf',
    '工作方案-机密.docx',
    '密级：机密 方案.pdf',
    '绝密.pdf',
  ])('refuses %s', (name) => {
    expect(refusal(() => assertFilenameNotClassified(name))).toBe('CLASSIFIED_CONTENT');
  });

  it.each(['秘密投票结果.xlsx', '保守国家秘密宣传.pdf', '机密性评估报告.docx', '关于保密工作的通知.pdf'])('accepts %s', (name) => {
    expect(refusal(() => assertFilenameNotClassified(name))).toBeNull();
  });
});
