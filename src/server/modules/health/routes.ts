import { sql } from 'drizzle-orm';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';

export function healthRoutes(app: App, deps: Deps): void {
  app.get('/healthz', { schema: { tags: ['health'], summary: '进程存活' }, config: { public: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { schema: { tags: ['health'], summary: '数据库可用' }, config: { public: true } }, async (req, reply) => {
    try {
      await deps.db.execute(sql`SELECT 1`);
      return { status: 'ready', engine: deps.engine };
    } catch {
      // The app's error format, and the same retry hint as a request that lost its connection (DB_UNAVAILABLE).
      return reply
        .status(503)
        .header('retry-after', '2')
        .send({ error: { code: 'UNAVAILABLE', message: '数据库不可用，请稍后重试', requestId: req.id } });
    }
  });
}
