import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { auditLog } from '../../db/schema';
import type { RequestMeta } from '../../http/context';
import type { Clock } from '../../clock';
import { auditHash, genesisHash, type AuditContent } from './hash';

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

/**
 * Appends one record to the hash chain, inside the caller's transaction so
 * the record exists exactly when the change does. The advisory lock orders
 * writers so each record chains to the one committed before it.
 */
export async function appendAudit(tx: Executor, clock: Clock, meta: RequestMeta, e: AuditEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727002)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const actor = meta.actor;
  const content: AuditContent = {
    at: clock.now(),
    userId: e.userId ?? actor?.userId ?? null,
    username: e.username ?? actor?.username ?? null,
    role: actor ? actor.roles.join(',') : null,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    result: e.result ?? 'success',
    ip: meta.ip || null,
    requestId: meta.requestId || null,
    detail: e.detail ?? {},
  };
  const prevHash = last?.hash ?? genesisHash;
  await tx.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/**
 * Walks the chain in id order, recomputing each hash. The first record kept
 * (older ones may have been pruned after 180 days) is trusted for its
 * prev_hash only.
 */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (checked: number) => void,
  batch = 5000,
): Promise<VerifyResult> {
  let afterId = 0;
  let prev: string | null = null;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (prev !== null && r.prevHash !== prev) {
        return { ok: false, checked, firstBrokenId: r.id, reason: 'prev_hash 与上一条记录的哈希不一致（记录被删除或插入）' };
      }
      const expect = auditHash(r.prevHash, {
        at: r.at,
        userId: r.userId,
        username: r.username,
        role: r.role,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        result: r.result,
        ip: r.ip,
        requestId: r.requestId,
        detail: r.detail,
      });
      if (expect !== r.hash) {
        return { ok: false, checked, firstBrokenId: r.id, reason: '记录内容与其哈希不一致（记录被篡改）' };
      }
      prev = r.hash;
      checked++;
      afterId = r.id;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}
