import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { boolQuery, email, idParam, page, pageSize, phone, requiredText, version } from '../../http/schemas';
import { assertNotClassified } from '../../domain/text';
import { allRoles } from '../../../shared/roles';
import { notFound } from '../../errors';
import type { Actor } from '../../http/context';
import { pathInScope } from '../units/scope';
import { getUnit } from '../units/service';
import { presentUser } from './present';
import { createUser, getUserRow, listUsers, resetPassword, setRoles, unlockUser, updateUser } from './service';

const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 位')
  .max(32, '用户名不能超过 32 位')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '用户名须以字母开头，只能包含字母、数字和 _ . -');

const createBody = z.strictObject({
  username,
  name: requiredText(50, '姓名'),
  unitId: z.uuid('所属单位编号格式不正确'),
  phone: phone.nullish(),
  email: email.nullish(),
});

const patchBody = z.strictObject({
  name: requiredText(50, '姓名').optional(),
  unitId: z.uuid().optional(),
  phone: phone.nullish(),
  email: email.nullish(),
  active: z.boolean().optional(),
  version,
});

const listQuery = z.strictObject({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  role: z.enum(allRoles).optional(),
  active: boolQuery.optional(),
  page,
  pageSize,
});

const isUserAdmin = (a: Actor) => a.roles.includes('sysadmin') || a.roles.includes('secadmin');
const versionBody = z.strictObject({ version });

export function userRoutes(app: App, deps: Deps): void {
  const present = async (actor: Actor, id: string) => {
    const u = await getUserRow(deps.db, id);
    const unit = u ? await getUnit(deps.db, u.unitId) : null;
    if (!u || !unit || !pathInScope(actor, unit.path)) throw notFound('用户');
    return presentUser(u, { id: unit.id, name: unit.name }, { admin: isUserAdmin(actor) });
  };

  app.get('/api/v1/users', { schema: { tags: ['users'], summary: '用户列表（按可见范围）', querystring: listQuery } }, async (req) => {
    const actor = actorOf(req);
    const { page: p, pageSize: size, ...filters } = req.query;
    const { rows, total } = await listUsers(deps.db, actor, { ...filters, limit: size, offset: (p - 1) * size });
    return {
      items: rows.map((r) => presentUser(r.u, r.unit, { admin: isUserAdmin(actor) })),
      total,
      page: p,
      pageSize: size,
    };
  });

  app.get('/api/v1/users/:id', { schema: { tags: ['users'], summary: '用户详情', params: idParam } }, async (req) =>
    present(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: '新建账号（角色由安全保密管理员授予）', body: createBody }, config: { roles: ['sysadmin'] } },
    async (req, reply) => {
      assertNotClassified(req.body.name);
      const { user, password } = await deps.db.transaction((tx) =>
        createUser(tx, deps, metaOf(req), { ...req.body, email: req.body.email || null }),
      );
      return reply.status(201).send({ user: await present(actorOf(req), user.id), oneTimePassword: password });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], summary: '修改或停用账号', params: idParam, body: patchBody }, config: { roles: ['sysadmin'] } },
    async (req) => {
      assertNotClassified(req.body.name);
      const body = req.body.email === '' ? { ...req.body, email: null } : req.body;
      await deps.db.transaction((tx) => updateUser(tx, deps, metaOf(req), req.params.id, body));
      return present(actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码（一次性密码）', params: idParam, body: versionBody }, config: { roles: ['sysadmin'] } },
    async (req) => {
      const { password } = await deps.db.transaction((tx) => resetPassword(tx, deps, metaOf(req), req.params.id, req.body.version));
      return { user: await present(actorOf(req), req.params.id), oneTimePassword: password };
    },
  );

  app.put(
    '/api/v1/users/:id/roles',
    {
      schema: {
        tags: ['users'],
        summary: '授予角色（三员分立）',
        params: idParam,
        body: z.strictObject({ roles: z.array(z.enum(allRoles)).max(8), version }),
      },
      config: { roles: ['secadmin'] },
    },
    async (req) => {
      await deps.db.transaction((tx) => setRoles(tx, deps, metaOf(req), req.params.id, req.body.roles, req.body.version));
      return present(actorOf(req), req.params.id);
    },
  );

  app.post(
    '/api/v1/users/:id/unlock',
    { schema: { tags: ['users'], summary: '解除登录锁定', params: idParam, body: versionBody }, config: { roles: ['secadmin'] } },
    async (req) => {
      await deps.db.transaction((tx) => unlockUser(tx, deps, metaOf(req), req.params.id, req.body.version));
      return present(actorOf(req), req.params.id);
    },
  );
}
