import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { units, users } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor, RequestMeta } from '../../http/context';
import { AppError, forbidden, notFound, stale } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { chinaDateOf } from '../../domain/calendar/dates';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import {
  SYSTEM_ACTOR,
  decide,
  openMatter as openDomainMatter,
  whoRefusal,
  type Actor as DomainActor,
  type Decision,
  type Matter,
  type MatterAction,
  type MatterPlan,
  type SupervisionSettings,
} from '../../domain/supervision';
import { appendAudit } from '../audit/service';
import { linkAttachments } from '../attachments/service';
import { loadWorkCalendar } from '../calendar/service';
import { notifyForEvents } from './notifications';
import { appendEvents, findMatter, findMatterToRead, insertMatter, nextCode, recordInformedUnits, updateMatter, type MatterRow } from './repo';
import { settingsForWrite } from './settings-service';
import { matters, type SourceRef } from './tables';

export const domainActor = (a: Actor): DomainActor => ({ userId: a.userId, roles: a.roles, unitId: a.unitId });

/**
 * The decision, or its refusal as an AppError whose details name the fields
 * at fault by their place in the request body (`body.deadline`,
 * `body.changes.milestones.1.deadline`), as schema validation does.
 */
function accept(d: Decision, bodyPrefix = 'body'): Extract<Decision, { ok: true }> {
  if (d.ok) return d;
  const details = d.fields?.map((f) => ({ field: `${bodyPrefix}.${f.field.replace(/^deadlineRule\b/, 'deadline')}`, message: f.message }));
  throw new AppError(d.code, d.message, details);
}

export interface OpenInput {
  plan: MatterPlan;
  requirement: string;
  sourceRef: SourceRef;
  handlers: Record<string, string>;
  parentId?: string | null;
  comment?: string;
  /** the source document and other files the supervisor opens the matter with */
  attachmentIds?: readonly string[];
  /** open and assign in one step (the usual case once the plan is complete) */
  assign?: boolean;
  /** units a 批示 recorded as a draft names: kept informed of it (the plan may later name others) */
  namedUnitIds?: readonly string[];
  /** the audit action, when not 立项 itself (录入批示) */
  auditAction?: string;
}

/** The units and leader a plan names must exist (and be active) before the domain sees it. */
async function checkReferences(tx: Tx, plan: Partial<MatterPlan>) {
  const unitIds = [...new Set([...(plan.leadUnitId ? [plan.leadUnitId] : []), ...(plan.coUnitIds ?? [])])];
  if (unitIds.length) {
    const found = await tx.select({ id: units.id }).from(units).where(and(inArray(units.id, unitIds), eq(units.active, true)));
    const missing = unitIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new AppError('VALIDATION_FAILED', `承办单位不存在或已停用：${missing.join('、')}`);
  }
  if (plan.instructingLeaderId) {
    const [leader] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, plan.instructingLeaderId));
    if (!leader || !leader.roles.includes('leader')) throw new AppError('VALIDATION_FAILED', '批示领导不存在或不是领导账号');
  }
}

function assertPlainText(input: { plan: Partial<MatterPlan>; requirement?: string; sourceRef?: SourceRef; handlers?: Record<string, string>; comment?: string }) {
  assertNotClassified(
    input.plan.title,
    input.requirement,
    input.comment,
    ...Object.values(input.sourceRef ?? {}),
    ...Object.values(input.handlers ?? {}),
    ...(input.plan.milestones ?? []).map((m) => m.title),
    ...(input.plan.categories ?? []),
  );
}

/** 立项 (and optionally 交办): a draft with the next 督办编号, its first event, audit. */
export async function openMatter(deps: Deps, meta: RequestMeta, actor: Actor, input: OpenInput): Promise<string> {
  assertPlainText(input);
  const id = crypto.randomUUID();
  return deps.db.transaction(async (tx) => {
    const settings = await settingsForWrite(tx);
    await checkReferences(tx, input.plan);
    const calendar = await loadWorkCalendar(tx);
    const now = deps.clock.now();
    let parent: MatterRow | null = null;
    if (input.parentId) {
      parent = await findMatter(tx, actor, input.parentId, true);
      if (!parent) throw notFound('上级事项');
    }
    const opened = accept(openDomainMatter({ id, plan: input.plan, parentId: input.parentId ?? null, comment: input.comment }, domainActor(actor), now));
    const code = await nextCode(tx, Number(chinaDateOf(now).slice(0, 4)));
    await insertMatter(tx, deps.clock, calendar, settings, opened.next, {
      code,
      requirement: input.requirement,
      sourceRef: input.sourceRef,
      openedBy: actor.userId,
      handlers: input.handlers,
    });
    await appendEvents(tx, opened.events);
    await recordInformedUnits(tx, opened.events, (input.namedUnitIds ?? []).map((unitId) => ({ unitId, reason: 'named', seq: 1 })));
    await appendAudit(tx, deps.clock, meta, {
      action: input.auditAction ?? 'matter.open',
      objectType: 'matter',
      objectId: id,
      detail: { code, title: input.plan.title, ...(input.namedUnitIds?.length ? { namedUnitIds: input.namedUnitIds } : {}) },
    });
    await linkAttachments(tx, deps.clock, meta, actor, input.attachmentIds ?? [], 'matter', id);
    if (parent) await applySystem(tx, deps, calendar, settings, parent.snapshot, { type: 'link_child', childId: id });
    if (input.assign) await applyAction(tx, deps, meta, actor, calendar, settings, opened.next, { type: 'assign' });
    return id;
  });
}

