import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { attachments } from '../../db/schema';
import type { Clock } from '../../clock';
import type { Deps } from '../../deps';
import type { Actor, RequestMeta } from '../../http/context';
import { AppError, forbidden, notFound } from '../../errors';
import { isBusinessRole } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { checkFileContent } from './file-types';
import { assertFilenameNotClassified, sanitiseFilename } from './filename';
import { OWNER_TYPE, ownerAllowsRead } from './owners';

/** Everything but the bytes: lists and checks never load file content. */
const metaColumns = {
  id: attachments.id,
  ownerType: attachments.ownerType,
  ownerId: attachments.ownerId,
  filename: attachments.filename,
  mime: attachments.mime,
  size: attachments.size,
  sha256: attachments.sha256,
  uploadedBy: attachments.uploadedBy,
  uploadedAt: attachments.uploadedAt,
  unitId: attachments.unitId,
};
type MetaRow = { [K in keyof typeof metaColumns]: (typeof attachments.$inferSelect)[K] };

export interface AttachmentMeta {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  ownerType: string | null;
  ownerId: string | null;
}

export function presentAttachment(r: MetaRow): AttachmentMeta {
  return {
    id: r.id,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploadedAt.toISOString(),
    uploadedBy: r.uploadedBy,
    ownerType: r.ownerType,
    ownerId: r.ownerId,
  };
}

/** An upload that passed every check, ready to store. */
export interface CheckedUpload {
  filename: string;
  mime: string;
  content: Buffer;
}

/**
 * Every check an upload passes, before any transaction: business accounts
 * only (三员 do no business), a clean name without a 密级 marking, an
 * allowed type whose bytes match its extension, content without a marking
 * and no zip bomb. Reading a PDF or an Office file takes a while, and a
 * transaction held open meanwhile would hold PGlite's one connection.
 */
export async function checkUpload(actor: Actor, file: { filename: string; content: Buffer }): Promise<CheckedUpload> {
  if (!actor.roles.some(isBusinessRole)) throw forbidden('管理员账号不办理业务，不能上传附件');
  const filename = sanitiseFilename(file.filename);
  if (!filename) throw new AppError('VALIDATION_FAILED', '文件名不能为空');
  assertFilenameNotClassified(filename);
  const { mime } = await checkFileContent(filename, file.content);
  return { filename, mime, content: file.content };
}

/** Checks (checkUpload) and stores one uploaded file for its uploader, in the caller's transaction. */
export async function uploadAttachment(
  tx: Tx,
  clock: Clock,
  meta: RequestMeta,
  actor: Actor,
  file: { filename: string; content: Buffer },
): Promise<AttachmentMeta> {
  return storeUpload(tx, clock, meta, actor, await checkUpload(actor, file));
}

/** Stores an upload checkUpload passed, with its audit record. */
export async function storeUpload(tx: Tx, clock: Clock, meta: RequestMeta, actor: Actor, checked: CheckedUpload): Promise<AttachmentMeta> {
  const { filename, mime, content } = checked;
  const [row] = await tx
    .insert(attachments)
    .values({
      id: crypto.randomUUID(),
      filename,
      mime,
      size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content: sql`decode(${content.toString('base64')}, 'base64')`,
      uploadedBy: actor.userId,
      uploadedAt: clock.now(),
      unitId: actor.unitId,
    })
    .returning(metaColumns);
  await appendAudit(tx, clock, meta, {
    action: 'attachment.upload',
    objectType: 'attachment',
    objectId: row!.id,
    detail: { filename, mime, size: row!.size, sha256: row!.sha256 },
  });
  return presentAttachment(row!);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** PostgreSQL prints uuids in lower case; comparing in that form lets callers pass either. */
const distinctIds = (ids: readonly string[]) => [...new Set(ids.map((id) => id.toLowerCase()))];

/**
 * The uploader reads their own file until it is linked; from then on the
 * owning module decides. Anything else is "not found", so ids of other
 * people's files are never confirmed.
 */
async function mayRead(deps: Deps, actor: Actor, r: MetaRow): Promise<boolean> {
  if (r.ownerType === null || r.ownerId === null) return r.uploadedBy === actor.userId;
  return ownerAllowsRead(deps, actor, r.ownerType, r.ownerId, r.id);
}

export async function getAttachmentMeta(deps: Deps, actor: Actor, id: string): Promise<AttachmentMeta> {
  const [row] = await deps.db
    .select(metaColumns)
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)));
  if (!row || !(await mayRead(deps, actor, row))) throw notFound('附件');
  return presentAttachment(row);
}

