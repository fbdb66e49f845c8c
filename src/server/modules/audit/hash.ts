import crypto from 'node:crypto';

/** SM3 where Node's OpenSSL offers it (GB/T 39786), SHA-256 otherwise. */
export const auditHashAlgorithm = crypto.getHashes().includes('sm3') ? 'sm3' : 'sha256';

export const genesisHash = '0'.repeat(64);

export interface AuditContent {
  at: Date;
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: 'success' | 'failure';
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so jsonb's reordering cannot change a hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** A record's hash covers the previous record's hash and all of its own content. */
export function auditHash(prevHash: string, c: AuditContent): string {
  const body = canonicalJson({
    prev: prevHash,
    at: c.at.toISOString(),
    userId: c.userId,
    username: c.username,
    role: c.role,
    action: c.action,
    objectType: c.objectType,
    objectId: c.objectId,
    result: c.result,
    ip: c.ip,
    requestId: c.requestId,
    detail: c.detail,
  });
  return crypto.createHash(auditHashAlgorithm).update(body, 'utf8').digest('hex');
}
