import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf, metaOf } from '../../http/auth';
import { appendAudit } from '../audit/service';
import { getSecurityPolicy, putSecurityPolicy, securityPolicySchema } from './service';

export function settingsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/settings/security',
    { schema: { tags: ['settings'], summary: '安全策略' }, config: { roles: ['secadmin'] } },
    async () => getSecurityPolicy(deps.db),
  );

  app.put(
    '/api/v1/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: '修改安全策略',
        body: securityPolicySchema.extend({ version: z.number().int().min(0) }),
      },
      config: { roles: ['secadmin'] },
    },
    async (req) => {
      const { version, ...policy } = req.body;
      await deps.db.transaction(async (tx) => {
        await putSecurityPolicy(tx, deps.clock, actorOf(req).userId, policy, version);
        await appendAudit(tx, deps.clock, metaOf(req), { action: 'settings.security.put', objectType: 'settings', objectId: 'security.policy', detail: policy });
      });
      deps.policy.invalidate();
      return getSecurityPolicy(deps.db);
    },
  );
}
