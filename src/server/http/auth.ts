import type { FastifyInstance, FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/connect';
import { apiTokens, sessions, units, users } from '../db/schema';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { Role } from '../../shared/roles';
import { API_TOKEN_PREFIX, CSRF_HEADER, SESSION_COOKIE, hashSecret } from '../modules/auth/tokens';
import { actorIdentity, type Actor, type RequestMeta } from './context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean;
    /** the caller must hold one of these roles */
    roles?: readonly Role[];
    /** reachable while a password change is pending (change password, me, logout) */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

export function metaOf(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, requestId: req.id, actor: req.actor };
}

/** The signed-in caller; routes that are not public can rely on it. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.actor;
}

/**
 * The two lookups every request makes, as named prepared statements: the
 * planner's work on this three-table join was most of a request's cost
 * (measured in docs/PERFORMANCE.md). Prepared per database handle.
 */
function prepareAuthQueries(db: Db) {
  const unitCols = { unitPath: units.path, unitName: units.name };
  return {
    session: db
      .select({ s: sessions, u: users, ...unitCols })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.endedAt)))
      .prepare('auth_session'),
    token: db
      .select({ t: apiTokens, u: users, ...unitCols })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
      .prepare('auth_api_token'),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepareAuthQueries>>();
function authQueries(db: Db) {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareAuthQueries(db)));
  return q;
}

async function fromSession(deps: Deps, token: string): Promise<Actor | null> {
  const [row] = await authQueries(deps.db).session.execute({ hash: hashSecret(token) });
  if (!row || !row.u.active) return null;
  const now = deps.clock.now();
  const policy = await deps.policy.get();
  if (now.getTime() - row.s.lastSeenAt.getTime() > policy.idleTimeoutMinutes * 60_000) {
    await deps.db.update(sessions).set({ endedAt: now }).where(eq(sessions.id, row.s.id));
    throw new AppError('SESSION_EXPIRED', `长时间未操作（超过 ${policy.idleTimeoutMinutes} 分钟），请重新登录`);
  }
  // Touch at most once a minute: idle timeout needs minute precision, not a write per request.
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
  }
  return {
    ...actorIdentity(row.u, { name: row.unitName, path: row.unitPath }),
    via: 'session',
    scope: 'write',
    sessionId: row.s.id,
    mustChangePassword: row.u.mustChangePassword,
    csrfToken: row.s.csrfToken,
  };
}

async function fromApiToken(deps: Deps, token: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const [row] = await authQueries(deps.db).token.execute({ hash: hashSecret(token) });
  if (!row || !row.u.active) return null;
  if (row.t.expiresAt && row.t.expiresAt <= now) return null;
  if (!row.t.lastUsedAt || now.getTime() - row.t.lastUsedAt.getTime() > 60_000) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.t.id));
  }
  return {
    ...actorIdentity(row.u, { name: row.unitName, path: row.unitPath }),
    via: 'token',
    scope: row.t.scope,
    mustChangePassword: false,
  };
}

/**
 * Authenticates before the body is parsed, so nobody unauthenticated gets as
 * far as validation. Cookie sessions must echo their CSRF token on every
 * state-changing request; API tokens are not sent by browsers on their own
 * and need none, but a read-scoped token may only read.
 */
export function installAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config;
    if (cfg.public) return;
    let actor: Actor | null = null;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const token = authz.slice(7).trim();
      if (token.startsWith(API_TOKEN_PREFIX)) actor = await fromApiToken(deps, token);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'API 令牌无效、已过期或已吊销');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) actor = await fromSession(deps, token);
      if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
      if (!safeMethods.has(req.method) && !sameSecret(req.headers[CSRF_HEADER], actor.csrfToken ?? '')) {
        throw new AppError('CSRF_FAILED', '请求校验失败（CSRF），请刷新页面后重试');
      }
    }
    req.actor = actor;
    if (actor.scope === 'read' && !safeMethods.has(req.method)) {
      throw new AppError('TOKEN_SCOPE', '该 API 令牌为只读，不能修改数据');
    }
    if (actor.mustChangePassword && !cfg.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    if (cfg.roles && !cfg.roles.some((r) => actor.roles.includes(r))) {
      throw new AppError('FORBIDDEN', '无权访问此功能');
    }
  });
}
