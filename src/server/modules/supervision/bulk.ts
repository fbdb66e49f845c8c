import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { text, version } from '../../http/schemas';
import { AppError } from '../../errors';
import { act } from './service';

const bulkRemindBody = z.strictObject({
  items: z.array(z.strictObject({ id: z.uuid('编号格式不正确'), version })).min(1, '请选择事项').max(200, '一次最多催办 200 项'),
  comment: text(2000).optional(),
});

/**
 * 批量催办 from the ledger: each matter is its own action and transaction, so
 * one stale or closed matter does not stop the rest; the answer says which.
 */
export function bulkRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/matters/bulk/remind',
    { schema: { tags: ['supervision'], summary: '批量催办', body: bulkRemindBody }, config: { roles: ['supervisor'] } },
    async (req) => {
      const actor = actorOf(req);
      const results = [];
      for (const item of req.body.items) {
        try {
          await act(deps, metaOf(req), actor, item.id, item.version, { type: 'remind', comment: req.body.comment });
          results.push({ id: item.id, ok: true as const });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ id: item.id, ok: false as const, code: e.code, message: e.message });
        }
      }
      return { reminded: results.filter((r) => r.ok).length, results };
    },
  );
}
