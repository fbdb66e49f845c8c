import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
import type { Config } from '../../config';

/** argon2id; the cost is a setting, chosen so one login takes 50–150 ms here (docs/PERFORMANCE.md). */
export function hashPassword(pw: string, config: Pick<Config, 'argon2'>): Promise<string> {
  return hash(pw, {
    algorithm: ARGON2ID,
    memoryCost: config.argon2.memoryCost,
    timeCost: config.argon2.timeCost,
    parallelism: 1,
  });
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the username is unknown keeps the answer time
 * the same, so response time does not reveal which usernames exist.
 */
let dummy: Promise<string> | null = null;
export function dummyHash(config: Pick<Config, 'argon2'>): Promise<string> {
  dummy ??= hashPassword('zhongshu-no-such-user', config);
  return dummy;
}
