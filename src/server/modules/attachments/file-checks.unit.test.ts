import { describe, expect, it } from 'vitest';
import { checkFileContent, extensionOf } from './file-types';
import { assertFilenameNotClassified, sanitiseFilename } from './filename';
import { samples } from './test-fixtures';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return null;
};

describe('checkFileContent', () => {
  it('takes the type from the extension, case-insensitively, and the MIME type from the table', () => {
    expect(checkFileContent('A.PDF', samples.pdf())).toEqual({ mime: 'application/pdf' });
    expect(checkFileContent('a.Jpeg', samples.jpeg())).toEqual({ mime: 'image/jpeg' });
    expect(extensionOf('报告.final.DOCX')).toBe('docx');
    expect(extensionOf('无扩展名')).toBe('');
  });

  it('finds a PDF header within the first 1024 bytes only', () => {
    expect(checkFileContent('a.pdf', Buffer.concat([Buffer.alloc(1000, 0x20), samples.pdf()])).mime).toBe('application/pdf');
    expect(refusal(() => checkFileContent('a.pdf', Buffer.concat([Buffer.alloc(1100, 0x20), samples.pdf()])))).toBe('RULE_VIOLATION');
  });

  it('tells OOXML kinds apart and needs OFD.xml in an OFD package', () => {
    const docx = samples.zip('[Content_Types].xml', 'word/document.xml');
    expect(refusal(() => checkFileContent('a.docx', docx))).toBeNull();
    expect(refusal(() => checkFileContent('a.xlsx', docx))).toBe('RULE_VIOLATION');
    expect(refusal(() => checkFileContent('a.pptx', docx))).toBe('RULE_VIOLATION');
    expect(refusal(() => checkFileContent('a.zip', docx))).toBeNull();
    expect(refusal(() => checkFileContent('a.ofd', samples.zip('OFD.xml')))).toBeNull();
    expect(refusal(() => checkFileContent('a.ofd', docx))).toBe('RULE_VIOLATION');
    expect(refusal(() => checkFileContent('a.docx', samples.ole()))).toBe('RULE_VIOLATION');
  });

  it('takes text as UTF-8 only, with or without a BOM, never with NUL bytes, and reads it for 密级 markings', () => {
    expect(refusal(() => checkFileContent('a.txt', Buffer.from('\ufeff通知')))).toBeNull();
    expect(refusal(() => checkFileContent('a.csv', Buffer.from([0xe9, 0x80])))).toBe('RULE_VIOLATION');
    expect(refusal(() => checkFileContent('a.txt', Buffer.from('a\u0000b')))).toBe('RULE_VIOLATION');
    expect(refusal(() => checkFileContent('a.txt', Buffer.from('正文\n秘密★5年\n')))).toBe('CLASSIFIED_CONTENT');
    // Binary formats are not decoded, so marking-like bytes inside them are not read as text.
    expect(refusal(() => checkFileContent('a.pdf', samples.pdf('机密★1年')))).toBeNull();
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
