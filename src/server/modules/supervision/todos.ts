import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar/dates';
import type { Actor } from '../../http/context';
import type { Role } from '../../../shared/roles';
import type { MatterState } from '../../../shared/supervision';
import { todoRoles, todoTitles, type TodoKey } from '../../../shared/todos';
import { lightIs } from './light-sql';
import { matters } from './tables';

/**
 * One definition per 工作台 card: the card counts these rows and its link
 * opens the ledger with `todo=<key>`, which filters by this very SQL, so the
 * count and the list cannot drift apart (workbench.ts, ledger.ts).
 */
export interface Todo {
  key: TodoKey;
  title: string;
  /** the roles whose workbench shows the card */
  roles: readonly Role[];
  where: (today: IsoDate, actor: Actor) => SQL | undefined;
}

const lead = (a: Actor) => eq(matters.leadUnitId, a.unitId);
/** written into the statement, like has(), so partial and expression indexes match */
const inState = (state: MatterState) => sql`${matters.state} = ${sql.raw(`'${state}'`)}`;
/**
 * A snapshot field that holds a value (`->` gives JSON null, not SQL NULL,
 * for a field set to null). The name is written into the statement, not
 * bound, so the expression matches the partial indexes of migration 0015.
 */
const has = (field: 'completion' | 'pendingExtension' | 'pendingHelp' | 'lookBackDue') =>
  sql`(coalesce(${matters.snapshot}->${sql.raw(`'${field}'`)}, 'null'::jsonb) <> 'null'::jsonb)`;
/** the lead unit's completion report waits on its head's approval */
const awaitingApproval = sql`(${has('completion')} AND ${matters.snapshot}->'completion'->>'approvedAt' IS NULL)`;
const open = sql`${matters.state} <> 'closed'`;

const toAccept = (a: Actor) => and(lead(a), inState('assigned'));
const toApprove = (a: Actor) => and(lead(a), inState('in_progress'), awaitingApproval);
const requests = () => or(has('pendingExtension'), has('pendingHelp'));
/**
 * 回头看到期: marked due (a sample, or the sweeper's mark), or closed long
 * enough that the scheduled look-back's day has come — sweep_due is that day
 * for a closed matter (nextSweepOn) — whether or not today's sweep has run.
 */
const lookBack = (t: IsoDate) => and(inState('closed'), or(has('lookBackDue'), sql`${matters.sweepDue} <= ${t}::date`));
const myInstructions = (a: Actor) => and(eq(matters.instructingLeaderId, a.userId), open);
/** 录入批示 lands here: a draft from a leader's 批示, waiting for the supervisor's 研判 and 立项 */
const instructionsToOpen = () => and(inState('draft'), eq(matters.source, 'instruction'));

/**
 * 待我处理: the matters whose next step is the caller's, by role — the lead
 * liaison accepts, then works it until the report goes to the head; the head
 * approves the report; the supervisor rules returns, reviews, rechecks,
 * answers requests and looks back; the instructing leader hears of what is
 * overdue (escalations go to them).
 */
const waitsOn: Partial<Record<Role, (t: IsoDate, a: Actor) => SQL | undefined>> = {
  liaison: (_t, a) => and(lead(a), or(inState('assigned'), and(inState('in_progress'), sql`NOT ${awaitingApproval}`))),
  unit_head: (_t, a) => toApprove(a),
  supervisor: (t) => or(inState('assessing'), instructionsToOpen(), inState('reviewing'), inState('rechecking'), requests(), lookBack(t)),
  leader: (t, a) => and(myInstructions(a), lightIs('red', t)),
};

const mine = (t: IsoDate, a: Actor): SQL => {
  const parts = a.roles.flatMap((r) => (waitsOn[r] ? [waitsOn[r](t, a)] : []));
  return parts.length ? (or(...parts) ?? sql`false`) : sql`false`;
};

const def = (key: TodoKey, where: Todo['where']): Todo => ({ key, title: todoTitles[key], roles: todoRoles[key], where });

/** The cards in the order the workbench shows them. */
export const todos: readonly Todo[] = [
  def('to-accept', (_t, a) => toAccept(a)),
  def('in-progress', (_t, a) => and(lead(a), inState('in_progress'))),
  def('to-approve', (_t, a) => toApprove(a)),
  def('red-yellow', (t, a) => and(lead(a), or(lightIs('red', t), lightIs('yellow', t)))),
  def('to-assess', () => inState('assessing')),
  def('instructions-to-open', instructionsToOpen),
  def('to-review', () => inState('reviewing')),
  def('to-recheck', () => inState('rechecking')),
  def('requests', requests),
  def('look-back', (t) => lookBack(t)),
  def('red', (t) => lightIs('red', t)),
  def('my-instructions', (_t, a) => myInstructions(a)),
  def('mine', mine),
];

const byKey = new Map(todos.map((t) => [t.key, t]));

/** The ledger filter `todo=<key>`: the card's own condition for this caller. */
export const todoWhere = (key: TodoKey, actor: Actor, today: IsoDate): SQL | undefined => byKey.get(key)!.where(today, actor);

/** The ledger address a card opens. */
export const todoLink = (key: TodoKey) => `/matters?todo=${key}`;
