import type { App } from '../http/app-type';
import type { Deps } from '../deps';
import { healthRoutes } from './health/routes';
import { authRoutes } from './auth/routes';

/** Every module's routes, in one list so a newcomer sees the whole API surface. */
export async function registerModules(app: App, deps: Deps): Promise<void> {
  healthRoutes(app, deps);
  authRoutes(app, deps);
}
