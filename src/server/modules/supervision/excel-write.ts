import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { users } from '../../db/schema';
import type { Deps } from '../../deps';
import { chinaDateOf } from '../../domain/calendar/dates';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import type { SupervisionSettings } from '../../domain/supervision';
import type { Actor } from '../../http/context';
import { notify } from '../notifications/notify';
import type { BuiltMatter } from './excel-build';
import { appendEvents, derived } from './repo';
import { matterCounters, matters, matterUnits } from './tables';

/**
 * Rows per INSERT. A matter row binds 25 parameters and its events about 60,
 * so 500 stays well under PostgreSQL's 65,535 per statement while turning
 * thousands of round trips into a handful (each one blocks the event loop on PGlite).
 */
const CHUNK = 500;

const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** The next n 督办编号 of a year in one statement, under the counter's row lock, as repo.nextCode does one at a time. */
async function reserveCodes(tx: Tx, year: number, n: number): Promise<string[]> {
  const [row] = await tx
    .insert(matterCounters)
    .values({ year, last: n })
    .onConflictDoUpdate({ target: matterCounters.year, set: { last: sql`${matterCounters.last} + ${n}` } })
    .returning({ last: matterCounters.last });
  const first = row!.last - n + 1;
  return Array.from({ length: n }, (_, i) => `督办〔${year}〕${first + i}号`);
}

/** Codes in row order; a matter is numbered in the year it was opened, so a 2025 matter joins 2025's sequence. */
async function codesFor(tx: Tx, built: BuiltMatter[]): Promise<string[]> {
  const years = built.map((b) => Number(chinaDateOf(new Date(b.matter.openedAt)).slice(0, 4)));
  const byYear = new Map<number, string[]>();
  for (const y of [...new Set(years)].sort()) byYear.set(y, await reserveCodes(tx, y, years.filter((x) => x === y).length));
  return years.map((y) => byYear.get(y)!.shift()!);
}

/**
 * One notification per unit for the matters assigned to it by this import,
 * naming them, rather than one per matter: a migration of hundreds of rows
 * must not bury a liaison under hundreds of messages. History (matters
 * assigned before today) is not announced again.
 */
async function announce(tx: Tx, deps: Deps, built: BuiltMatter[]) {
  const byUnit = new Map<string, string[]>();
  for (const b of built.filter((x) => x.announce)) {
    for (const u of new Set([b.matter.leadUnitId!, ...b.matter.coUnitIds])) byUnit.set(u, [...(byUnit.get(u) ?? []), b.matter.title]);
  }
  if (byUnit.size === 0) return;
  const liaisons = await tx
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(and(inArray(users.unitId, [...byUnit.keys()]), eq(users.active, true), sql`'liaison' = ANY(${users.roles})`));
  for (const [unitId, titles] of byUnit) {
    const userIds = liaisons.filter((l) => l.unitId === unitId).map((l) => l.id);
    if (userIds.length === 0) continue;
    await notify(tx, deps, {
      userIds,
      kind: 'matter.assigned',
      title: titles.length === 1 ? `【交办】${titles[0]}` : `【交办】${titles[0]} 等 ${titles.length} 项督查事项`,
      body: `新交办督查事项 ${titles.length} 项：${titles.slice(0, 20).join('；')}${titles.length > 20 ? '……' : ''}`,
      link: '/matters',
    });
  }
}

/** Writes the built matters, their units and their whole event logs in bulk; returns the codes in row order. */
export async function writeImported(
  tx: Tx,
  deps: Deps,
  calendar: WorkCalendar,
  settings: SupervisionSettings,
  actor: Actor,
  built: BuiltMatter[],
): Promise<string[]> {
  const codes = await codesFor(tx, built);
  const now = deps.clock.now();
  const coded = built.map((b, i) => ({ b, code: codes[i]! }));
  for (const part of chunks(coded)) {
    await tx.insert(matters).values(
      part.map(({ b, code }) => ({
        id: b.matter.id,
        code,
        requirement: b.row.requirement,
        sourceRef: b.row.leaderName ? { leaderName: b.row.leaderName } : {},
        openedBy: actor.userId,
        openedAt: new Date(b.matter.openedAt),
        updatedAt: now,
        ...derived(b.matter, calendar, settings),
      })),
    );
    await tx.insert(matterUnits).values(
      part.flatMap(({ b }) => [
        { matterId: b.matter.id, unitId: b.matter.leadUnitId!, role: 'lead' as const, handler: null },
        ...b.matter.coUnitIds.map((unitId) => ({ matterId: b.matter.id, unitId, role: 'co' as const, handler: null })),
      ]),
    );
    await appendEvents(tx, part.flatMap(({ b }) => b.events));
  }
  await announce(tx, deps, built);
  return codes;
}
