import { AppError } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { assertFileTextNotClassified, type ReadKind } from './file-text';

/**
 * What may be uploaded: the office formats a 党办 actually exchanges (公文 in
 * Word/WPS/OFD/PDF, 台账 in Excel/WPS 表格, slides, scans and photos, plain
 * text and CSV, zip bundles). The extension picks the type; the bytes must
 * then carry that type's signature, so a renamed executable or a picture
 * saved as .pdf is refused. The MIME type we store and serve comes from this
 * table, never from the client.
 */
/**
 * 20 MB covers a scanned multi-page 公文 or a phone photo of a site visit;
 * larger material (video, whole archives) belongs elsewhere. The whole file
 * is held in memory while it is checked and stored, so this also bounds the
 * memory one upload can take.
 */
export const MAX_FILE_MB = 20;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

type Check = 'pdf' | 'ole' | 'zip' | 'ooxml' | 'ofd' | 'jpeg' | 'png' | 'text';

interface FileType {
  mime: string;
  check: Check;
  /** for OOXML: the folder every such package has ('word/', 'xl/', 'ppt/') */
  part?: string;
  /** how the content is read for the 密级 check (file-text.ts); text files are decoded here */
  read?: ReadKind;
}

const types: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', check: 'pdf', read: 'pdf' },
  doc: { mime: 'application/msword', check: 'ole' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: 'ooxml', part: 'word/', read: 'docx' },
  xls: { mime: 'application/vnd.ms-excel', check: 'ole' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: 'ooxml', part: 'xl/', read: 'xlsx' },
  ppt: { mime: 'application/vnd.ms-powerpoint', check: 'ole' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: 'ooxml', part: 'ppt/', read: 'pptx' },
  // WPS 文字 / WPS 表格 native formats are OLE compound files; these are the types WPS Office registers.
  wps: { mime: 'application/wps-office.wps', check: 'ole' },
  et: { mime: 'application/wps-office.et', check: 'ole' },
  // GB/T 33190-2016 版式文档: a zip package whose entry point is OFD.xml.
  ofd: { mime: 'application/ofd', check: 'ofd', read: 'package' },
  txt: { mime: 'text/plain; charset=utf-8', check: 'text' },
  csv: { mime: 'text/csv; charset=utf-8', check: 'text' },
  jpg: { mime: 'image/jpeg', check: 'jpeg' },
  jpeg: { mime: 'image/jpeg', check: 'jpeg' },
  png: { mime: 'image/png', check: 'png' },
  zip: { mime: 'application/zip', check: 'zip', read: 'package' },
};

export const allowedTypesText = 'PDF、Word（doc、docx）、Excel（xls、xlsx）、PowerPoint（ppt、pptx）、WPS（wps、et）、OFD、TXT、CSV、JPG、PNG、ZIP';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');
/** Readers accept the PDF header anywhere in the first 1024 bytes (some producers write a preamble). */
const PDF_HEADER_WINDOW = 1024;

const startsWith = (b: Buffer, sig: Buffer) => b.subarray(0, sig.length).equals(sig);

/**
 * Zip entry names are stored uncompressed in each local header and in the
 * central directory, so a byte search finds them without unpacking.
 */
const zipHasEntry = (b: Buffer, name: string) => startsWith(b, ZIP) && b.includes(Buffer.from(name, 'latin1'));

function decodeUtf8Text(content: Buffer): string | null {
  if (content.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return null;
  }
}

function matches(t: FileType, content: Buffer): boolean {
  switch (t.check) {
    case 'pdf':
      return content.subarray(0, PDF_HEADER_WINDOW).includes(PDF);
    case 'ole':
      return startsWith(content, OLE);
    case 'zip':
      return startsWith(content, ZIP);
    case 'ooxml':
      return zipHasEntry(content, '[Content_Types].xml') && zipHasEntry(content, t.part!);
    case 'ofd':
      return zipHasEntry(content, 'OFD.xml');
    case 'jpeg':
      return startsWith(content, JPEG);
    case 'png':
      return startsWith(content, PNG);
    case 'text':
      return decodeUtf8Text(content) !== null;
  }
}

export const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
};

/**
 * Decides the stored MIME type of an upload or refuses it (422; 413
 * ARCHIVE_TOO_LARGE for a zip bomb). The content is then read for a 密级
 * marking: text files as they are, Office and PDF files through their text
 * (file-text.ts), zip and OFD packages by their entry names.
 */
export async function checkFileContent(filename: string, content: Buffer): Promise<{ mime: string }> {
  if (content.length === 0) throw new AppError('RULE_VIOLATION', '文件为空，请选择有内容的文件');
  const ext = extensionOf(filename);
  const t = types[ext];
  if (!t) {
    const shown = ext ? `“.${ext}”类型的文件` : '没有扩展名的文件';
    throw new AppError('RULE_VIOLATION', `不能上传${shown}。允许上传的类型：${allowedTypesText}`);
  }
  if (!matches(t, content)) {
    const hint = t.check === 'text' ? '（文本文件须为 UTF-8 编码，请另存为 UTF-8 后再上传）' : '（可能是改过扩展名的其他文件）';
    throw new AppError('RULE_VIOLATION', `文件内容与扩展名“.${ext}”不符${hint}。允许上传的类型：${allowedTypesText}`);
  }
  if (t.check === 'text') assertNotClassified(decodeUtf8Text(content));
  if (t.read) await assertFileTextNotClassified(t.read, ext, content);
  return { mime: t.mime };
}
