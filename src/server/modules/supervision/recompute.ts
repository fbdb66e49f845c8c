import { and, asc, gt, inArray, isNotNull, eq, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import { clockStates, type SupervisionSettings } from '../../domain/supervision';
import { timings } from './light-thresholds';
import { matters } from './tables';

const BATCH = 500;

/**
 * Recomputes the stored timings (light thresholds and the sweep's due day)
 * of every matter they can change for — open ones whose clock runs, and
 * closed ones with a look-back still pending — after the 督办设置 or the
 * calendar changed, in batches by id, writing only the rows that differ.
 * Runs inside the transaction that made the change, holding the timing lock
 * exclusively (settings-service.ts), so no matter is written meanwhile with
 * the old values. Returns how many rows changed.
 */
export async function recomputeTimings(tx: Tx, settings: SupervisionSettings, calendar: WorkCalendar): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const rows = await tx
      .select({
        id: matters.id,
        snapshot: matters.snapshot,
        lightMode: matters.lightMode,
        yellowFrom: matters.yellowFrom,
        redFrom: matters.redFrom,
        sweepDue: matters.sweepDue,
      })
      .from(matters)
      .where(
        and(
          or(inArray(matters.state, [...clockStates]), and(eq(matters.state, 'closed'), isNotNull(matters.sweepDue))),
          gt(matters.id, after),
        ),
      )
      .orderBy(asc(matters.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates = rows
      .map((r) => ({ r, t: timings(r.snapshot, calendar, settings) }))
      .filter(({ r, t }) => t.lightMode !== r.lightMode || t.yellowFrom !== r.yellowFrom || t.redFrom !== r.redFrom || t.sweepDue !== r.sweepDue);
    if (updates.length === 0) continue;
    const values = sql.join(
      updates.map(({ r, t }) => sql`(${r.id}::uuid, ${t.lightMode}, ${t.yellowFrom}::date, ${t.redFrom}::date, ${t.sweepDue}::date)`),
      sql`, `,
    );
    await tx.execute(sql`UPDATE matters AS m SET light_mode = v.mode, yellow_from = v.yellow, red_from = v.red, sweep_due = v.due
      FROM (VALUES ${values}) AS v(id, mode, yellow, red, due) WHERE m.id = v.id`);
    changed += updates.length;
  }
  return changed;
}
