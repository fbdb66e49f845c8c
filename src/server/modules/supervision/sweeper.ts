import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { Guard } from '../notifications/delivery';
import { chinaDateOf } from '../../domain/calendar/dates';
import { sweep } from '../../domain/supervision';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import { applySystem } from './service';
import { loadSupervisionSettings, settingsForWrite } from './settings-service';
import { matters } from './tables';

export interface SweepReport {
  checked: number;
  actions: number;
}

const sweepMeta = { ip: 'job', requestId: 'supervision-sweep', actor: null };

/**
 * The matters the sweeper must look at today: open ones whose light is no
 * longer plain green (yellow or red by date, late report or milestone — all
 * captured by yellow_from), and closed ones old enough for a look-back not
 * yet recorded. Everything else cannot produce an action, so it is not read.
 * "Old enough" counts China days as the domain's dayOf() does: closed on or
 * before the day today − N, i.e. before 00:00 (UTC+8) of the day after it.
 */
function candidates(today: string, lookBackDays: number) {
  return sql`(
    (${matters.state} IN ('assigned', 'in_progress') AND ${matters.lightMode} = 'clock' AND ${today}::date >= ${matters.yellowFrom})
    OR (${matters.state} = 'closed'
        AND ${matters.closedAt} < (((${today}::date - ${lookBackDays}::int + 1)::text || 'T00:00:00+08:00')::timestamptz)
        AND ${matters.snapshot}->>'lookBackDue' IS NULL
        AND (${matters.snapshot}->'sweep'->>'lookBackFor') IS DISTINCT FROM (${matters.snapshot}->>'closedAt'))
  )`;
}

/**
 * 自动催办 and escalation: runs the domain's sweep() on each candidate and
 * applies what it returns as the system actor, one matter per transaction so
 * a failure on one never blocks the rest. Idempotent: the domain records what
 * it sent on the matter, so a second run the same day finds nothing.
 */
export async function sweepMatters(deps: Deps, guard: Guard, batch = 200): Promise<SweepReport> {
  const today = chinaDateOf(deps.clock.now());
  // For choosing candidates; each matter's transaction reads them again under the settings lock.
  const settings = await loadSupervisionSettings(deps.db);
  const calendar = await loadWorkCalendar(deps.db);
  const report: SweepReport = { checked: 0, actions: 0 };
  const minLookBack = Math.min(settings.lookBackDays, ...Object.values(settings.lookBackDaysByCategory));
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await deps.db
      .select({ id: matters.id })
      .from(matters)
      .where(and(candidates(today, minLookBack), gt(matters.id, after)))
      .orderBy(asc(matters.id))
      .limit(batch);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!.id;
    for (const { id } of ids) {
      report.checked++;
      const done = await guard(async (tx) => {
        const current = await settingsForWrite(tx);
        const [row] = await tx.select().from(matters).where(eq(matters.id, id)).for('update');
        if (!row) return 0;
        let m = row.snapshot;
        let n = 0;
        for (const action of sweep(m, today, calendar, current)) {
          m = await applySystem(tx, deps, calendar, current, m, action);
          n++;
        }
        if (n > 0) {
          await appendAudit(tx, deps.clock, sweepMeta, { action: 'matter.sweep', objectType: 'matter', objectId: id, detail: { actions: n } });
        }
        return n;
      });
      if (done.ran) report.actions += done.value;
    }
  }
  return report;
}

