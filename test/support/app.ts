import { afterAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { ManualClock } from '../../src/server/clock';
import { testConfig, type Config } from '../../src/server/config';
import { makeDeps, type Deps } from '../../src/server/deps';
import type { App } from '../../src/server/http/app-type';
import type { Database } from '../../src/server/db/connect';
import { freshDatabase } from './db';

export interface TestContext {
  app: App;
  deps: Deps;
  database: Database & { url?: string };
  clock: ManualClock;
}

/**
 * One database and one app per test file, closed after the file. Tests get
 * isolation by creating their own org tree (factories.ts), not by truncating.
 */
export async function setupTestApp(over: Partial<Config> = {}): Promise<TestContext> {
  const database = await freshDatabase();
  const clock = new ManualClock();
  const deps = makeDeps(database.db, database.engine, clock, testConfig(over));
  const app = await buildApp(deps);
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return { app, deps, database, clock };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser-like client: carries the session cookie and the CSRF header. */
export interface Client {
  username: string;
  csrfToken: string;
  cookie: string;
  request(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export async function loginAs(app: App, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = res.json().csrfToken as string;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    username,
    csrfToken,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}
