import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

/**
 * The key of the audit chain's MACs. It lives outside the database (an
 * environment variable or a file), so someone who can rewrite audit_log —
 * a DBA, a restored copy, a tampered data directory — cannot re-key the
 * records they changed. Several keys may be kept for rotation: every one
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
 * line ('#' comments), created with a fresh random key on first start
 * (mode 0600) so `npm start` needs no setup.
 */
export function loadAuditKeyring(audit: Config['audit'], log: (msg: string) => void = () => undefined): AuditKeyring {
  if (audit.keyHex) return ring([Buffer.from(audit.keyHex, 'hex')]);
  const file = audit.keyFile;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = crypto.randomBytes(32).toString('hex');
    const text = `# 中枢审计日志密钥（HMAC）。请另行备份，并与数据库分开保管；丢失后旧记录无法校验签名。\n${key}\n`;
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    log(`已生成审计日志密钥 ${file}：请备份，并与数据库分开保管（见 docs/OPERATIONS.md）`);
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
