import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import type { Clock } from '../../clock';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import { informedUnitsOf, type InformedGrant, type Matter, type MatterEvent, type SupervisionSettings } from '../../domain/supervision';
import type { Actor } from '../../http/context';
import { seesWholeTree } from '../units/scope';
import { timings } from './light-thresholds';
import { units } from '../../db/schema';
import { matterCounters, matterEvents, matterInformedUnits, matters, matterUnits, type SourceRef } from './tables';

export type MatterRow = typeof matters.$inferSelect;

/** The next 督办编号 of the year, under a row lock so numbers are never repeated or skipped. */
export async function nextCode(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(matterCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: matterCounters.year, set: { last: sql`${matterCounters.last} + 1` } })
    .returning({ last: matterCounters.last });
  return `督办〔${year}〕${row!.last}号`;
}

/**
 * Who may see a matter: the office roles see all; a liaison or unit head sees
 * a matter whose lead or co-unit is their unit or below it. Admin roles do no
 * business and see none.
 */
export function matterScope(actor: Actor) {
  if (seesWholeTree(actor) && !actor.roles.some((r) => r === 'sysadmin' || r === 'secadmin' || r === 'auditor')) return undefined;
  if (!actor.roles.some((r) => r === 'liaison' || r === 'unit_head')) return sql`false`;
  return sql`EXISTS (SELECT 1 FROM matter_units mu JOIN units u ON u.id = mu.unit_id
    WHERE mu.matter_id = ${matters.id} AND u.path LIKE ${`${actor.unitPath}%`})`;
}

/**
 * matterScope's read variant: also the matters the actor's unit is kept
 * informed of (a former lead unit after a justified return, a unit a 批示
 * names). Only reading goes through it, and such a reader gets the limited
 * view (findMatterToRead); lists, counts and actions keep to matterScope.
 */
export function matterReadScope(actor: Actor) {
  const scope = matterScope(actor);
  if (scope === undefined || !actor.roles.some((r) => r === 'liaison' || r === 'unit_head')) return scope;
  return or(scope, informedScope(actor));
}

const informedScope = (actor: Actor) => sql`EXISTS (SELECT 1 FROM matter_informed_units iu JOIN units u ON u.id = iu.unit_id
    WHERE iu.matter_id = ${matters.id} AND u.path LIKE ${`${actor.unitPath}%`})`;

/** How the reader sees a matter: whole, or the limited view of a unit kept informed (with what grants it). */
export type MatterAccess = { kind: 'full' } | { kind: 'informed'; grants: InformedGrant[] };

export async function findMatterToRead(db: Executor, actor: Actor, id: string): Promise<{ row: MatterRow; access: MatterAccess } | null> {
  const scope = matterScope(actor);
  const [found] = await db
    .select({ row: matters, full: scope === undefined ? sql<boolean>`true` : sql<boolean>`(${scope})` })
    .from(matters)
    .where(and(eq(matters.id, id), matterReadScope(actor)));
  if (!found) return null;
  if (found.full) return { row: found.row, access: { kind: 'full' } };
  const grants = await db
    .select({ unitId: matterInformedUnits.unitId, reason: matterInformedUnits.reason, seq: matterInformedUnits.seq })
    .from(matterInformedUnits)
    .innerJoin(units, eq(units.id, matterInformedUnits.unitId))
    .where(and(eq(matterInformedUnits.matterId, id), sql`${units.path} LIKE ${`${actor.unitPath}%`}`));
  return { row: found.row, access: { kind: 'informed', grants } };
}

/** The grants the new events create (informedUnitsOf), in the transaction that appends them. */
export async function recordInformedUnits(tx: Tx, events: MatterEvent[], extra: InformedGrant[] = [], matterId = events[0]?.matterId) {
  const grants = [...events.flatMap(informedUnitsOf), ...extra];
  if (grants.length === 0 || !matterId) return;
  await tx
    .insert(matterInformedUnits)
    .values(grants.map((g) => ({ matterId, unitId: g.unitId, reason: g.reason, seq: g.seq })))
    .onConflictDoNothing();
}

/** A matter's sub-matters (拆分子事项) that the actor may see, oldest first. */
export const childrenOf = (db: Executor, actor: Actor, parentId: string): Promise<MatterRow[]> =>
  db.select().from(matters).where(and(eq(matters.parentId, parentId), matterScope(actor))).orderBy(asc(matters.openedAt), asc(matters.code));

/**
 * Which of these matters the actor may see, in one query (none for the office
 * roles, who see all). A matter's detail names its parent and children only
 * when they are in this set, so their ids are not confirmed to anyone else.
 */
