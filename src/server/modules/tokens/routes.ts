import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { idParam, requiredText } from '../../http/schemas';
import { createToken, listTokens, presentToken, revokeToken } from './service';

const createBody = z.strictObject({
  name: requiredText(50, '令牌名称'),
  scope: z.enum(['read', 'write']),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});

export function tokenRoutes(app: App, deps: Deps): void {
  app.get('/api/v1/me/tokens', { schema: { tags: ['auth'], summary: '我的 API 令牌' } }, async (req) => ({
    items: (await listTokens(deps.db, actorOf(req).userId)).map(presentToken),
  }));

  app.post(
    '/api/v1/me/tokens',
    { schema: { tags: ['auth'], summary: '创建 API 令牌（令牌只显示一次）', body: createBody } },
    async (req, reply) => {
      const { token, row } = await deps.db.transaction((tx) => createToken(tx, deps.clock, metaOf(req), actorOf(req), req.body));
      return reply.status(201).send({ token, item: presentToken(row) });
    },
  );

  app.delete('/api/v1/me/tokens/:id', { schema: { tags: ['auth'], summary: '吊销 API 令牌', params: idParam } }, async (req) => {
    await deps.db.transaction((tx) => revokeToken(tx, deps.clock, metaOf(req), actorOf(req).userId, req.params.id));
    return { ok: true };
  });
}
