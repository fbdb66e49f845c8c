import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../support/app';
import { auditedAddress, spoofedLoginsMeetTheLimit } from '../support/proxy-cases';

// Two known proxies (ZHONGSHU_TRUST_PROXY=127.0.0.1,10.0.0.5): the client is the first address from the right that is neither.
const ctx = await setupTestApp({ trustProxy: ['127.0.0.1', '10.0.0.5'], loginRateLimitPerMinute: 30 });

describe('client address behind listed proxies', () => {
  it('spoofed leftmost entries share the real address and meet the login limit', async () => {
    await spoofedLoginsMeetTheLimit(ctx, (i, real) => `203.0.113.${i}, ${real}, 10.0.0.5`);
  });

  it('hops through the listed proxies are skipped, and the first other address is the client', async () => {
    expect(await auditedAddress(ctx, '10.9.9.9, 198.51.100.30, 10.0.0.5')).toBe('198.51.100.30');
  });
});
