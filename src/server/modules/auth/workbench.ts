import type { WorkbenchProvider } from '../workbench/registry';

const DAY = 86_400_000;

/** Everyone's reminder when their password expires within 14 days (not in demo mode). */
export const passwordExpiryTodo: WorkbenchProvider = async (deps, actor) => {
  const policy = await deps.policy.get();
  if (deps.config.demo || policy.maxAgeDays <= 0) return [];
  const left = Math.ceil((actor.passwordChangedAt.getTime() + policy.maxAgeDays * DAY - deps.clock.now().getTime()) / DAY);
  if (left > 14) return [];
  return [{ key: 'auth.password-expiry', title: '密码即将到期', count: Math.max(left, 0), link: '/password', description: `${Math.max(left, 0)} 天后到期，请及时修改` }];
};