/** One action by a person on a matter, under optimistic concurrency: a stale version is 409. */
export async function act(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: string,
  version: number,
  action: MatterAction,
  extra: { handlers?: Record<string, string> } = {},
): Promise<void> {
  assertPlainText({ plan: action.type === 'edit_draft' ? (action.changes ?? {}) : {}, comment: action.comment, handlers: extra.handlers });
  for (const v of Object.values(action)) if (typeof v === 'string') assertNotClassified(v);
  await deps.db.transaction(async (tx) => {
    const settings = await settingsForWrite(tx);
    const row = await findMatter(tx, actor, id, true);
    // A unit kept informed (a former lead unit, a unit a 批示 names) may read the matter but never act on it.
    if (!row) throw (await findMatterToRead(tx, actor, id)) ? forbidden('贵单位已不再承办该事项，只能查看与本单位有关的办理情况') : notFound('事项');
    // Who may act is answered before whether the caller's copy is current: 403 before 409.
    const who = whoRefusal(row.snapshot, domainActor(actor), action.type);
    if (who) accept(who);
    if (row.version !== version) throw stale();
    if (action.type === 'edit_draft') await checkReferences(tx, action.changes ?? {});
    if (action.type === 'rule_return' && action.justified) await checkReferences(tx, { leadUnitId: action.leadUnitId, coUnitIds: action.coUnitIds });
    if (action.type === 'add_instruction' && Array.isArray(action.unitIds)) await checkReferences(tx, { coUnitIds: action.unitIds });
    const calendar = await loadWorkCalendar(tx);
    await applyAction(tx, deps, meta, actor, calendar, settings, row.snapshot, action, extra.handlers);
  });
}

async function applyAction(
  tx: Tx,
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  matter: Matter,
  action: MatterAction,
  handlers?: Record<string, string>,
) {
  const d = accept(decide(matter, action, domainActor(actor), deps.clock.now(), calendar, settings), action.type === 'edit_draft' ? 'body.changes' : 'body');
  if (!(await updateMatter(tx, deps.clock, calendar, settings, matter, d.next, handlers))) throw stale();
  await appendEvents(tx, d.events);
  await recordInformedUnits(tx, d.events);
  // Files named by the action become the matter's: from now on whoever may see the matter may read them.
  await linkAttachments(tx, deps.clock, meta, actor, filesOf(action), 'matter', matter.id);
  await appendAudit(tx, deps.clock, meta, {
    action: `matter.${action.type}`,
    objectType: 'matter',
    objectId: matter.id,
    detail: { events: d.events.map((e) => e.type), state: d.next.state },
  });
  await notifyForEvents(tx, deps, d.next, d.events);
  await propagateToParent(tx, deps, calendar, settings, matter, d.next);
}

/** The uploads an action carries: its attachments, and the evidence of a completion report. */
function filesOf(action: MatterAction): string[] {
  return [...(action.attachmentIds ?? []), ...(action.type === 'submit_completion' ? (action.evidenceIds ?? []) : [])];
}

/**
 * Platform bookkeeping (sweeper, parent/child) acting as the system actor.
 * `settings` come from settingsForWrite() taken at the start of the transaction.
 */
export async function applySystem(
  tx: Tx,
  deps: Deps,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  matter: Matter,
  action: MatterAction,
) {
  const d = accept(decide(matter, action, SYSTEM_ACTOR, deps.clock.now(), calendar, settings));
  if (!(await updateMatter(tx, deps.clock, calendar, settings, matter, d.next))) throw stale();
  await appendEvents(tx, d.events);
  await recordInformedUnits(tx, d.events);
  await notifyForEvents(tx, deps, d.next, d.events);
  return d.next;
}

/** A parent learns when a child closes or is reopened: it may close only when all children are closed. */
async function propagateToParent(tx: Tx, deps: Deps, calendar: WorkCalendar, settings: SupervisionSettings, before: Matter, after: Matter) {
  if (!after.parentId || before.state === after.state) return;
  const closedNow = after.state === 'closed' && before.state !== 'closed';
  const reopened = before.state === 'closed' && after.state !== 'closed';
  if (!closedNow && !reopened) return;
  const [parent] = await tx.select({ snapshot: matters.snapshot }).from(matters).where(eq(matters.id, after.parentId)).for('update');
  if (!parent) return;
  await applySystem(tx, deps, calendar, settings, parent.snapshot, { type: closedNow ? 'child_closed' : 'child_reopened', childId: after.id });
}
