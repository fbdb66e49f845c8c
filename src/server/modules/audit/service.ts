import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { auditLog } from '../../db/schema';
import type { RequestMeta } from '../../http/context';
import type { Clock } from '../../clock';
import { auditHash, auditMac, genesisHash, storedJson, storedText, type AuditContent } from './hash';
import { activeAuditKeyring } from './keyring';
import { AUDIT_CHAIN_LOCK } from './checkpoint';

export { verifyAuditChain, type VerifyResult } from './verify';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure';
  detail?: Record<string, unknown>;
  /** for events without a signed-in actor (login attempts) */
  username?: string;
  userId?: string;
}


const text = (s: string | null | undefined): string | null => (s == null ? null : storedText(s));

/**
 * Appends one record to the hash chain, inside the caller's transaction so
 * the record exists exactly when the change does. The advisory lock orders
 * writers so each record chains to the one committed before it, and its
 * sequence number is the last one plus one (a rolled-back writer leaves no gap).
 * Every value is hashed as the database will store it (storedJson,
 * storedText), and the hash is signed with the key kept outside the database.
 */
export async function appendAudit(tx: Executor, clock: Clock, meta: RequestMeta, e: AuditEntry): Promise<void> {
  const keys = activeAuditKeyring();
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditLog.hash, seq: auditLog.seq, at: auditLog.at })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  const actor = meta.actor;
  const content: AuditContent = {
    at: clock.now(),
    userId: e.userId ?? actor?.userId ?? null,
    username: text(e.username ?? actor?.username),
    role: actor ? storedText(actor.roles.join(',')) : null,
    action: storedText(e.action),
    objectType: text(e.objectType),
    objectId: text(e.objectId),
    result: e.result ?? 'success',
    ip: text(meta.ip || null),
    requestId: text(meta.requestId || null),
    detail: storedJson(e.detail ?? {}),
  };
  const prevHash = last?.hash ?? genesisHash;
  const link = { seq: (last?.seq ?? 0) + 1, prevAt: last?.at ?? null };
  const hash = auditHash(prevHash, content, link);
  await tx.insert(auditLog).values({
    ...content,
    prevHash,
    hash,
    seq: link.seq,
    prevAt: link.prevAt,
    keyId: keys.current.id,
    mac: auditMac(keys.current.key, hash),
  });
}
