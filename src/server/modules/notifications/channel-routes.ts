import type { App } from '../../http/app-type';
import { inTx, type Deps } from '../../deps';
import { metaOf } from '../../http/auth';
import { createChannel, listChannels, queueChannelTest, removeChannel, updateChannel } from './channels';
import { presentChannel } from './present';
import { channelCreateBody, channelPatchBody, idParams } from './schema';

const tags = ['notification-channels'];
const config = { roles: ['sysadmin'] as const };

/** Group robots and webhooks: configured by the system administrator only. */
export function channelRoutes(app: App, deps: Deps): void {
  app.get('/api/v1/notification-channels', { schema: { tags, summary: '通知通道列表' }, config }, async () => ({
    items: (await listChannels(deps.db)).map(presentChannel),
  }));

  app.post(
    '/api/v1/notification-channels',
    { schema: { tags, summary: '新建通知通道', body: channelCreateBody }, config },
    async (req, reply) => {
      const row = await inTx(deps, (tx) => createChannel(tx, deps.clock, metaOf(req), req.body));
      return reply.status(201).send(presentChannel(row));
    },
  );

  app.patch(
    '/api/v1/notification-channels/:id',
    { schema: { tags, summary: '修改通知通道', params: idParams, body: channelPatchBody }, config },
    async (req) => presentChannel(await inTx(deps, (tx) => updateChannel(tx, deps.clock, metaOf(req), req.params.id, req.body))),
  );

  app.delete(
    '/api/v1/notification-channels/:id',
    { schema: { tags, summary: '删除通知通道（已发过消息的改为停用）', params: idParams }, config },
    async (req) => {
      const r = await inTx(deps, (tx) => removeChannel(tx, deps.clock, metaOf(req), req.params.id));
      return { deleted: r.deleted, channel: r.channel ? presentChannel(r.channel) : null };
    },
  );

  app.post(
    '/api/v1/notification-channels/:id/test',
    { schema: { tags, summary: '发送测试消息', params: idParams }, config },
    async (req, reply) => {
      const outboxId = await inTx(deps, (tx) => queueChannelTest(tx, deps.clock, metaOf(req), req.params.id));
      return reply.status(202).send({ outboxId });
    },
  );
}
