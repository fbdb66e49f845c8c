import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

/**
 * The key of the audit chain's MACs. It lives outside the database (an
 * environment variable or a file), so someone who can rewrite audit_log —
 * a DBA, a restored copy, an edited pgdata — cannot re-key the records they
 * changed. (The default key file sits in the data directory beside pgdata,
 * for a zero-setup start; OPERATIONS.md says to move it.) Several keys may be kept for rotation: every one
 * verifies the records it signed (by key id), the last one signs.
 */
export interface AuditKeyring {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

/** A short public name of a key, stored with each record (never the key itself). */
export const auditKeyId = (key: Buffer): string => crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);

function ring(keys: Buffer[]): AuditKeyring {
  const byId = new Map(keys.map((k) => [auditKeyId(k), k] as const));
  const last = keys[keys.length - 1]!;
  return { current: { id: auditKeyId(last), key: last }, byId };
}

export class AuditKeyError extends Error {}

/**
 * ZHONGSHU_AUDIT_KEY (hex) when given; else the key file, one hex key per
 * line ('#' comments). A missing key is an error here: only
 * ensureAuditKey, at start, may create one.
 */
export function loadAuditKeyring(audit: Config['audit']): AuditKeyring {
  if (audit.keyHex) return ring([Buffer.from(audit.keyHex, 'hex')]);
  const file = audit.keyFile;
  if (!fs.existsSync(file)) {
    throw new AuditKeyError(
      `找不到审计日志密钥 ${file}：请设置 ZHONGSHU_AUDIT_KEY，或以 ZHONGSHU_AUDIT_KEY_FILE 指向服务所用的密钥文件 / audit key not found`,
    );
  }
  const keys = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const bad = keys.find((k) => !/^[0-9a-fA-F]{64,}$/.test(k));
  if (keys.length === 0 || bad !== undefined) {
    throw new AuditKeyError(`审计日志密钥文件 ${file} 无效：每行应为至少 64 位十六进制 / invalid audit key file`);
  }
  return ring(keys.map((k) => Buffer.from(k, 'hex')));
}

/**
 * At start (serve, and every CLI command): when no key is given and the key
 * file is missing, create it with a fresh random key (mode 0600) — but only
 * while the audit log holds no signed record. Once records are signed, a
 * new key would make them all unverifiable, so a process that cannot find
 * the key (another host, a CLI run without the server's settings) stops with
 * a message instead of signing with a key of its own.
 */
export function ensureAuditKey(audit: Config['audit'], hasSignedRecords: boolean, log: (msg: string) => void = () => undefined): void {
  if (audit.keyHex || fs.existsSync(audit.keyFile)) return;
  if (hasSignedRecords) {
    throw new AuditKeyError(
      `找不到审计日志密钥 ${audit.keyFile}，而审计日志中已有签名记录：请设置 ZHONGSHU_AUDIT_KEY，或以 ZHONGSHU_AUDIT_KEY_FILE 指向服务所用的密钥文件；不会另建新密钥 / audit key not found`,
    );
  }
  fs.mkdirSync(path.dirname(audit.keyFile), { recursive: true });
  const key = crypto.randomBytes(32).toString('hex');
  const text = `# 中枢审计日志密钥（HMAC）。请另行备份，并与数据库分开保管；丢失后旧记录无法校验签名。\n${key}\n`;
  try {
    fs.writeFileSync(audit.keyFile, text, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process starting at the same moment wrote it first: use that one.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw e;
  }
  log(`已生成审计日志密钥 ${audit.keyFile}：请备份，并移到数据目录之外、与数据库分开保管（见 docs/OPERATIONS.md）`);
}

/**
 * The keyring of this process. The audit writer is called from every
 * service with only its transaction, clock and request meta; threading the
 * key through each of them would put a secret into forty signatures, so the
 * process installs it once at start (makeDeps) and the writer reads it here.
 */
let active: AuditKeyring | null = null;

export function useAuditKeyring(k: AuditKeyring): void {
  active = k;
}

export function activeAuditKeyring(): AuditKeyring {
  if (!active) throw new Error('audit key not loaded: makeDeps() installs it at start');
  return active;
}
