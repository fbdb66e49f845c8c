import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { actorOf } from '../../http/auth';
import type { WorkbenchProvider } from './registry';

export function workbenchRoutes(app: App, deps: Deps, providers: WorkbenchProvider[]): void {
  app.get('/api/v1/workbench', { schema: { tags: ['workbench'], summary: '我的工作台待办' } }, async (req) => {
    const actor = actorOf(req);
    const lists = await Promise.all(providers.map((p) => p(deps, actor)));
    return { items: lists.flat() };
  });
}
