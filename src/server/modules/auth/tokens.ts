import crypto from 'node:crypto';

/** Opaque random secrets; only their SHA-256 is stored, so a database leak reveals no usable token. */
export const newSecret = (prefix = ''): string => prefix + crypto.randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => crypto.createHash('sha256').update(secret).digest('hex');

export const SESSION_COOKIE = 'zs_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'zst_';
