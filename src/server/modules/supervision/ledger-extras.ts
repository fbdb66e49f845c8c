import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { chinaDateOf } from '../../domain/calendar/dates';
import { users } from '../../db/schema';
import type { MatterRow } from './repo';
import { matterEvents, matterUnits } from './tables';

/** How much of the latest progress report a ledger row shows. */
export const PROGRESS_EXCERPT = 40;

export interface LedgerExtras {
  /** 承办人: the lead unit's named handler, else the liaison who accepted the matter */
  handler: string | null;
  /** 催办次数: every 催办, manual and automatic */
  reminders: number;
  /** 最近进展: the latest progress report's day and its opening words */
  latestProgress: { on: string; text: string } | null;
}

const excerpt = (t: string) => (t.length > PROGRESS_EXCERPT ? `${t.slice(0, PROGRESS_EXCERPT)}…` : t);

/**
 * The ledger's 承办人, 催办次数 and 最近进展 for one page (or one export
 * batch) of rows: three small queries for the whole page, each walking the
 * (matter_id, seq) index of the page's matters only.
 */
export async function ledgerExtras(db: Executor, rows: MatterRow[]): Promise<Map<string, LedgerExtras>> {
  const ids = rows.map((r) => r.id);
  const out = new Map<string, LedgerExtras>();
  if (!ids.length) return out;
  const latest = (type: 'accepted' | 'progress_reported') =>
    db
      .selectDistinctOn([matterEvents.matterId], { matterId: matterEvents.matterId, actorId: matterEvents.actorId, at: matterEvents.at, payload: matterEvents.payload })
      .from(matterEvents)
      .where(and(inArray(matterEvents.matterId, ids), eq(matterEvents.type, type)))
      .orderBy(matterEvents.matterId, desc(matterEvents.seq));
  const [named, accepted, progress] = await Promise.all([
    db
      .select({ matterId: matterUnits.matterId, handler: matterUnits.handler })
      .from(matterUnits)
      .where(and(inArray(matterUnits.matterId, ids), eq(matterUnits.role, 'lead'))),
    latest('accepted'),
    latest('progress_reported'),
  ]);
  const acceptors = [...new Set(accepted.map((a) => a.actorId))];
  const people = acceptors.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, acceptors)) : [];
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const handlerOf = new Map(named.filter((n) => n.handler).map((n) => [n.matterId, n.handler!]));
  const acceptorOf = new Map(accepted.map((a) => [a.matterId, nameOf.get(a.actorId) ?? null]));
  const progressOf = new Map(progress.map((p) => [p.matterId, p]));
  for (const r of rows) {
    const p = progressOf.get(r.id);
    out.set(r.id, {
      handler: handlerOf.get(r.id) ?? acceptorOf.get(r.id) ?? null,
      reminders: r.snapshot.counts.reminders,
      latestProgress: p ? { on: chinaDateOf(p.at), text: excerpt(String((p.payload as { text?: string }).text ?? '')) } : null,
    });
  }
  return out;
}
