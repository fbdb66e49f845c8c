import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Executor } from '../../db/connect';
import { pdfWithText } from './pdf-fixture';

/**
 * Sample files and multipart requests for the attachment tests. Bodies are
 * built by the platform's own FormData encoder (the one browsers' fetch
 * follows), so the tests send what a real client sends. PDFs and zips are
 * real ones (the upload check opens them); Word and Excel files come from
 * the docx and exceljs packages, as a user's office program would write them.
 */
/** The error code a synchronous check throws, or null when it passes. */
export const refusal = (fn: () => unknown): string | null | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return null;
};

export const samples = {
  pdf: (text = '县委办公室') => pdfWithText([text]),
  png: () => Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  jpeg: () => Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  ole: () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
  /** a zip of stored (uncompressed) entries; an entry is a name (empty content) or [name, content] */
  zip: (...entries: (string | [string, string | Buffer])[]) =>
    zipOf(entries.map((e) => (typeof e === 'string' ? { name: e, content: Buffer.alloc(0) } : { name: e[0], content: Buffer.from(e[1]) }))),
  exe: () => Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60)]),
  docx: async (...paragraphs: string[]) => {
    const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
    return Packer.toBuffer(doc);
  },
  xlsx: async (rows: string[][], sheetName = '台账') => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(sheetName).addRows(rows);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  /** the parts of a .pptx our text check reads, with one slide saying `text` */
  pptx: (text: string) =>
    samples.zip(
      ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      ['ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'],
      ['ppt/slides/slide1.xml', `<p:sld xmlns:p="p" xmlns:a="a"><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sld>`],
    ),
};

export interface ZipPart {
  name: string;
  /** stored as is */
  content?: Buffer;
  /** already deflated bytes, with the uncompressed size the central directory will claim */
  deflated?: { data: Buffer; declaredSize: number };
}

/**
 * A zip file, written by hand so a test can declare any sizes (a zip bomb
 * honest or lying about them). CRCs of deflated parts are left 0: the guard
 * under test never gets as far as checking them.
 */
export function zipOf(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const data = p.deflated ? p.deflated.data : p.content!;
    const size = p.deflated ? p.deflated.declaredSize : data.length;
    const crc = p.deflated ? 0 : zlib.crc32(data);
    const method = p.deflated ? 8 : 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    local.push(head, name, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += head.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/**
 * `mb` megabytes of zeros as raw deflate, built without ever holding them:
 * one megabyte deflated and ended with a sync flush is a byte-aligned,
 * non-final block, so repeating it and adding an empty final block is a
 * valid stream that inflates to mb × 1 MB (about 1 KB per MB here).
 */
export function deflatedZeros(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A PDF whose one FlateDecode content stream inflates to `mb` MB (zlib header, then the repeated deflate blocks). */
export function pdfBomb(mb: number): Buffer {
  const data = Buffer.concat([Buffer.from([0x78, 0x9c]), deflatedZeros(mb)]);
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<</Length ${data.length}/Filter/FlateDecode>>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
  ]);
}

/** An .xlsx-shaped zip whose shared strings inflate to `mb` MB, declaring `declaredSize` bytes for them. */
export const xlsxBomb = (mb: number, declaredSize: number) =>
  zipOf([
    { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') },
    { name: 'xl/sharedStrings.xml', deflated: { data: deflatedZeros(mb), declaredSize } },
  ]);

export interface Part {
  name: string;
  filename?: string;
  content: Buffer | string;
}

export async function multipart(parts: Part[]): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const p of parts) {
    if (p.filename === undefined) form.append(p.name, typeof p.content === 'string' ? p.content : p.content.toString());
    else form.append(p.name, new Blob([typeof p.content === 'string' ? p.content : new Uint8Array(p.content)]), p.filename);
  }
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

type Requester = { request(method: 'POST', url: string, body: unknown, headers: Record<string, string>): Promise<LightMyRequestResponse> };

export async function upload(client: Requester, filename: string, content: Buffer | string): Promise<LightMyRequestResponse> {
  return uploadParts(client, [{ name: 'file', filename, content }]);
}

export async function uploadParts(client: Requester, parts: Part[]): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipart(parts);
  return client.request('POST', '/api/v1/attachments', payload, { 'content-type': contentType });
}

/** What a refused request must leave untouched: stored files and the audit trail. */
export async function writeCounts(db: Executor): Promise<{ attachments: number; audit: number }> {
  const r = (await db.execute(sql`SELECT (SELECT count(*) FROM attachments)::int AS a, (SELECT count(*) FROM audit_log)::int AS b`)) as unknown as {
    rows: { a: number; b: number }[];
  };
  return { attachments: r.rows[0]!.a, audit: r.rows[0]!.b };
}
