import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { Guard } from '../notifications/delivery';
import { addDays, chinaDateOf } from '../../domain/calendar/dates';
import { nextSweepOn, sweep } from '../../domain/supervision';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import { applySystem } from './service';
import { settingsForWrite } from './settings-service';
import { matters } from './tables';

export interface SweepReport {
  checked: number;
  actions: number;
}

const sweepMeta = { ip: 'job', requestId: 'supervision-sweep', actor: null };

/**
 * 自动催办 and escalation: runs the domain's sweep() on each candidate and
 * applies what it returns as the system actor, one matter per transaction so
 * a failure on one never blocks the rest. Idempotent: the domain records what
 * it sent on the matter, so a second run the same day finds nothing.
 */
export async function sweepMatters(deps: Deps, guard: Guard, batch = 200): Promise<SweepReport> {
  const today = chinaDateOf(deps.clock.now());
  const calendar = await loadWorkCalendar(deps.db);
  const report: SweepReport = { checked: 0, actions: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Only the matters whose stored due day has come (nextSweepOn, kept with every write): an idle day reads none.
    const ids = await deps.db
      .select({ id: matters.id })
      .from(matters)
      .where(and(lte(matters.sweepDue, today), gt(matters.id, after)))
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
        } else {
          // Nothing to do after all (a row from before the column, or timings computed with another calendar):
          // store the real day, never today or earlier, so the matter is not read again until then.
          const due = nextSweepOn(m, calendar, current);
          await tx.update(matters).set({ sweepDue: due !== null && due <= today ? addDays(today, 1) : due }).where(eq(matters.id, id));
        }
        return n;
      });
      if (done.ran) report.actions += done.value;
    }
  }
  return report;
}
