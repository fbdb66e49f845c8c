import type { Deps } from '../../deps';
import type { Actor } from '../../http/context';

/**
 * Whether the actor may read the files linked to one business object: the
 * owning module answers with its own policy and unit scope, so a file is
 * exactly as visible as the matter (document, report…) it belongs to.
 * `fileId` lets an owner that shows some readers only part of itself (a
 * matter's limited view for a unit kept informed) decide file by file.
 */
export type AttachmentReadCheck = (deps: Deps, actor: Actor, ownerId: string, fileId?: string) => Promise<boolean>;

/** Owner types are short codes stored in every linked row ('matter', 'document'…). */
export const OWNER_TYPE = /^[a-z][a-z0-9_.-]{0,39}$/;

/*
 * A process-wide table, filled by the owning modules as they are imported:
 * the checks are plain functions of (deps, actor, id), so every app built in
 * the process (tests build several) shares them safely.
 */
const owners = new Map<string, AttachmentReadCheck>();

/**
 * Declares an owner type and who may read its files. Registering the same
 * function again is harmless (modules may be set up once per app); a second,
 * different check for a type already taken is a programming error.
 */
export function registerAttachmentOwner(ownerType: string, canRead: AttachmentReadCheck): void {
  if (!OWNER_TYPE.test(ownerType)) throw new Error(`attachment owner type "${ownerType}" must match ${OWNER_TYPE}`);
  const existing = owners.get(ownerType);
  if (existing && existing !== canRead) throw new Error(`attachment owner type "${ownerType}" is already registered`);
  owners.set(ownerType, canRead);
}

/** Unknown owner types deny: a file linked by a module that is not loaded stays hidden. */
export async function ownerAllowsRead(deps: Deps, actor: Actor, ownerType: string, ownerId: string, fileId?: string): Promise<boolean> {
  const canRead = owners.get(ownerType);
  return canRead ? canRead(deps, actor, ownerId, fileId) : false;
}
