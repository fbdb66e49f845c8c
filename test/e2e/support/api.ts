import assert from 'node:assert/strict';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { demoPassword, newPage } from './env';

export interface Session {
  csrfToken: string;
  request: APIRequestContext;
}

/**
 * Signs in through the API with the browser context's own request client, so
 * the session cookie lands in the same jar the page uses. Journeys that are
 * not about the login form start this way.
 */
export async function loginViaApi(context: BrowserContext, username: string, password = demoPassword): Promise<Session> {
  const res = await context.request.post('/api/v1/auth/login', { data: { username, password } });
  assert.equal(res.status(), 200, `login as ${username} failed: ${res.status()} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; mustChangePassword: boolean };
  assert.equal(me.mustChangePassword, false, `demo account ${username} must not need a password change`);
  return { csrfToken: me.csrfToken, request: context.request };
}

export async function apiJson<T>(
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  data?: unknown,
): Promise<T> {
  const res = await s.request.fetch(url, {
    method,
    data,
    headers: method === 'GET' ? {} : { 'x-csrf-token': s.csrfToken },
  });
  assert.ok(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A fresh page signed in as a demo account (through the API), with that session for API calls. */
export async function signedIn(
  browser: Browser,
  username: string,
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; api: Session }> {
  const s = await newPage(browser, viewport);
  return { ...s, api: await loginViaApi(s.context, username) };
}
