import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { passwordExpired } from '../../domain/password-policy';
import { roleLabels, type Role } from '../../../shared/roles';
import { changePassword, loadMe, login, logout } from './service';
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
      const me = await presentMe(deps, r.userId, r.csrfToken);
      return { ...me, mustChangePassword: r.mustChangePassword };
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

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: '当前用户' }, config: { duringPasswordChange: true } },
    async (req) => {
      const actor = actorOf(req);
      return presentMe(deps, actor.userId, actor.csrfToken ?? null);
    },
  );
}

async function presentMe(deps: Deps, userId: string, csrfToken: string | null) {
  const { u, unit } = await loadMe(deps, userId);
  const policy = await deps.policy.get();
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    unit,
    roles: u.roles,
    roleLabels: u.roles.map((r) => roleLabels[r as Role] ?? r),
    mustChangePassword: u.mustChangePassword || (!deps.config.demo && passwordExpired(u.passwordChangedAt, deps.clock.now(), policy)),
    passwordExpiresAt:
      policy.maxAgeDays > 0 ? new Date(u.passwordChangedAt.getTime() + policy.maxAgeDays * 86_400_000).toISOString() : null,
    csrfToken,
    demo: deps.config.demo,
  };
}
