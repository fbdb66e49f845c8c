import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { users } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor } from '../../http/context';
import { eventsForInformed, type InformedGrant } from '../../domain/supervision';
import type { AttachmentReadCheck } from '../attachments/owners';
import { nameBook, presentInformedView, unitsMentioned } from './present';
import { eventsOf, findMatterToRead, type MatterRow } from './repo';

/** The events a unit kept informed may read (domain eventsForInformed), with the units of the people who acted. */
async function visibleEvents(db: Executor, matterId: string, grants: readonly InformedGrant[]) {
  const events = await eventsOf(db, matterId);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  const rows = actorIds.length ? await db.select({ id: users.id, unitId: users.unitId }).from(users).where(inArray(users.id, actorIds)) : [];
  const unitOf = new Map(rows.map((r) => [r.id, r.unitId]));
  return eventsForInformed(events, grants, (id) => unitOf.get(id) ?? null);
}

/** GET /matters/:id for a unit kept informed: the limited view, `access` saying why, and no actions. */
export async function informedView(deps: Deps, actor: Actor, row: MatterRow, grants: readonly InformedGrant[]) {
  const events = await visibleEvents(deps.db, row.id, grants);
  // The units an event names (the ruling's new lead unit) are named, and nothing else about them.
  const book = await nameBook(deps.db, [row], events.map((e) => e.actorId), actor, [], unitsMentioned(events));
  return presentInformedView(row, book, grants.some((g) => g.reason === 'former_lead') ? 'former_unit' : 'named_unit', events);
}

/**
 * A matter's files are readable by whoever may see the matter; a unit kept
 * informed reads only the files of the events its limited view shows.
 */
export const canReadMatterFile: AttachmentReadCheck = async (deps, actor, matterId, fileId) => {
  const found = await findMatterToRead(deps.db, actor, matterId);
  if (!found) return false;
  if (found.access.kind === 'full') return true;
  if (fileId === undefined) return false;
  const events = await visibleEvents(deps.db, matterId, found.access.grants);
  const wanted = fileId.toLowerCase();
  return events.some((e) => {
    const evidence = (e.payload as { evidenceIds?: unknown }).evidenceIds;
    const ids = [...e.attachmentIds, ...(Array.isArray(evidence) ? evidence : [])];
    return ids.some((id) => typeof id === 'string' && id.toLowerCase() === wanted);
  });
};
