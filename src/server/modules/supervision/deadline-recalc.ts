import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import type { Deps } from '../../deps';
import { chinaDateOf } from '../../domain/calendar/dates';
import { AppError } from '../../errors';
import { statesFor, type Matter } from '../../domain/supervision';
import type { OfficialYearChange } from '../calendar/service';
import { applySystem } from './service';
import { loadSupervisionSettings } from './settings-service';
import { matters } from './tables';

const BATCH = 200;

/**
 * What loading the notice changes of the matter's rule: the same rule from
 * the same day counted with the calendar before and after. Only when they
 * differ is the deadline recounted, so neither a local override made since
 * nor a deadline someone set by hand moves (the domain checks the latter).
 */
function recount(m: Matter, change: OfficialYearChange): { days: number; deadline: string } | null {
  const rule = m.deadlineRule;
  if (rule?.kind !== 'working_days' || m.assignedAt === null || m.deadline === null) return null;
  const from = chinaDateOf(new Date(m.assignedAt));
  // The span counted runs from the assignment day to the deadline (a notice may list days of the December before).
  if (Number(from.slice(0, 4)) > change.year || Number(m.deadline.slice(0, 4)) < change.year - 1) return null;
  const deadline = change.after.addWorkingDays(from, rule.days);
  return deadline === change.before.addWorkingDays(from, rule.days) ? null : { days: rule.days, deadline };
}

/**
 * 时限重算 after a year's State Council notice was loaded (calendar
 * routes), in the loading transaction: every open matter whose working-day
 * deadline was counted across that year's provisional days gets a
 * `deadline_recalculated` event from the system (timeline, version,
 * notification to its units); its stored light dates follow through
 * updateMatter, and the calendar hook's `after` recomputes the rest.
 * Returns how many matters moved.
 */
export async function recalculateDeadlines(tx: Tx, deps: Deps, change: OfficialYearChange): Promise<number> {
  const settings = await loadSupervisionSettings(tx);
  const states = statesFor.recalculate_deadline;
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const rows = await tx
      .select({ id: matters.id, snapshot: matters.snapshot })
      .from(matters)
      .where(
        and(
          inArray(matters.state, [...states]),
          sql`${matters.snapshot}->'deadlineRule'->>'kind' = 'working_days'`,
          gt(matters.id, after),
        ),
      )
      .orderBy(asc(matters.id))
      .limit(BATCH)
      .for('update');
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const r of rows) {
      const moved = recount(r.snapshot, change);
      if (!moved) continue;
      // A deadline someone set since (extension, resume, rework) is refused by the domain: it stays.
      // The comment is the timeline's sentence, also for pages that know no such event yet.
      const comment = `${change.year} 年节假日安排已载入，按 ${moved.days} 个工作日重算：办理期限由 ${r.snapshot.deadline} 调整为 ${moved.deadline}`;
      const d = await applySystem(tx, deps, change.after, settings, r.snapshot, { type: 'recalculate_deadline', year: change.year, comment }).catch(
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'RULE_VIOLATION') return null;
          throw e;
        },
      );
      if (d) count++;
    }
  }
  return count;
}

