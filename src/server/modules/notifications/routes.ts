import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf } from '../../http/auth';
import { channelRoutes } from './channel-routes';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox';
import { outboxRoutes } from './outbox-routes';
import { presentNotification } from './present';
import { idParams, inboxQuery } from './schema';

const tags = ['notifications'];

/** In-app notifications for the signed-in user, plus the sysadmin's channel, outbox and mail settings. */
export function notificationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/notifications',
    { schema: { tags, summary: '我的通知列表', querystring: inboxQuery } },
    async (req) => {
      const { unread, page, pageSize } = req.query;
      const r = await listInbox(deps.db, actorOf(req).userId, {
        unread: unread === undefined ? undefined : unread === 'true',
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: r.rows.map(presentNotification), total: r.total, unread: r.unread };
    },
  );

  app.get('/api/v1/notifications/unread-count', { schema: { tags, summary: '未读通知数' } }, async (req) => ({
    count: await unreadCount(deps.db, actorOf(req).userId),
  }));

  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: '标记通知为已读', params: idParams } },
    async (req) => presentNotification(await markRead(deps.db, deps.clock, actorOf(req).userId, req.params.id)),
  );

  app.post('/api/v1/notifications/read-all', { schema: { tags, summary: '全部标记为已读' } }, async (req) => ({
    count: await markAllRead(deps.db, deps.clock, actorOf(req).userId),
  }));

  channelRoutes(app, deps);
  outboxRoutes(app, deps);
}
