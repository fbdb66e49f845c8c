import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ManualClock } from '../../src/server/clock';
import { testConfig } from '../../src/server/config';
import { makeDeps } from '../../src/server/deps';
import { freshDatabase } from '../support/db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-web-'));
fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>中枢</title>');
fs.mkdirSync(path.join(dir, 'assets'));
fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
const database = await freshDatabase();
const app = await buildApp(makeDeps(database.db, database.engine, new ManualClock(), testConfig()), { webDir: dir });
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
