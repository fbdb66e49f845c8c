import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { actorOf, metaOf } from '../../http/auth';
import { idParam } from '../../http/schemas';
import { businessRoles } from '../../../shared/roles';
import { MAX_FILE_BYTES, MAX_FILE_MB, allowedTypesText } from './file-types';
import { checkUpload, deleteAttachment, getAttachmentContent, getAttachmentMeta, storeUpload } from './service';

const tags = ['attachments'];
/** 三员 do no business: admin accounts neither upload nor read business files. */
const businessOnly = { roles: businessRoles };

const uploadResponse = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const metaResponse = uploadResponse.extend({
  uploadedBy: z.string(),
  ownerType: z.string().nullable(),
  ownerId: z.string().nullable(),
});

/** Room for the multipart framing around the file (boundaries, part headers, a long file name). */
const MULTIPART_OVERHEAD = 64 * 1024;
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_FILE_MB} MB 的上限，请压缩或拆分后再上传`);
const notMultipart = () => new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 格式上传文件（字段名 file）');
const oneFileOnly = () => new AppError('VALIDATION_FAILED', '每次只能上传一个文件，表单字段名须为 file');

/** The multipart plugin's own failures, in the app's error vocabulary. */
function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  switch ((err as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return oneFileOnly();
  }
  // Everything else the parser throws is about the request's bytes (truncated or malformed form data).
  return new AppError('VALIDATION_FAILED', '上传的表单数据不完整或格式不正确，请重新上传');
}

/**
 * Reads the single part `file` into memory. The size is enforced twice: a
 * declared Content-Length far over the limit is refused before reading, and
 * busboy stops counting bytes at the limit for a body sent without one.
 */
async function readUpload(req: FastifyRequest): Promise<{ filename: string; content: Buffer }> {
  if (!req.isMultipart()) throw notMultipart();
  if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
  let upload: { filename: string; content: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file' || upload) throw oneFileOnly();
      upload = { filename: part.filename, content: await part.toBuffer() };
    }
  } catch (err) {
    throw uploadError(err);
  }
  if (!upload) throw new AppError('VALIDATION_FAILED', '没有收到文件，请选择要上传的文件（字段名 file）');
  return upload;
}

/** RFC 6266: a plain ASCII fallback for old clients, the exact UTF-8 name for everyone else. */
function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function attachmentRoutes(app: App, deps: Deps): void {
  // Multipart is parsed only inside this scope, so every other route still takes JSON alone;
  // its fileSize limit replaces the app's 1 MB bodyLimit, which covers bodies Fastify reads itself.
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 20 } });
    // A raw file body (octet-stream, image/png…) gets the upload hint rather than the app-wide "send JSON".
    scope.addContentTypeParser('*', (_req, _payload, done) => done(notMultipart(), undefined));
    scope.post(
      '/api/v1/attachments',
      {
        schema: {
          tags,
          summary: `上传附件（multipart/form-data，字段名 file，单个文件不超过 ${MAX_FILE_MB} MB）`,
          description: `表单只含一个文件字段 file。允许的类型：${allowedTypesText}；文件内容须与扩展名相符，文件名和文本内容不得含密级标识。上传后仅上传人可见，被业务引用后由业务模块决定谁可查看。`,
          consumes: ['multipart/form-data'],
          response: { 201: uploadResponse },
        },
        config: businessOnly,
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const file = await readUpload(req);
        const checked = await checkUpload(actor, file);
        const item = await deps.db.transaction((tx) => storeUpload(tx, deps.clock, metaOf(req), actor, checked));
        const { id, filename, mime, size, sha256, uploadedAt } = item;
        return reply.status(201).send({ id, filename, mime, size, sha256, uploadedAt });
      },
    );
  });

  app.get(
    '/api/v1/attachments/:id',
    { schema: { tags, summary: '下载附件', params: idParam }, config: businessOnly },
    async (req, reply) => {
      const { meta, content } = await getAttachmentContent(deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', meta.mime)
        .header('content-disposition', contentDisposition(meta.filename))
        .header('x-content-type-options', 'nosniff')
        // Opened directly in a tab, the file still runs no script and loads nothing.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );

  app.get(
    '/api/v1/attachments/:id/meta',
    { schema: { tags, summary: '附件信息', params: idParam, response: { 200: metaResponse } }, config: businessOnly },
    async (req) => getAttachmentMeta(deps, actorOf(req), req.params.id),
  );

  app.delete(
    '/api/v1/attachments/:id',
    {
      schema: { tags, summary: '删除附件（仅上传人，且尚未被业务使用）', params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } },
      config: businessOnly,
    },
    async (req) => {
      await deps.db.transaction((tx) => deleteAttachment(tx, deps.clock, metaOf(req), actorOf(req), req.params.id));
      return { ok: true as const };
    },
  );
}
