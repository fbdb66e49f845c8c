import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { idParam, requiredText } from '../../http/schemas';
import { AppError, notFound } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { businessRoles } from '../../../shared/roles';
import { appendAudit } from '../audit/service';

/** migrations/0006_saved_views.sql */
const matterViews = pgTable('matter_views', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  name: text('name').notNull(),
  query: text('query').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const MAX_VIEWS = 30;

const viewBody = z.strictObject({
  name: requiredText(30, '视图名称'),
  // kept as the UI's query string; it is only ever replayed through the ledger's own validation
  query: z.string().max(2000).regex(/^[\w\-.~%=&+,:]*$/, '查询条件格式不正确'),
});

const present = (v: typeof matterViews.$inferSelect) => ({ id: v.id, name: v.name, query: v.query, createdAt: v.createdAt.toISOString() });

/** 台账 saved views: each user's own named filter sets. */
export function matterViewRoutes(app: App, deps: Deps): void {
  const business = { roles: businessRoles };
  app.get('/api/v1/matter-views', { schema: { tags: ['supervision'], summary: '我的台账视图' }, config: business }, async (req) => ({
    items: (await deps.db.select().from(matterViews).where(eq(matterViews.userId, actorOf(req).userId)).orderBy(asc(matterViews.name))).map(present),
  }));

  app.post(
    '/api/v1/matter-views',
    { schema: { tags: ['supervision'], summary: '保存台账视图', body: viewBody }, config: business },
    async (req, reply) => {
      const actor = actorOf(req);
      assertNotClassified(req.body.name);
      const row = await deps.db.transaction(async (tx) => {
        const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(matterViews).where(eq(matterViews.userId, actor.userId))) as [{ n: number }];
        if (n >= MAX_VIEWS) throw new AppError('RULE_VIOLATION', `最多保存 ${MAX_VIEWS} 个视图，请先删除不用的视图`);
        const [dup] = await tx.select({ id: matterViews.id }).from(matterViews).where(and(eq(matterViews.userId, actor.userId), eq(matterViews.name, req.body.name)));
        if (dup) throw new AppError('DUPLICATE', `已有名为“${req.body.name}”的视图`);
        const [v] = await tx
          .insert(matterViews)
          .values({ id: crypto.randomUUID(), userId: actor.userId, name: req.body.name, query: req.body.query, createdAt: deps.clock.now() })
          .returning();
        await appendAudit(tx, deps.clock, metaOf(req), { action: 'matter.view.create', objectType: 'matter_view', objectId: v!.id, detail: { name: v!.name } });
        return v!;
      });
      return reply.status(201).send(present(row));
    },
  );

  app.delete(
    '/api/v1/matter-views/:id',
    { schema: { tags: ['supervision'], summary: '删除台账视图', params: idParam }, config: business },
    async (req) => {
      const actor = actorOf(req);
      await deps.db.transaction(async (tx) => {
        const gone = await tx
          .delete(matterViews)
          .where(and(eq(matterViews.id, req.params.id), eq(matterViews.userId, actor.userId)))
          .returning({ id: matterViews.id });
        if (gone.length === 0) throw notFound('视图');
        await appendAudit(tx, deps.clock, metaOf(req), { action: 'matter.view.delete', objectType: 'matter_view', objectId: req.params.id });
      });
      return { ok: true };
    },
  );
}
