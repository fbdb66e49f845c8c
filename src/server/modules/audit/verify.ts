import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { auditLog } from '../../db/schema';
import { auditHash, auditMac, contentOf, genesisHash } from './hash';
import type { AuditKeyring } from './keyring';
import { checkpointSignatureValid, type AuditCheckpoint } from './checkpoint';

/** Records are kept at least this long (网络安全法 art. 21: six months); the trigger of 0001 enforces the same. */
export const AUDIT_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
  /** the first and last record kept */
  firstId: number | null;
  lastId: number | null;
  /** records signed with the key (since migration 0010), and older ones hashed only */
  keyed: number;
  legacy: number;
  /** checkpoints held against the chain, and the newest one's time */
  checkpoints: number;
  latestCheckpointAt: string | null;
}

export interface VerifyOptions {
  keys: AuditKeyring;
  /** the verifier's time, for the retention floor */
  now: Date;
  checkpoints?: AuditCheckpoint[];
  onProgress?: (checked: number) => void;
  batch?: number;
}

type Row = typeof auditLog.$inferSelect;

class Broken extends Error {
  constructor(
    readonly id: number | null,
    readonly why: string,
  ) {
    super(why);
  }
}

const fmt = (d: Date | string) => new Date(d).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';

/** Checks one record against the one before it: link, hash, and (for keyed records) sequence and MAC. */
function checkRecord(r: Row, prev: Row | null, keys: AuditKeyring): void {
  if (prev && r.prevHash !== prev.hash) {
    throw new Broken(r.id, 'prev_hash 与上一条记录的哈希不一致（记录被删除或插入）');
  }
  const content = contentOf(r);
  if (r.seq === null) {
    if (prev && prev.seq !== null) throw new Broken(r.id, '密钥签名链之后出现了未签名的记录（记录被伪造）');
    if (auditHash(r.prevHash, content) !== r.hash) throw new Broken(r.id, '记录内容与其哈希不一致（记录被篡改）');
    return;
  }
  if (prev) {
    const expected = prev.seq === null ? 1 : prev.seq + 1;
    if (r.seq !== expected) throw new Broken(r.id, `序号应为 ${expected}，实为 ${r.seq}（其间的记录被删除）`);
    if (r.prevAt?.getTime() !== prev.at.getTime()) throw new Broken(r.id, '记录所载上一条记录的时间与实际不符（记录被篡改）');
  }
  if (auditHash(r.prevHash, content, { seq: r.seq, prevAt: r.prevAt }) !== r.hash) {
    throw new Broken(r.id, '记录内容与其哈希不一致（记录被篡改）');
  }
  const key = r.keyId ? keys.byId.get(r.keyId) : undefined;
  if (!key) throw new Broken(r.id, `记录的签名密钥（${r.keyId ?? '无'}）不在本机密钥中（记录被伪造，或缺少旧密钥）`);
  if (!r.mac || auditMac(key, r.hash) !== r.mac) throw new Broken(r.id, '记录的签名（MAC）不符（记录被篡改后重新计算了哈希）');
}

/**
 * The first record kept may follow records pruned after the retention
 * period, never younger ones: a keyed record says when its predecessor was
 * written.
 */
function checkRetentionFloor(first: Row, now: Date): void {
  const pruned = first.seq === null ? first.prevHash !== genesisHash : first.seq > 1 || first.prevHash !== genesisHash;
  if (!pruned || first.seq === null || !first.prevAt) return;
  const ageDays = (now.getTime() - first.prevAt.getTime()) / DAY_MS;
  if (ageDays < AUDIT_RETENTION_DAYS) {
    throw new Broken(
      first.id,
      `最早的记录之前有未满 ${AUDIT_RETENTION_DAYS} 天的记录被删除（被删的上一条写于 ${fmt(first.prevAt)}）`,
    );
  }
}

interface Seen {
  firstId: number | null;
  lastId: number | null;
  count: number;
  /** the chain starts at the genesis record: nothing was pruned */
  complete: boolean;
  /** hash and number of records up to each checkpoint's head, as found */
  heads: Map<number, { hash: string; seq: number | null; countUpTo: number }>;
}

