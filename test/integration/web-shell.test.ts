import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
