import fs from 'node:fs';
import path from 'node:path';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect';
import { auditLog } from '../../db/schema';
import type { Clock } from '../../clock';
import { auditMac, canonicalJson } from './hash';
import type { AuditKeyring } from './keyring';

/**
 * A signed statement of the chain's state at a moment: its first and last
 * record, the last one's hash and sequence number, and how many records
 * there were. Kept outside the database (a file, and the auditor's own
 * copies), it lets a later verify see what the chain alone cannot: the
 * newest records deleted, or the whole chain rewritten.
 */
export interface AuditCheckpoint {
  v: 1;
  at: string;
  firstId: number;
  headId: number;
  headSeq: number | null;
  headHash: string;
  headAt: string;
  count: number;
  keyId: string;
  mac: string;
}

/** The advisory lock that orders audit writers; checkpoints take it too, to read a head no writer is extending. */
export const AUDIT_CHAIN_LOCK = 727002;

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

const signed = (c: Omit<AuditCheckpoint, 'mac'>) => canonicalJson(c);

export function signCheckpoint(c: Omit<AuditCheckpoint, 'mac'>, keys: AuditKeyring): AuditCheckpoint {
  return { ...c, mac: auditMac(keys.current.key, signed(c)) };
}

/** True when the checkpoint was signed by one of the keys (and not altered since). */
export function checkpointSignatureValid(c: AuditCheckpoint, keys: AuditKeyring): boolean {
  const key = keys.byId.get(c.keyId);
  if (!key) return false;
  const { mac, ...rest } = c;
  return auditMac(key, signed(rest)) === mac;
}

/** Reads the chain's head under the writers' lock, so no record is half-counted; null for an empty chain. */
export async function takeCheckpoint(db: Db, clock: Clock, keys: AuditKeyring): Promise<AuditCheckpoint | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [head] = await tx
      .select({ id: auditLog.id, seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    if (!head) return null;
    const [first] = await tx.select({ id: auditLog.id }).from(auditLog).orderBy(asc(auditLog.id)).limit(1);
    const [{ count }] = (await tx.select({ count: sql<number>`count(*)::int` }).from(auditLog)) as [{ count: number }];
    return signCheckpoint(
      {
        v: 1,
        at: clock.now().toISOString(),
        firstId: first!.id,
        headId: head.id,
        headSeq: head.seq,
        headHash: head.hash,
        headAt: head.at.toISOString(),
        count,
        keyId: keys.current.id,
      },
      keys,
    );
  });
}

/** One JSON line per checkpoint, appended and flushed to disk. */
export function appendCheckpoint(dir: string, c: AuditCheckpoint): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CHECKPOINT_FILE);
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(c)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

export interface CheckpointFile {
  checkpoints: AuditCheckpoint[];
  /** 1-based line numbers that are not checkpoints: a damaged or edited file */
  badLines: number[];
}

export function parseCheckpoints(text: string): CheckpointFile {
  const checkpoints: AuditCheckpoint[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as AuditCheckpoint;
      if (c.v !== 1 || !Number.isSafeInteger(c.headId) || typeof c.headHash !== 'string' || typeof c.mac !== 'string') throw new Error();
      checkpoints.push(c);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { checkpoints, badLines };
}

export function readCheckpointFile(file: string): CheckpointFile {
  return fs.existsSync(file) ? parseCheckpoints(fs.readFileSync(file, 'utf8')) : { checkpoints: [], badLines: [] };
}

export const checkpointFileOf = (dir: string) => path.join(dir, CHECKPOINT_FILE);

/**
 * Takes a checkpoint and appends it to the folder's file, unless the chain
 * has not moved since the last one there. The hourly job and every verify
 * call this.
 */
export async function recordCheckpoint(
  deps: { db: Db; clock: Clock; auditKeys: AuditKeyring; config: { audit: { checkpointDir: string } } },
): Promise<AuditCheckpoint | null> {
  const c = await takeCheckpoint(deps.db, deps.clock, deps.auditKeys);
  if (!c) return null;
  const dir = deps.config.audit.checkpointDir;
  const last = readCheckpointFile(checkpointFileOf(dir)).checkpoints.at(-1);
  if (last && last.headId === c.headId && last.headHash === c.headHash && last.count === c.count) return null;
  appendCheckpoint(dir, c);
  return c;
}
