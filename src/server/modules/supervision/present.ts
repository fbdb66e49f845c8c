import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { units, users } from '../../db/schema';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import {
  SYSTEM_ACTOR,
  allowedActions,
  light,
  lookBackDueOn,
  refusedActions,
  workingDaysLeft,
  type Actor as DomainActor,
  type SupervisionSettings,
} from '../../domain/supervision';
import {
  lightLabels,
  matterEventLabels,
  matterPriorityLabels,
  matterSourceLabels,
  matterStateLabels,
  type MatterPriority,
  type MatterSource,
  type MatterState,
} from '../../../shared/supervision';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import { deadlineProvisionalNote } from '../../domain/supervision/deadline-preview';
import type { Actor } from '../../http/context';
import { visibleMatterIds, type MatterRow } from './repo';
import type { matterEvents, matterUnits } from './tables';

/**
 * Names for the ids a set of matters mentions, in two queries whatever the
 * page size; and which of the other matters they mention (parents, and
 * `otherMatterIds` such as children) the viewer may see: `matter(id)` is the
 * id only then, so a liaison reading a sub-matter of another unit's matter is
 * not handed that matter's id. Without a viewer none is shown.
 */
export async function nameBook(
  db: Executor,
  rows: MatterRow[],
  extraUserIds: string[] = [],
  viewer: Actor | null = null,
  otherMatterIds: string[] = [],
  extraUnitIds: string[] = [],
) {
  const unitIds = new Set<string>(extraUnitIds);
  // 'system' (the sweeper) is not a user row.
  const userIds = new Set<string>(extraUserIds.filter((id) => id !== SYSTEM_ACTOR.userId));
  for (const r of rows) {
    if (r.leadUnitId) unitIds.add(r.leadUnitId);
    r.snapshot.coUnitIds.forEach((u) => unitIds.add(u));
    if (r.instructingLeaderId) userIds.add(r.instructingLeaderId);
  }
  const mentioned = [...rows.flatMap((r) => (r.parentId ? [r.parentId] : [])), ...otherMatterIds];
  const [u, p, seen] = await Promise.all([
    unitIds.size ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...unitIds])) : [],
    userIds.size ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...userIds])) : [],
    viewer ? visibleMatterIds(db, viewer, mentioned) : new Set<string>(),
  ]);
  const unitName = new Map(u.map((x) => [x.id, x.name]));
  const userName = new Map(p.map((x) => [x.id, x.name]));
  return {
    unit: (id: string | null) => (id ? { id, name: unitName.get(id) ?? '' } : null),
    /** names of units a timeline mentions, which the reader's own unit list may not hold (a liaison sees only their unit) */
    unitNames: (ids: readonly string[]) => Object.fromEntries(ids.flatMap((id) => (unitName.has(id) ? [[id, unitName.get(id)!]] : []))),
    user: (id: string | null) => (id ? { id, name: id === SYSTEM_ACTOR.userId ? '系统' : (userName.get(id) ?? '') } : null),
    matter: (id: string | null) => (id && seen.has(id) ? id : null),
  };
}

type Book = Awaited<ReturnType<typeof nameBook>>;

/** The units the events name in their payloads (a ruling's old and new lead unit, a report's unit, a 批示's units). */
export function unitsMentioned(events: readonly { payload: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    for (const k of ['leadUnitId', 'oldLeadUnitId', 'unitId']) if (typeof p[k] === 'string') ids.add(p[k]);
    for (const k of ['coUnitIds', 'unitIds']) if (Array.isArray(p[k])) (p[k] as unknown[]).forEach((u) => typeof u === 'string' && ids.add(u));
  }
  return [...ids];
}

/** A ledger row: what the list shows, with the light as of today under the 督办设置 in force. */
export function presentMatterSummary(r: MatterRow, book: Book, today: IsoDate, calendar: WorkCalendar, settings: SupervisionSettings) {
  const m = r.snapshot;
  const l = light(m, today, calendar, settings);
  const provisionalNote = deadlineProvisionalNote(r.deadline, r.assignedAt ? chinaDateOf(r.assignedAt) : null, calendar);
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    source: r.source,
    sourceLabel: matterSourceLabels[r.source as MatterSource],
    priority: r.priority,
    priorityLabel: matterPriorityLabels[r.priority as MatterPriority],
    categories: r.categories,
    state: r.state,
    stateLabel: matterStateLabels[r.state as MatterState],
    leadUnit: book.unit(r.leadUnitId),
    coUnits: m.coUnitIds.map((id) => book.unit(id)),
    instructingLeader: book.user(r.instructingLeaderId),
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    /** the deadline lies in, or was counted across, a year whose holiday notice is not in the data yet */
    deadlineProvisional: provisionalNote !== null,
    deadlineProvisionalNote: provisionalNote,
    light: l,
    lightLabel: lightLabels[l],
    workingDaysLeft: workingDaysLeft(m, today, calendar),
    openedAt: r.openedAt.toISOString(),
    assignedAt: r.assignedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    parentId: book.matter(r.parentId),
    version: r.version,
  };
}

