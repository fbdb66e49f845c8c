import type { App } from '../../http/app-type';
import { inTx, type Deps } from '../../deps';
import { metaOf } from '../../http/auth';
import { listOutbox, updateDeliverySettings, updateSmtpSettings } from './admin';
import { presentDelivery, presentSmtp } from './present';
import { deliveryBody, outboxQuery, smtpBody } from './schema';
import { getDeliverySettings, getSmtpSettings } from './settings';

const config = { roles: ['sysadmin'] as const };

/** Delivery records and the settings that steer delivery: system administrator only. */
export function outboxRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/outbox',
    { schema: { tags: ['outbox'], summary: '消息发送记录', querystring: outboxQuery }, config },
    async (req) => {
      const { status, page, pageSize } = req.query;
      return listOutbox(deps.db, { status, limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  app.get('/api/v1/settings/smtp', { schema: { tags: ['settings'], summary: '邮件服务器设置' }, config }, async () =>
    presentSmtp(await getSmtpSettings(deps.db)),
  );

  app.put(
    '/api/v1/settings/smtp',
    { schema: { tags: ['settings'], summary: '修改邮件服务器设置', body: smtpBody }, config },
    async (req) => {
      const { user, ...rest } = req.body;
      const saved = await inTx(deps, (tx) => updateSmtpSettings(tx, deps.clock, metaOf(req), { ...rest, user: user ?? '' }));
      return presentSmtp(saved);
    },
  );

  app.get('/api/v1/settings/delivery', { schema: { tags: ['settings'], summary: '消息投递设置' }, config }, async () =>
    presentDelivery(await getDeliverySettings(deps.db)),
  );

  app.put(
    '/api/v1/settings/delivery',
    { schema: { tags: ['settings'], summary: '修改消息投递设置', body: deliveryBody }, config },
    async (req) => {
      const { publicUrl, ...rest } = req.body;
      const saved = await inTx(deps, (tx) => updateDeliverySettings(tx, deps.clock, metaOf(req), { ...rest, publicUrl: publicUrl ?? '' }));
      return presentDelivery(saved);
    },
  );
}
