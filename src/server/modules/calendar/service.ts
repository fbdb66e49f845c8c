import { asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { calendarOverrides } from '../../db/schema';
import type { Clock } from '../../clock';
import type { RequestMeta } from '../../http/context';
import { AppError } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { assertDate, buildWorkCalendar, type OverrideKind, type WorkCalendar } from '../../domain/calendar/work-calendar';
import { appendAudit } from '../audit/service';

export interface OverrideInput {
  kind: OverrideKind;
  note: string;
}

/**
 * The calendar every deadline in the product must use: official data plus
 * this database's overrides. The overrides are read on each call rather than
 * cached: they are a few dozen rows, and a per-process cache would go stale
 * when several server processes share one PostgreSQL database, silently
 * giving two processes different deadlines. Pass the open transaction when
 * the deadline is written in one, so it sees the same overrides.
 */
export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  const rows = await db
    .select({ date: calendarOverrides.day, kind: calendarOverrides.kind, note: calendarOverrides.note })
    .from(calendarOverrides);
  return buildWorkCalendar(rows);
}

export async function listOverrides(db: Executor) {
  return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.day));
}

/**
 * Sets a local exception for one day, replacing any earlier one. created_by
 * and created_at then name whoever set the entry now in force; the audit log
 * keeps the earlier values.
 */
export async function putOverride(tx: Tx, clock: Clock, meta: RequestMeta, date: string, input: OverrideInput) {
  assertDate(date);
  assertNotClassified(input.note);
  const [previous] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.day, date)).for('update');
  const values = { kind: input.kind, note: input.note, createdBy: meta.actor?.userId ?? null, createdAt: clock.now() };
  const [row] = await tx
    .insert(calendarOverrides)
    .values({ day: date, ...values })
    .onConflictDoUpdate({ target: calendarOverrides.day, set: values })
    .returning();
  await appendAudit(tx, clock, meta, {
    action: 'calendar.override.put',
    objectType: 'calendar_override',
    objectId: date,
    detail: { kind: input.kind, note: input.note, previous: previous ? { kind: previous.kind, note: previous.note } : null },
  });
  return row!;
}

export async function deleteOverride(tx: Tx, clock: Clock, meta: RequestMeta, date: string): Promise<void> {
  assertDate(date);
  const [removed] = await tx.delete(calendarOverrides).where(eq(calendarOverrides.day, date)).returning();
  if (!removed) throw new AppError('NOT_FOUND', `${date} 没有本地调整`);
  await appendAudit(tx, clock, meta, {
    action: 'calendar.override.delete',
    objectType: 'calendar_override',
    objectId: date,
    detail: { kind: removed.kind, note: removed.note },
  });
}
