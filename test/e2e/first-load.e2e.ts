import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseURL } from './support/env';

/**
 * The real build as a browser meets it (the integration test web-shell.test.ts
 * checks the server on a hand-made build): the shell is never stored, and
 * every script and stylesheet it names comes precompressed and immutable.
 */
test('first load: the shell is not stored; each hashed asset it names is brotli-compressed and immutable for a year', async () => {
  const shell = await fetch(`${baseURL}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(shell.status, 200);
  assert.equal(shell.headers.get('cache-control'), 'no-store');
  const html = await shell.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  assert.ok(assets.length >= 2, `the shell names its script and stylesheet: ${html}`);
  for (const asset of assets) {
    // Node's fetch decodes the body; the header says what went over the wire.
    const res = await fetch(`${baseURL}${asset}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200, asset);
    assert.equal(res.headers.get('content-encoding'), 'br', asset);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', asset);
    assert.ok((await res.text()).length > 0, asset);
  }
});
