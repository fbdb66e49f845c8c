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
 * Whether loading the notice changes what the matter's rule gives: the same
 * rule from the same day counted with the calendar before and after. Only
 * then is the deadline recounted, so neither a local override made since
 * nor a deadline someone set by hand moves (the domain checks the latter).
 */
function moves(m: Matter, change: OfficialYearChange): boolean {
  const rule = m.deadlineRule;
  if (rule?.kind !== 'working_days' || m.assignedAt === null || m.deadline === null) return false;
  const from = chinaDateOf(new Date(m.assignedAt));
  // The span counted: from the assignment day to the deadline, or further if the notice gives a later one.
  if (Number(from.slice(0, 4)) > change.year || Number(m.deadline.slice(0, 4)) < change.year - 1) return false;
  return change.before.addWorkingDays(from, rule.days) !== change.after.addWorkingDays(from, rule.days);
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
  let moved = 0;
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
      if (!moves(r.snapshot, change)) continue;
      // A deadline someone set since (extension, resume, rework) is refused by the domain: it stays.
      const d = await applySystem(tx, deps, change.after, settings, r.snapshot, { type: 'recalculate_deadline', year: change.year }).catch(
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'RULE_VIOLATION') return null;
          throw e;
        },
      );
      if (d) moved++;
    }
  }
  return moved;
}

