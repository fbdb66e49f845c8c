import { and, eq, gte, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { chinaDateOf } from '../../domain/calendar/dates';
import { AppError } from '../../errors';
import { sampleLookBacks } from '../../domain/supervision';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import type { Guard } from '../notifications/delivery';
import { applySystem } from './service';
import { loadSupervisionSettings, settingsForWrite } from './settings-service';
import { matters } from './tables';

/** The quarter before the one `today` falls in, as China dates and a label such as 2026Q1. */
export function previousQuarter(today: string): { label: string; from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const [py, pq] = q === 1 ? [y - 1, 4] : [y, q - 1];
  const start = (yy: number, qq: number) => `${yy}-${String((qq - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { label: `${py}Q${pq}`, from: start(py, pq), to: q === 1 ? `${y}-01-01` : start(y, q) };
}

/**
 * 随机抽查回头看: X % of the previous quarter's closed matters, drawn by the
 * domain's seeded sample (seed = the quarter), so every run and every process
 * picks the same matters. The domain refuses a look-back already due or done
 * for that closure, which makes the draw idempotent.
 */
export async function sampleQuarterLookBacks(deps: Deps, guard: Guard): Promise<number> {
  const today = chinaDateOf(deps.clock.now());
  const q = previousQuarter(today);
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(`${q.to}T00:00:00+08:00`);
  const closed = await deps.db
    .select({ id: matters.id })
    .from(matters)
    .where(and(eq(matters.state, 'closed'), gte(matters.closedAt, from), lt(matters.closedAt, to)));
  const { lookBackSamplePercent } = await loadSupervisionSettings(deps.db);
  const chosen = sampleLookBacks(
    closed.map((r) => r.id),
    lookBackSamplePercent,
    q.label,
  );
  if (chosen.length === 0) return 0;
  const calendar = await loadWorkCalendar(deps.db);
  let marked = 0;
  for (const id of chosen) {
    const r = await guard(async (tx) => {
      const settings = await settingsForWrite(tx);
      const [row] = await tx.select().from(matters).where(eq(matters.id, id)).for('update');
      if (!row || row.state !== 'closed' || row.snapshot.lookBackDue !== null || row.snapshot.sweep.lookBackFor === row.snapshot.closedAt) return 0;
      try {
        await applySystem(tx, deps, calendar, settings, row.snapshot, { type: 'mark_look_back_due', reason: 'sample' });
      } catch (e) {
        if (e instanceof AppError && e.code === 'RULE_VIOLATION') return 0;
        throw e;
      }
      await appendAudit(tx, deps.clock, { ip: 'job', requestId: 'look-back-sample', actor: null }, {
        action: 'matter.sweep',
        objectType: 'matter',
        objectId: id,
        detail: { lookBack: 'sample', quarter: q.label },
      });
      return 1;
    });
    if (r.ran) marked += r.value;
  }
  return marked;
}