/** The detail view: the summary plus everything the loop holds, the timeline, and what the caller may do now. */
export function presentMatterDetail(
  r: MatterRow,
  book: Book,
  today: IsoDate,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  caller: DomainActor,
  now: Date,
  events: (typeof matterEvents.$inferSelect)[],
  unitRows: (typeof matterUnits.$inferSelect)[],
  related: { children: MatterRow[]; parent: MatterRow | null } = { children: [], parent: null },
) {
  const m = r.snapshot;
  return {
    access: 'full' as const,
    ...presentMatterSummary(r, book, today, calendar, settings),
    requirement: r.requirement,
    sourceRef: r.sourceRef,
    handlers: Object.fromEntries(unitRows.filter((u) => u.handler).map((u) => [u.unitId, u.handler])),
    deadlineRule: m.deadlineRule,
    milestones: m.milestones,
    progressCadenceDays: m.progressCadenceDays,
    recheckRequired: m.recheckRequired,
    pendingReturn: m.pendingReturn,
    pendingExtension: m.pendingExtension,
    pendingHelp: m.pendingHelp,
    completion: m.completion,
    lookBackDue: m.lookBackDue,
    /** the day the scheduled 回头看 falls due (closing + the look-back days in force); null unless closed */
    lookBackDueOn: lookBackDueOn(m, settings),
    // Every child counts (open ones hold the parent back), but only a visible one is named.
    children: m.children.map((c) => ({ id: book.matter(c.id), open: c.open })),
    // 拆分子事项 the caller may see (unit-scoped like the ledger), and the parent when it is in the caller's scope.
    subMatters: related.children.map((c) => presentMatterSummary(c, book, today, calendar, settings)),
    parent: related.parent
      ? { id: related.parent.id, code: related.parent.code, title: related.parent.title, state: related.parent.state, stateLabel: matterStateLabels[related.parent.state as MatterState] }
      : null,
    /** a sub-matter whose parent may be outside the caller's scope (then parentId and parent are null) */
    hasParent: r.parentId !== null,
    flags: m.flags,
    counts: m.counts,
    allowedActions: allowedActions(m, caller, now, calendar),
    // What the caller's role could do in another state or once a condition holds, with decide()'s own reason.
    refusedActions: refusedActions(m, caller, now, calendar),
    unitNames: book.unitNames(unitsMentioned(events)),
    timeline: events.map((e) => presentEvent(e, book)),
  };
}

const presentEvent = (e: typeof matterEvents.$inferSelect, book: Book) => ({
  seq: e.seq,
  type: e.type,
  typeLabel: matterEventLabels[e.type],
  actor: book.user(e.actorId),
  at: e.at.toISOString(),
  state: e.state,
  stateLabel: matterStateLabels[e.state as MatterState],
  comment: e.comment,
  attachmentIds: e.attachmentIds,
  payload: payloadFor(e, book),
});

/**
 * What a unit kept informed reads (a former lead unit after a justified
 * return, a unit a 批示 names): the matter's name and source, the unit now
 * leading it (where it went), and only the events given (eventsForInformed)
 * — no state, deadline or light, none of the new unit's work, no actions.
 */
export function presentInformedView(r: MatterRow, book: Book, access: 'former_unit' | 'named_unit', events: (typeof matterEvents.$inferSelect)[]) {
  return {
    access,
    id: r.id,
    code: r.code,
    title: r.title,
    source: r.source,
    sourceLabel: matterSourceLabels[r.source as MatterSource],
    sourceRef: r.sourceRef,
    instructingLeader: book.user(r.instructingLeaderId),
    leadUnit: book.unit(r.leadUnitId),
    allowedActions: [] as string[],
    unitNames: book.unitNames(unitsMentioned(events)),
    timeline: events.map((e) => presentEvent(e, book)),
  };
}

/** An event's payload with the ids of other matters (the parent it was split from, a child) the caller may not see taken out. */
function payloadFor(e: typeof matterEvents.$inferSelect, book: Book): unknown {
  const p = e.payload as Record<string, unknown>;
  if (e.type === 'opened') return { ...p, parentId: book.matter((p.parentId as string | null) ?? null) };
  if ('childId' in p) return { ...p, childId: book.matter(p.childId as string) };
  return p;
}