export async function visibleMatterIds(db: Executor, actor: Actor, ids: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  const scope = matterScope(actor);
  if (wanted.length === 0 || scope === undefined) return new Set(wanted);
  const rows = await db.select({ id: matters.id }).from(matters).where(and(inArray(matters.id, wanted), scope));
  return new Set(rows.map((r) => r.id));
}

export async function findMatter(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<MatterRow | null> {
  const q = db.select().from(matters).where(and(eq(matters.id, id), matterScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The columns copied from the snapshot for the ledger's filters and sort; the light thresholds follow the 督办设置 in force. */
export function derived(m: Matter, calendar: WorkCalendar, settings: SupervisionSettings) {
  return {
    title: m.title,
    source: m.source,
    priority: m.priority,
    categories: [...m.categories],
    leadUnitId: m.leadUnitId,
    unitIds: unitIdsOf(m),
    instructingLeaderId: m.instructingLeaderId,
    state: m.state,
    deadline: m.deadline,
    originalDeadline: m.originalDeadline,
    assignedAt: m.assignedAt ? new Date(m.assignedAt) : null,
    closedAt: m.closedAt ? new Date(m.closedAt) : null,
    completedOn: m.completedOn,
    parentId: m.parentId,
    ...timings(m, calendar, settings),
    snapshot: m,
    version: m.version,
  };
}

export async function insertMatter(
  tx: Tx,
  clock: Clock,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  m: Matter,
  extra: { code: string; requirement: string; sourceRef: SourceRef; openedBy: string; handlers: Record<string, string> },
) {
  const now = clock.now();
  await tx.insert(matters).values({
    id: m.id,
    code: extra.code,
    requirement: extra.requirement,
    sourceRef: extra.sourceRef,
    openedBy: extra.openedBy,
    openedAt: new Date(m.openedAt),
    updatedAt: now,
    ...derived(m, calendar, settings),
  });
  await syncUnits(tx, m, extra.handlers);
}

/** The lead unit, then the co-units, each once. */
const unitIdsOf = (m: Matter): string[] => [...new Set([...(m.leadUnitId ? [m.leadUnitId] : []), ...m.coUnitIds])];

const sameUnits = (a: Matter, b: Matter) => a.leadUnitId === b.leadUnitId && a.coUnitIds.join() === b.coUnitIds.join();

/**
 * Writes the new snapshot only if nobody else moved the matter on since it
 * was read; the unit rows are rewritten only when the units changed.
 */
export async function updateMatter(
  tx: Tx,
  clock: Clock,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  before: Matter,
  m: Matter,
  handlers?: Record<string, string>,
) {
  const expectedVersion = before.version;
  const done = await tx
    .update(matters)
    .set({ ...derived(m, calendar, settings), updatedAt: clock.now() })
    .where(and(eq(matters.id, m.id), eq(matters.version, expectedVersion)))
    .returning({ id: matters.id });
  if (done.length === 0) return false;
  if (handlers || !sameUnits(before, m)) await syncUnits(tx, m, handlers);
  return true;
}

async function syncUnits(tx: Tx, m: Matter, handlers?: Record<string, string>) {
  const existing = await tx.select().from(matterUnits).where(eq(matterUnits.matterId, m.id));
  const keep = new Map(existing.map((r) => [r.unitId, r.handler]));
  await tx.delete(matterUnits).where(eq(matterUnits.matterId, m.id));
  const rows = [
    ...(m.leadUnitId ? [{ unitId: m.leadUnitId, role: 'lead' as const }] : []),
    ...m.coUnitIds.filter((u) => u !== m.leadUnitId).map((unitId) => ({ unitId, role: 'co' as const })),
  ];
  if (rows.length === 0) return;
  await tx.insert(matterUnits).values(
    rows.map((r) => ({ matterId: m.id, unitId: r.unitId, role: r.role, handler: handlers?.[r.unitId] ?? keep.get(r.unitId) ?? null })),
  );
}

export async function appendEvents(tx: Tx, events: MatterEvent[]) {
  if (events.length === 0) return;
  await tx.insert(matterEvents).values(
    events.map((e) => ({
      matterId: e.matterId,
      seq: e.seq,
      type: e.type,
      actorId: e.actorId,
      at: new Date(e.at),
      state: e.state,
      comment: e.comment ?? null,
      attachmentIds: [...(e.attachmentIds ?? [])],
      payload: e.payload,
    })),
  );
}

export const eventsOf = (db: Executor, matterId: string) =>
  db.select().from(matterEvents).where(eq(matterEvents.matterId, matterId)).orderBy(asc(matterEvents.seq));

export const unitsOf = (db: Executor, matterId: string) =>
  db.select().from(matterUnits).where(eq(matterUnits.matterId, matterId));
