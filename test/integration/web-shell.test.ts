import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ManualClock } from '../../src/server/clock';
import { testConfig } from '../../src/server/config';
import { makeDeps } from '../../src/server/deps';
import { CSP_NONCE_PLACEHOLDER } from '../../src/server/http/web-shell';
import { freshDatabase } from '../support/db';
import { createOrg } from '../support/factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-web-'));
// As Vite writes it with html.cspNonce: the placeholder on its tags and in the meta the app reads.
fs.writeFileSync(
  path.join(dir, 'index.html'),
  `<!doctype html><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><title>中枢</title><script type="module" nonce="${CSP_NONCE_PLACEHOLDER}" src="/assets/app.js"></script>`,
);
fs.mkdirSync(path.join(dir, 'assets'));
fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
// A hashed bundle as the build leaves it: the file and its .br/.gz copies (scripts/precompress.ts).
const bundle = `export const words = ${JSON.stringify('督查督办台账'.repeat(2000))};\n`;
fs.writeFileSync(path.join(dir, 'assets', 'index-B5u6I0oC.js'), bundle);
fs.writeFileSync(path.join(dir, 'assets', 'index-B5u6I0oC.js.br'), zlib.brotliCompressSync(bundle));
fs.writeFileSync(path.join(dir, 'assets', 'index-B5u6I0oC.js.gz'), zlib.gzipSync(bundle));
fs.writeFileSync(path.join(dir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(2000)}</svg>`);
const database = await freshDatabase();
const deps = makeDeps(database.db, database.engine, new ManualClock(), testConfig());
const app = await buildApp(deps, { webDir: dir });
afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('page routes fall back to index.html; assets are served; missing assets and API paths are 404', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin/users?page=2' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    const asset = await app.inject({ method: 'GET', url: '/assets/old-build.js' });
    expect(asset.statusCode).toBe(404);
    // Unknown API paths are not revealed to anonymous callers: sign-in comes first.
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});

describe('headers', () => {
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  it('the HTML shell has a strict CSP with a fresh nonce per response, the same nonce in the page, and is not cached', async () => {
    const seen = new Set<string>();
    for (const url of ['/', '/workbench', '/matters/00000000-0000-4000-8000-000000000000']) {
      const page = await app.inject({ method: 'GET', url });
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("img-src 'self';");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      const nonce = nonceOf(csp)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(seen.has(nonce), 'a nonce is never reused').toBe(false);
      seen.add(nonce);
      expect(page.body).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect(page.body).not.toContain(CSP_NONCE_PLACEHOLDER);
      expect(page.headers['cache-control']).toBe('no-store');
    }
    // The file itself, placeholder and all, is never served raw.
    const raw = await app.inject({ method: 'GET', url: '/index.html' });
    expect(raw.body).not.toContain(CSP_NONCE_PLACEHOLDER);
  });

  it('API JSON is no-store (errors too); hashed assets may be cached', async () => {
    const org = await createOrg(app, deps);
    const sup = await org.login('supervisor');
    for (const url of ['/api/v1/me', '/api/v1/matters', '/api/v1/units/not-a-uuid', '/api/v1/nothing-here']) {
      const res = await sup.get(url);
      expect(String(res.headers['content-type']), url).toContain('application/json');
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.headers['cache-control']).not.toBe('no-store');
  });
});

describe('first load: compressed, and hashed assets cached for good', () => {
  const decode = (body: Buffer, encoding: unknown) =>
    encoding === 'br' ? zlib.brotliDecompressSync(body).toString() : encoding === 'gzip' ? zlib.gunzipSync(body).toString() : body.toString();

  it('a hashed bundle is sent precompressed in the encoding asked for, immutable for a year, and plain to a client that asks for none', async () => {
    for (const [accept, encoding] of [['br, gzip, deflate', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
      const res = await app.inject({ method: 'GET', url: '/assets/index-B5u6I0oC.js', headers: { 'accept-encoding': accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers['cache-control'], accept).toBe('public, max-age=31536000, immutable');
      expect(String(res.headers.vary), accept).toMatch(/accept-encoding/i);
      expect(String(res.headers['content-type']), accept).toContain('javascript');
      expect(decode(res.rawPayload, res.headers['content-encoding']), accept).toBe(bundle);
    }
  });

  it('files without a content hash are revalidated; the HTML shell is compressed and never stored', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg', headers: { 'accept-encoding': 'gzip' } });
    expect(icon.headers['cache-control']).toBe('no-cache');
    const shell = await app.inject({ method: 'GET', url: '/workbench', headers: { 'accept-encoding': 'br' } });
    expect(shell.headers['cache-control']).toBe('no-store');
    // The shell is short; what matters is that a compressed shell still carries its own nonce.
    const html = decode(shell.rawPayload, shell.headers['content-encoding']);
    expect(html).toContain('<title>中枢</title>');
    expect(html).not.toContain(CSP_NONCE_PLACEHOLDER);
  });

  it('API JSON is compressed on the fly when large and accepted, and stays no-store', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-store');
    const json = JSON.parse(decode(res.rawPayload, 'br')) as { openapi: string };
    expect(json.openapi).toMatch(/^3\./);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(JSON.stringify(json)) / 3);
  });
});
