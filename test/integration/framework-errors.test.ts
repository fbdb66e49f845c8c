import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../support/app';
import { createOrg } from '../support/factories';

/**
 * Answers that Fastify and Node give before any route runs (router, query
 * decoding, HTTP parser) come in the app's own error format: a stable code,
 * a Chinese message and a request id, which is also the x-request-id header.
 */
const ctx = await setupTestApp();
const hasChinese = /[\u4e00-\u9fa5]/;

function expectAppError(headers: Record<string, unknown>, body: string, code: string) {
  const err = JSON.parse(body).error;
  expect(err.code, body).toBe(code);
  expect(err.message, body).toMatch(hasChinese);
  expect(err.requestId, body).toMatch(/^[\w-]{8,64}$/);
  expect(headers['x-request-id']).toBe(err.requestId);
  expect(String(headers['content-type'])).toContain('application/json');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
}

/** Sends raw bytes to a listening server and returns what comes back before it closes. */
async function raw(port: number, request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('connect', () => socket.write(request));
    setTimeout(() => reject(new Error('no answer')), 10_000).unref();
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('framework-level errors', () => {
  it('a path segment beyond the router limit is 414 URI_TOO_LONG', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/matters/${'a'.repeat(200)}` });
    expect(res.statusCode).toBe(414);
    expectAppError(res.headers, res.body, 'URI_TOO_LONG');
  });

  it('a percent-encoding that does not decode, in the path or the query, is 400 INVALID_URL', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    for (const url of ['/api/v1/matters/%E0%A4%A', '/api/v1/matters?q=%ZZ', '/api/v1/matters?q=%ED%A0%80', '/api/v1/users?q=ab%', '/api/v1/users?%E0=1']) {
      const res = await sup.get(url);
      expect(res.statusCode, url).toBe(400);
      expectAppError(res.headers, res.body, 'INVALID_URL');
    }
    // Well-formed escapes of Chinese text still search.
    expect((await sup.get(`/api/v1/matters?q=${encodeURIComponent('督查')}`)).statusCode).toBe(200);
  });

  it('the HTTP parser: malformed request 400, URL beyond 16 KB 431, both in the app format', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.app.server.address() as net.AddressInfo).port;
    const bad = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(bad.status).toBe(400);
    expectAppError(bad.headers, bad.body, 'BAD_REQUEST');
    const long = await raw(port, `GET /api/v1/matters?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long.status).toBe(431);
    expectAppError(long.headers, long.body, 'HEADERS_TOO_LARGE');
    const nul = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n');
    expect(nul.status).toBe(400);
    expectAppError(nul.headers, nul.body, 'BAD_REQUEST');
    // A good request on the same server is unaffected.
    const ok = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.status).toBe(200);
  });
});