/** Holds each checkpoint against what the walk found: first and last id, head hash, count, retention floor. */
function checkCheckpoints(cps: AuditCheckpoint[], seen: Seen, keys: AuditKeyring, now: Date): void {
  for (const c of cps) {
    const when = fmt(c.at);
    if (!checkpointSignatureValid(c, keys)) throw new Broken(null, `检查点（${when}）的签名无效：检查点文件被改动，或缺少其密钥`);
    const head = seen.heads.get(c.headId);
    if (head) {
      if (head.hash !== c.headHash || head.seq !== c.headSeq) {
        throw new Broken(c.headId, `第 ${c.headId} 号记录与检查点（${when}）所载的哈希不符（记录链被重写）`);
      }
      if (seen.complete && head.countUpTo !== c.count) {
        throw new Broken(c.headId, `截至第 ${c.headId} 号应有 ${c.count} 条记录（检查点 ${when}），现有 ${head.countUpTo} 条`);
      }
      if (!seen.complete && head.countUpTo > c.count) {
        throw new Broken(c.headId, `截至第 ${c.headId} 号的记录比检查点（${when}）所载的还多（记录被插入）`);
      }
      continue;
    }
    if (seen.lastId === null || c.headId > seen.lastId) {
      throw new Broken(
        seen.lastId,
        `最新的记录被删除：检查点（${when}）记录到第 ${c.headId} 号，现在${seen.lastId === null ? '一条也没有' : `只到第 ${seen.lastId} 号`}`,
      );
    }
    const headAgeDays = (now.getTime() - new Date(c.headAt).getTime()) / DAY_MS;
    if (c.headId >= (seen.firstId ?? 0) || headAgeDays < AUDIT_RETENTION_DAYS) {
      throw new Broken(c.headId, `检查点（${when}）所载的第 ${c.headId} 号记录已不存在（未满 ${AUDIT_RETENTION_DAYS} 天的记录被删除）`);
    }
  }
}

/**
 * Walks the chain in id order, recomputing each hash and MAC, then holds
 * the checkpoints against it. Names the first broken record (or the
 * checkpoint that exposes a loss) in Chinese.
 */
export async function verifyAuditChain(db: Executor, opts: VerifyOptions): Promise<VerifyResult> {
  const cps = opts.checkpoints ?? [];
  const wanted = new Set(cps.map((c) => c.headId));
  const seen: Seen = { firstId: null, lastId: null, count: 0, complete: true, heads: new Map() };
  let keyed = 0;
  let prev: Row | null = null;
  let afterId = 0;
  const batch = opts.batch ?? 5000;
  const result = (ok: boolean, firstBrokenId: number | null, reason: string | null): VerifyResult => ({
    ok,
    checked: seen.count,
    firstBrokenId,
    reason,
    firstId: seen.firstId,
    lastId: seen.lastId,
    keyed,
    legacy: seen.count - keyed,
    checkpoints: cps.length,
    latestCheckpointAt: cps.reduce<string | null>((m, c) => (m === null || c.at > m ? c.at : m), null),
  });
  try {
    for (;;) {
      const rows = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(batch);
      if (rows.length === 0) break;
      for (const r of rows) {
        if (!prev) {
          checkRetentionFloor(r, opts.now);
          seen.firstId = r.id;
          seen.complete = r.prevHash === genesisHash;
        }
        checkRecord(r, prev, opts.keys);
        seen.count++;
        if (r.seq !== null) keyed++;
        seen.lastId = r.id;
        if (wanted.has(r.id)) seen.heads.set(r.id, { hash: r.hash, seq: r.seq, countUpTo: seen.count });
        prev = r;
        afterId = r.id;
      }
      opts.onProgress?.(seen.count);
    }
    checkCheckpoints(cps, seen, opts.keys, opts.now);
    // Since 0010 every write is signed, and every verify through the API follows the auditor's signed login:
    // a chain with records but none signed was rewritten into the old unsigned form (or nothing was written since the upgrade).
    if (seen.count > 0 && keyed === 0) {
      throw new Broken(
        seen.lastId,
        '审计日志中没有任何签名记录：整条链可能被改写为未签名的旧格式。若升级后确实尚未写入新记录，请先登录一次系统再校验',
      );
    }
  } catch (e) {
    if (e instanceof Broken) return result(false, e.id, e.why);
    throw e;
  }
  return result(true, null, null);
}
