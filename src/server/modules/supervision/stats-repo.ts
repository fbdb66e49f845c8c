import { and, asc, inArray, like, ne, sql, type SQL } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connect';
import { units } from '../../db/schema';
import { addDays, type IsoDate } from '../../domain/calendar/dates';
import type { MatterEvent } from '../../domain/supervision';
import type { Actor } from '../../http/context';
import { seesWholeTree } from '../units/scope';
import { matterEvents, matters } from './tables';

export interface ScopedUnit {
  id: string;
  name: string;
  sortOrder: number;
  path: string;
}

/** The first instant of a China date. */
export const chinaStart = (d: IsoDate) => new Date(`${d}T00:00:00+08:00`);

/**
 * The units whose statistics the caller may read: office roles every unit,
 * a liaison or unit head their own unit and the units below it (the same
 * subtree rule as matterScope). Admin roles do no business and get none.
 */
export async function statsUnits(db: Executor, actor: Actor): Promise<Map<string, ScopedUnit>> {
  const business = actor.roles.some((r) => r === 'leader' || r === 'supervisor' || r === 'staff' || r === 'liaison' || r === 'unit_head');
  if (!business) return new Map();
  const office = seesWholeTree(actor);
  const rows = await db
    .select({ id: units.id, name: units.name, sortOrder: units.sortOrder, path: units.path })
    .from(units)
    .where(office ? undefined : like(units.path, `${actor.unitPath}%`))
    .orderBy(asc(units.path));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface LogWindow {
  /** first day whose events or overdue days may count */
  from: IsoDate;
  /** last day of the window (the period's end, never after asOf) */
  end: IsoDate;
  /** events after this day are not loaded: the domain ignores them too */
  asOf: IsoDate;
  /** only matters these units led at some time; null = every matter */
  unitIds: readonly string[] | null;
}

/**
 * The bound on which matters can change a unit's figures in a window, so a
 * year's statistics do not replay every matter ever opened:
 *  - opened on or before the window's last day (nothing happens to a matter
 *    before it is opened), and not a draft (a draft has no unit and no clock);
 *  - not closed before the window starts: closed_at is the latest closure
 *    (a look-back reopen clears it), and after a closure that still stands
 *    only events that count for nothing can follow (look-back due or passed,
 *    批示, referral), nor can the matter be overdue;
 *  - for a unit filter, led by one of the units now, or earlier: a matter
 *    moves to another lead unit only by a justified return ruling, whose
 *    event names the unit it left (payload.oldLeadUnitId). A ruling before
 *    the window is left out: the unit it took the matter from did nothing
 *    with it in the window (an uncorrelated IN, so PostgreSQL hashes the
 *    rulings once, found through the (type, at) index).
 * Events after `asOf` are left out; the domain would ignore them anyway.
 */
export async function loadLogs(db: Executor, w: LogWindow): Promise<MatterEvent[][]> {
  if (w.unitIds !== null && w.unitIds.length === 0) return [];
  const window = and(
    ne(matters.state, 'draft'),
    sql`${matters.openedAt} < ${chinaStart(addDays(w.end, 1))}`,
    sql`(${matters.closedAt} IS NULL OR ${matters.closedAt} >= ${chinaStart(w.from)})`,
  );
  const ids = (where: SQL | undefined) => db.select({ id: matters.id }).from(matters).where(where);
  // For units, two index-friendly halves rather than one OR, which made PostgreSQL scan every matter and
  // then every event at a million matters: the matters they lead (by lead unit), and the ones they led.
  const relevant =
    w.unitIds === null
      ? ids(window)
      : union(
          ids(and(window, inArray(matters.leadUnitId, [...w.unitIds]))),
          ids(
            and(
              window,
              sql`${matters.id} IN (SELECT r.matter_id FROM matter_events r WHERE r.type = 'return_ruled' AND r.at >= ${chinaStart(w.from)}
            AND r.payload->>'oldLeadUnitId' IN (${sql.join(w.unitIds.map((u) => sql`${u}`), sql`, `)}))`,
            ),
          ),
        );
  // Figures never read comments or attachments: leaving them out spares reading and decoding them.
  const rows = await db
    .select({
      matterId: matterEvents.matterId,
      seq: matterEvents.seq,
      type: matterEvents.type,
      actorId: matterEvents.actorId,
      at: matterEvents.at,
      state: matterEvents.state,
      payload: matterEvents.payload,
    })
    .from(matterEvents)
    .where(and(inArray(matterEvents.matterId, relevant), sql`${matterEvents.at} < ${chinaStart(addDays(w.asOf, 1))}`))
    .orderBy(asc(matterEvents.matterId), asc(matterEvents.seq));
  const logs: MatterEvent[][] = [];
  let current: MatterEvent[] = [];
  for (const r of rows) {
    if (current.length && current[0]!.matterId !== r.matterId) {
      logs.push(current);
      current = [];
    }
    current.push({
      matterId: r.matterId,
      seq: r.seq,
      type: r.type,
      actorId: r.actorId,
      at: r.at.toISOString(),
      state: r.state,
      attachmentIds: [],
      payload: r.payload,
    } as MatterEvent);
  }
  if (current.length) logs.push(current);
  return logs;
}