/**
 * The policy is decided on the metadata first, so bytes are only loaded for
 * a reader. Bytes cross the driver as base64 text (here and on insert):
 * PGlite's own bytea conversion runs in JavaScript a byte at a time and held
 * the event loop ~2 s reading and ~5 s writing 20 MB; through encode/decode it
 * is ~0.1 s and ~0.6 s, and PostgreSQL is no slower (README.md has the figures).
 */
export async function getAttachmentContent(deps: Deps, actor: Actor, id: string): Promise<{ meta: AttachmentMeta; content: Buffer }> {
  const meta = await getAttachmentMeta(deps, actor, id);
  const [row] = await deps.db
    .select({ base64: sql<string>`encode(${attachments.content}, 'base64')` })
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)));
  if (!row) throw notFound('附件');
  return { meta, content: Buffer.from(row.base64, 'base64') };
}

/** Soft delete by the uploader while nothing uses the file; once linked it is evidence and stays. */
export async function deleteAttachment(tx: Tx, clock: Clock, meta: RequestMeta, actor: Actor, id: string): Promise<void> {
  const [row] = await tx
    .select(metaColumns)
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.deletedAt)))
    .for('update');
  if (!row || row.uploadedBy !== actor.userId) throw notFound('附件');
  if (row.ownerType !== null) throw new AppError('RULE_VIOLATION', `附件“${row.filename}”已作为业务材料使用，不能删除`);
  await tx.update(attachments).set({ deletedAt: clock.now() }).where(eq(attachments.id, id));
  await appendAudit(tx, clock, meta, { action: 'attachment.delete', objectType: 'attachment', objectId: id, detail: { filename: row.filename } });
}

/**
 * For a business command about to use these files: each must be the actor's
 * own upload, not deleted and not yet linked. The rows are locked until the
 * transaction ends, so a concurrent delete or link cannot slip in between
 * this check and linkAttachments.
 */
export async function assertAttachmentsUsable(tx: Tx, actor: Actor, ids: readonly string[]): Promise<void> {
  const unique = distinctIds(ids);
  if (unique.length === 0) return;
  const bad = unique.find((id) => !UUID.test(id));
  if (bad !== undefined) throw unusable(bad);
  const rows = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, unique),
        eq(attachments.uploadedBy, actor.userId),
        isNull(attachments.ownerType),
        isNull(attachments.deletedAt),
      ),
    )
    .for('update');
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw unusable(missing);
}

const unusable = (id: string) =>
  new AppError('RULE_VIOLATION', `附件 ${id.slice(0, 64)} 不可用：不存在、已删除、已被其他业务使用，或不是您本人上传的`);

/**
 * Hands the actor's unlinked uploads to a business object, in the caller's
 * transaction so the link exists exactly when the object (or its event)
 * does. From then on the owner type's read check governs access.
 */
export async function linkAttachments(
  tx: Tx,
  clock: Clock,
  meta: RequestMeta,
  actor: Actor,
  ids: readonly string[],
  ownerType: string,
  ownerId: string,
): Promise<AttachmentMeta[]> {
  if (!OWNER_TYPE.test(ownerType)) throw new Error(`attachment owner type "${ownerType}" must match ${OWNER_TYPE}`);
  if (!ownerId || ownerId.length > 100) throw new Error('attachment owner id must be 1–100 characters');
  const unique = distinctIds(ids);
  if (unique.length === 0) return [];
  await assertAttachmentsUsable(tx, actor, unique);
  const rows = await tx
    .update(attachments)
    .set({ ownerType, ownerId })
    .where(inArray(attachments.id, unique))
    .returning(metaColumns);
  for (const r of rows) {
    await appendAudit(tx, clock, meta, {
      action: 'attachment.link',
      objectType: 'attachment',
      objectId: r.id,
      detail: { filename: r.filename, ownerType, ownerId },
    });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => presentAttachment(byId.get(id)!));
}

/** An owner's files, oldest first. The caller has already decided the actor may see the owner. */
export async function listAttachments(db: Executor, ownerType: string, ownerId: string): Promise<AttachmentMeta[]> {
  const rows = await db
    .select(metaColumns)
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
  return rows.map(presentAttachment);
}
