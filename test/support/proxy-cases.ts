import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TestContext } from './app';
import { createOrg, TEST_PASSWORD } from './factories';
import { auditLog } from '../../src/server/db/schema';

/**
 * Behind a reverse proxy the client can write anything into
 * X-Forwarded-For; only what the trusted proxies appended counts. Trusting
 * the leftmost entry let 35 logins from one client appear as 35 addresses
 * and escape the per-address login limit. Shared by the hop-count and the
 * address-list suites (one app per test file: modules register once per process).
 */
export async function spoofedLoginsMeetTheLimit(ctx: TestContext, forwardedFor: (i: number, real: string) => string) {
  const statuses: number[] = [];
  for (let i = 1; i <= 35; i++) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor(i, '198.51.100.7') },
      payload: { username: `nobody-${i}`, password: 'wrong-password' },
    });
    statuses.push(res.statusCode);
  }
  expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
  expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
  // Another real client behind the same proxy is not limited by the first one's attempts.
  const other = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': forwardedFor(99, '198.51.100.8') },
    payload: { username: 'nobody', password: 'wrong-password' },
  });
  expect(other.statusCode).not.toBe(429);
}

/** Signs in with the given header and returns the address its audit record holds. */
export async function auditedAddress(ctx: TestContext, forwardedFor: string): Promise<string | null | undefined> {
  const org = await createOrg(ctx.app, ctx.deps);
  const requestId = `proxy-${org.tag}-${Math.random().toString(36).slice(2, 10)}`;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': forwardedFor, 'x-request-id': requestId },
    payload: { username: org.users.staff.username, password: TEST_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const [row] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
  return row?.ip;
}
