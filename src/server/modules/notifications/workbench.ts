import type { WorkbenchProvider } from '../workbench/registry';
import { unreadCount } from './inbox';

/** Unread notifications head everyone's workbench. */
export const unreadNotificationsTodo: WorkbenchProvider = async (deps, actor) => {
  const count = await unreadCount(deps.db, actor.userId);
  if (count === 0) return [];
  return [{ key: 'notifications.unread', title: '未读通知', count, link: '/notifications', description: '催办、提醒和系统消息' }];
};
