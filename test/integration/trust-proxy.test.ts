import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../support/app';
import { auditedAddress, spoofedLoginsMeetTheLimit } from '../support/proxy-cases';
import { ConfigError, loadConfig } from '../../src/server/config';

// A reverse proxy on this host (ZHONGSHU_TRUST_PROXY=1): the client is the entry it appended, the rightmost.
const ctx = await setupTestApp({ trustProxy: loadConfig({ ZHONGSHU_TRUST_PROXY: '1' }).trustProxy, loginRateLimitPerMinute: 30 });

describe('client address behind a proxy on this host', () => {
  it('spoofed leftmost entries share the real address and meet the login limit', async () => {
    await spoofedLoginsMeetTheLimit(ctx, (i, real) => `203.0.113.${i}, ${real}`);
  });

  it('the audit log records the address the proxy saw, not the one the client wrote', async () => {
    expect(await auditedAddress(ctx, '10.9.9.9, 198.51.100.21')).toBe('198.51.100.21');
  });
});

describe('ZHONGSHU_TRUST_PROXY', () => {
  it('takes off, 1 for a proxy on this host, or a list of addresses and CIDRs, and refuses "trust everyone" and hop counts', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ZHONGSHU_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ ZHONGSHU_TRUST_PROXY: '1' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ ZHONGSHU_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1']);
    expect(() => loadConfig({ ZHONGSHU_TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZHONGSHU_TRUST_PROXY: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZHONGSHU_TRUST_PROXY: 'proxy.example' })).toThrow(/ZHONGSHU_TRUST_PROXY/);
  });
});
