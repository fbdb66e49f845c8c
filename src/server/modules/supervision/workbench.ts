import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { chinaDateOf } from '../../domain/calendar/dates';
import type { WorkbenchItem, WorkbenchProvider } from '../workbench/registry';
import { lightIs } from './ledger';
import { matterScope } from './repo';
import { matters } from './tables';

interface Todo {
  key: string;
  title: string;
  roles: string[];
  where: (today: string, unitId: string, userId: string) => SQL | undefined;
  /** ledger link with the same filter, so the count and the list agree */
  link: string;
}

const lead = (unitId: string) => eq(matters.leadUnitId, unitId);
const snap = (path: string) => sql.raw(`snapshot->${path}`);

const todos: Todo[] = [
  { key: 'matters.to-accept', title: '待签收事项', roles: ['liaison'], where: (_t, u) => and(lead(u), eq(matters.state, 'assigned')), link: '/matters?state=assigned' },
  { key: 'matters.in-progress', title: '办理中事项', roles: ['liaison'], where: (_t, u) => and(lead(u), eq(matters.state, 'in_progress')), link: '/matters?state=in_progress' },
  {
    key: 'matters.to-approve',
    title: '待审批的报结',
    roles: ['unit_head'],
    where: (_t, u) => and(lead(u), eq(matters.state, 'in_progress'), sql`${snap("'completion'")} IS NOT NULL AND ${snap("'completion'->>'approvedAt'")} IS NULL`),
    link: '/matters?state=in_progress',
  },
  {
    key: 'matters.red-yellow',
    title: '本单位红黄灯事项',
    roles: ['liaison', 'unit_head'],
    where: (t, u) => and(lead(u), or(lightIs('red', t), lightIs('yellow', t))),
    link: '/matters?light=red&light=yellow',
  },
  { key: 'matters.to-assess', title: '待研判（退回）', roles: ['supervisor'], where: () => eq(matters.state, 'assessing'), link: '/matters?state=assessing' },
  { key: 'matters.to-review', title: '待审核', roles: ['supervisor'], where: () => eq(matters.state, 'reviewing'), link: '/matters?state=reviewing' },
  { key: 'matters.to-recheck', title: '待复核', roles: ['supervisor'], where: () => eq(matters.state, 'rechecking'), link: '/matters?state=rechecking' },
  {
    key: 'matters.requests',
    title: '待处理的延期与督帮申请',
    roles: ['supervisor'],
    where: () => sql`(${snap("'pendingExtension'")} IS NOT NULL AND ${snap("'pendingExtension'")} <> 'null'::jsonb) OR (${snap("'pendingHelp'")} IS NOT NULL AND ${snap("'pendingHelp'")} <> 'null'::jsonb)`,
    link: '/matters?state=in_progress',
  },
  {
    key: 'matters.look-back',
    title: '回头看到期',
    roles: ['supervisor'],
    where: () => and(eq(matters.state, 'closed'), sql`${snap("'lookBackDue'")} IS NOT NULL AND ${snap("'lookBackDue'")} <> 'null'::jsonb`),
    link: '/matters?state=closed',
  },
  { key: 'matters.red', title: '红灯（逾期）事项', roles: ['leader', 'supervisor'], where: (t) => lightIs('red', t), link: '/matters?light=red' },
  {
    key: 'matters.my-instructions',
    title: '我批示的在办事项',
    roles: ['leader'],
    where: (_t, _u, me) => and(eq(matters.instructingLeaderId, me), sql`${matters.state} <> 'closed'`),
    link: '/matters',
  },
];

/** The matter loop's to-dos on 我的工作台, one count query each, scoped like the ledger. */
export const supervisionTodos: WorkbenchProvider = async (deps, actor) => {
  const today = chinaDateOf(deps.clock.now());
  const mine = todos.filter((t) => t.roles.some((r) => actor.roles.includes(r as never)));
  const items: WorkbenchItem[] = [];
  for (const t of mine) {
    const [row] = (await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(matters)
      .where(and(matterScope(actor), t.where(today, actor.unitId, actor.userId)))) as [{ n: number }];
    if (row.n > 0) items.push({ key: t.key, title: t.title, count: row.n, link: t.link });
  }
  return items;
};
