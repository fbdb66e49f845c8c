import type { MatterEvent } from './events';

/**
 * Units kept informed of a matter they do not handle (or no longer handle):
 * the lead unit whose 退回 was ruled justified ('former_lead', up to the
 * ruling), and a unit a leader's 批示 names ('named', that 批示 only). They
 * get a limited read view and never act; the matter's own units (lead, co)
 * see everything, as before.
 */
export type InformedReason = 'former_lead' | 'named';

export interface InformedGrant {
  unitId: string;
  reason: InformedReason;
  /** the event that granted it: the ruling, or the 批示 */
  seq: number;
}

/** The grants an event creates; stored with the event so the read scope can find them. */
export function informedUnitsOf(e: MatterEvent): InformedGrant[] {
  if (e.type === 'return_ruled' && e.payload.justified) return [{ unitId: e.payload.oldLeadUnitId, reason: 'former_lead', seq: e.seq }];
  if (e.type === 'instruction_added') return (e.payload.unitIds ?? []).map((unitId) => ({ unitId, reason: 'named' as const, seq: e.seq }));
  return [];
}

/** The little an event needs to say whose it is; the stored row and the domain event both fit. */
export interface EventFacts {
  seq: number;
  type: MatterEvent['type'];
  actorId: string;
  payload: unknown;
}

/**
 * Which events a unit kept informed may read: for a former lead unit, what
 * concerned it before and at the ruling (its assignment, its own actions
 * and reports, the ruling) and never the new unit's later work; for a named
 * unit, the 批示 naming it. `unitOfActor` gives the unit of the person who
 * acted (null for the system or an unknown account).
 */
export function eventsForInformed<E extends EventFacts>(events: readonly E[], grants: readonly InformedGrant[], unitOfActor: (actorId: string) => string | null): E[] {
  const concerns = (e: E, unitId: string): boolean => {
    const p = (e.payload ?? {}) as { unitId?: unknown; leadUnitId?: unknown; coUnitIds?: unknown };
    if (e.type === 'assigned') return p.leadUnitId === unitId || (Array.isArray(p.coUnitIds) && p.coUnitIds.includes(unitId));
    return p.unitId === unitId || unitOfActor(e.actorId) === unitId;
  };
  return events.filter((e) =>
    grants.some((g) => (g.reason === 'named' ? e.seq === g.seq : e.seq === g.seq || (e.seq < g.seq && concerns(e, g.unitId)))),
  );
}
