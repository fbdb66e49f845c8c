import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { passwordExpired } from '../../domain/password-policy';
import { roleLabels } from '../../../shared/roles';
import type { Actor } from '../../http/context';
import { changePassword, login, logout } from './service';
import { SESSION_COOKIE } from './tokens';

const loginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export function authRoutes(app: App, deps: Deps): void {
  const setSessionCookie = (reply: FastifyReply, token: string | null) => {
    const opts = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.secureCookie };
    if (token) reply.setCookie(SESSION_COOKIE, token, opts);
    else reply.clearCookie(SESSION_COOKIE, opts);
  };

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: loginBody },
      config: {
        public: true,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
    },
    async (req, reply) => {
      const r = await login(deps, metaOf(req), req.body.username, req.body.password, req.headers['user-agent']);
      setSessionCookie(reply, r.sessionToken);
      return presentMe(deps, r.actor);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录' }, config: { duringPasswordChange: true } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (actor.sessionId) await logout(deps, metaOf(req), actor.sessionId);
      setSessionCookie(reply, null);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/auth/password',
    { schema: { tags: ['auth'], summary: '修改密码', body: passwordBody }, config: { duringPasswordChange: true } },
    async (req) => {
      const actor = actorOf(req);
      await changePassword(deps, metaOf(req), actor.userId, req.body.currentPassword, req.body.newPassword);
      return { ok: true };
    },
  );

  // The rules every user must meet, readable by everyone (the full policy stays with secadmin).
  app.get(
    '/api/v1/auth/password-policy',
    { schema: { tags: ['auth'], summary: '密码规则' }, config: { duringPasswordChange: true } },
    async () => {
      const p = await deps.policy.get();
      return { minLength: p.minLength, minClasses: p.minClasses, historyCount: p.historyCount, maxAgeDays: p.maxAgeDays };
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: '当前用户' }, config: { duringPasswordChange: true } },
    async (req) => {
      const actor = actorOf(req);
      return presentMe(deps, actor);
    },
  );
}

/** Built from the actor the auth hook already loaded: /me costs no extra query. */
async function presentMe(deps: Deps, actor: Actor) {
  const policy = await deps.policy.get();
  const expired = !deps.config.demo && passwordExpired(actor.passwordChangedAt, deps.clock.now(), policy);
  return {
    id: actor.userId,
    username: actor.username,
    name: actor.name,
    unit: { id: actor.unitId, name: actor.unitName },
    roles: actor.roles,
    roleLabels: actor.roles.map((r) => roleLabels[r] ?? r),
    mustChangePassword: actor.mustChangePassword || expired,
    passwordExpiresAt:
      policy.maxAgeDays > 0 ? new Date(actor.passwordChangedAt.getTime() + policy.maxAgeDays * 86_400_000).toISOString() : null,
    csrfToken: actor.csrfToken ?? null,
    demo: deps.config.demo,
  };
}
