import { and, sql } from 'drizzle-orm';
import { chinaDateOf } from '../../domain/calendar/dates';
import type { WorkbenchItem, WorkbenchProvider } from '../workbench/registry';
import { matterScope } from './repo';
import { matters } from './tables';
import { todoLink, todos } from './todos';

/**
 * The matter loop's to-dos on 我的工作台, one count query each, scoped like
 * the ledger; each card links to the ledger filtered by the same condition
 * (todos.ts), so the list it opens holds exactly the count.
 */
export const supervisionTodos: WorkbenchProvider = async (deps, actor) => {
  const today = chinaDateOf(deps.clock.now());
  const mine = todos.filter((t) => t.roles.some((r) => actor.roles.includes(r)));
  const items: WorkbenchItem[] = [];
  for (const t of mine) {
    const [row] = (await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(matters)
      .where(and(matterScope(actor), t.where(today, actor)))) as [{ n: number }];
    if (row.n > 0) items.push({ key: `matters.${t.key}`, title: t.title, count: row.n, link: todoLink(t.key) });
  }
  return items;
};
