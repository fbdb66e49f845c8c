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

/** The hashed content of a stored record, as its row gives it back. */
export function contentOf(r: AuditContent): AuditContent {
  return {
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
  };
}

/**
 * The keyed chain (records written since migration 0010): a gapless
 * sequence number and the time of the record before, both under the hash,
 * so a missing record shows as a gap and the first record kept says how
 * old its lost predecessor was (the 180-day retention floor).
 */
export interface ChainLink {
  seq: number;
  prevAt: Date | null;
}

/**
 * Text as PostgreSQL will store it: NUL cannot be stored in text or jsonb,
 * and an unpaired surrogate reaches the database as U+FFFD (both drivers
 * encode UTF-8 with replacement). Hashing the string before that change
 * made the record fail its own verification.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const loneSurrogateOrNul = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;
export function storedText(s: string): string {
  return s.replace(loneSurrogateOrNul, '\uFFFD');
}

/**
 * A detail object exactly as jsonb gives it back: what JSON.stringify
 * writes (Dates as ISO strings, undefined dropped, NaN and Infinity as
 * null, class instances as their own enumerable fields), with every string
 * and key as storedText. The writer stores and hashes this value, so a
 * record's hash never depends on a JavaScript type the database does not
 * keep (the export's Date query once hashed as {} and was stored as a string).
 */
export function storedJson(v: unknown): Record<string, unknown> {
  const text = JSON.stringify(v ?? {});
  const parsed = JSON.parse(text === undefined ? '{}' : text) as unknown;
  const clean = (x: unknown): unknown => {
    if (typeof x === 'string') return storedText(x);
    if (Array.isArray(x)) return x.map(clean);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(x)) out[storedText(k)] = clean(val);
      return out;
    }
    return x;
  };
  const root = clean(parsed);
  return root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : { value: root };
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

/**
 * A record's hash covers the previous record's hash and all of its own
 * content; records of the keyed chain also cover their link (seq, prevAt).
 * Records from before the link existed hash without it, as they were written.
 */
export function auditHash(prevHash: string, c: AuditContent, link?: ChainLink | null): string {
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
    ...(link ? { seq: link.seq, prevAt: link.prevAt?.toISOString() ?? null } : {}),
  });
  return crypto.createHash(auditHashAlgorithm).update(body, 'utf8').digest('hex');
}

/** HMAC (SM3 or SHA-256, as the chain) of a text under the audit key. */
export function auditMac(key: Buffer, text: string): string {
  return crypto.createHmac(auditHashAlgorithm, key).update(text, 'utf8').digest('hex');
}
