import type { App } from '../http/app-type';
import type { Deps } from '../deps';
import { healthRoutes } from './health/routes';
import { authRoutes } from './auth/routes';
import { notificationRoutes } from './notifications/routes';
import { calendarRoutes } from './calendar/routes';
import { deadlinePreviewRoutes } from './calendar/preview-routes';
import { tokenRoutes } from './tokens/routes';
import { attachmentRoutes } from './attachments/routes';
import { unitRoutes } from './units/routes';
import { userRoutes } from './users/routes';
import { settingsRoutes } from './settings/routes';
import { auditRoutes } from './audit/routes';
import { workbenchRoutes } from './workbench/routes';
import { supervisionRoutes } from './supervision/routes';
import { statsRoutes } from './supervision/stats-routes';
import { boardRoutes } from './supervision/board-routes';
import { bulletinRoutes } from './supervision/bulletin-routes';
import { supervisionExcelRoutes } from './supervision/excel-routes';
import { supervisionSettingsRoutes } from './supervision/settings-routes';
import { calendarChangeHook } from './supervision/settings-service';
import { supervisionTodos } from './supervision/workbench';
import type { WorkbenchProvider } from './workbench/registry';
import { passwordExpiryTodo } from './auth/workbench';
import { lockedAccountsTodo } from './users/workbench';
import { unreadNotificationsTodo } from './notifications/workbench';

/** Each module's contribution to 我的工作台. */
const workbenchProviders: WorkbenchProvider[] = [supervisionTodos, unreadNotificationsTodo, passwordExpiryTodo, lockedAccountsTodo];

/** Every module's routes, in one list so a newcomer sees the whole API surface. */
export async function registerModules(app: App, deps: Deps): Promise<void> {
  healthRoutes(app, deps);
  authRoutes(app, deps);
  notificationRoutes(app, deps);
  calendarRoutes(app, deps, [calendarChangeHook]);
  deadlinePreviewRoutes(app, deps);
  tokenRoutes(app, deps);
  unitRoutes(app, deps);
  userRoutes(app, deps);
  settingsRoutes(app, deps);
  auditRoutes(app, deps);
  supervisionRoutes(app, deps);
  statsRoutes(app, deps);
  boardRoutes(app, deps);
  bulletinRoutes(app, deps);
  supervisionExcelRoutes(app, deps);
  supervisionSettingsRoutes(app, deps);
  workbenchRoutes(app, deps, workbenchProviders);
  attachmentRoutes(app, deps);
}
