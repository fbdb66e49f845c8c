import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Executor } from '../../db/connect';

/**
 * Sample files and multipart requests for the attachment tests. Bodies are
 * built by the platform's own FormData encoder (the one browsers' fetch
 * follows), so the tests send what a real client sends.
 */
export const samples = {
  pdf: (text = '') => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from(text), Buffer.from('\n%%EOF\n')]),
  png: () => Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  jpeg: () => Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  ole: () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
  zip: (...entries: string[]) =>
    Buffer.concat(entries.map((name) => Buffer.concat([Buffer.from('504b0304140000000000', 'hex'), Buffer.alloc(16), Buffer.from(name, 'latin1')]))),
  exe: () => Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(60)]),
};

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
