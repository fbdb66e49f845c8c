import { and, gt, sql } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { WorkbenchProvider } from '../workbench/registry';

/** The security admin's to-do: accounts locked by failed logins right now. */
export const lockedAccountsTodo: WorkbenchProvider = async (deps, actor) => {
  if (!actor.roles.includes('secadmin')) return [];
  const [row] = (await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(gt(users.lockedUntil, deps.clock.now())))) as [{ n: number }];
  if (row.n === 0) return [];
  return [{ key: 'users.locked', title: '被锁定的账号', count: row.n, link: '/admin/roles', description: '连续登录失败被锁定，可核实后解锁' }];
};
