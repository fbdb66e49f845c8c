import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { boolQuery, idParam, requiredText, text, version } from '../../http/schemas';
import { assertNotClassified } from '../../domain/text';
import { unitTypes } from '../../../shared/roles';
import { notFound } from '../../errors';
import { presentUnit } from './present';
import { createUnit, getUnit, listUnits, updateUnit } from './service';
import { pathInScope } from './scope';

const code = z
  .string()
  .trim()
  .min(1, '单位编码不能为空')
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, '单位编码只能包含字母、数字、下划线和连字符');

const unitBody = z.strictObject({
  name: requiredText(100, '单位名称'),
  shortName: text(30).nullish(),
  type: z.enum(unitTypes),
  parentId: z.uuid().nullish(),
  code,
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

const unitPatch = unitBody.partial().extend({ active: z.boolean().optional(), version });

export function unitRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: '单位列表（按可见范围）',
        querystring: z.strictObject({ includeInactive: boolQuery.optional() }),
      },
    },
    async (req) => {
      const rows = await listUnits(deps.db, actorOf(req), { includeInactive: req.query.includeInactive });
      return { items: rows.map(presentUnit) };
    },
  );

  app.get('/api/v1/units/:id', { schema: { tags: ['units'], summary: '单位详情', params: idParam } }, async (req) => {
    const u = await getUnit(deps.db, req.params.id);
    if (!u || !pathInScope(actorOf(req), u.path)) throw notFound('单位');
    return presentUnit(u);
  });

  app.post(
    '/api/v1/units',
    { schema: { tags: ['units'], summary: '新建单位', body: unitBody }, config: { roles: ['sysadmin'] } },
    async (req, reply) => {
      assertNotClassified(req.body.name, req.body.shortName);
      const row = await deps.db.transaction((tx) => createUnit(tx, deps.clock, metaOf(req), req.body));
      return reply.status(201).send(presentUnit(row));
    },
  );

  app.patch(
    '/api/v1/units/:id',
    { schema: { tags: ['units'], summary: '修改或停用单位', params: idParam, body: unitPatch }, config: { roles: ['sysadmin'] } },
    async (req) => {
      assertNotClassified(req.body.name, req.body.shortName);
      const row = await deps.db.transaction((tx) => updateUnit(tx, deps.clock, metaOf(req), req.params.id, req.body));
      return presentUnit(row);
    },
  );
}
