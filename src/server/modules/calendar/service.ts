import { asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { calendarOverrides, officialHolidayYears } from '../../db/schema';
import type { Clock } from '../../clock';
import type { RequestMeta } from '../../http/context';
import { AppError } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { checkHolidayFile, withLoadedYears, type HolidayFile } from '../../domain/calendar/loaded-years';
import { officialHolidays } from '../../domain/calendar/official-data';
import { assertDate, WorkCalendar, type CalendarOverride, type OverrideKind } from '../../domain/calendar/work-calendar';
import { appendAudit } from '../audit/service';

export interface OverrideInput {
  kind: OverrideKind;
  note: string;
}

/**
 * The calendar every deadline in the product must use: the bundled official
 * data with the years the sysadmin loaded since, plus this database's
 * overrides. Both are read on each call rather than cached: they are a few
 * dozen rows, and a per-process cache would go stale when several server
 * processes share one PostgreSQL database, silently giving two processes
 * different deadlines. Pass the open transaction when the deadline is
 * written in one, so it sees the same data.
 */
export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  return calendarOf(await loadedFiles(db), await readOverrides(db));
}

const readOverrides = (db: Executor): Promise<CalendarOverride[]> =>
  db.select({ date: calendarOverrides.day, kind: calendarOverrides.kind, note: calendarOverrides.note }).from(calendarOverrides);

/** Stored files were checked by checkHolidayFile when loaded. */
async function loadedFiles(db: Executor): Promise<HolidayFile[]> {
  const rows = await db.select({ file: officialHolidayYears.file }).from(officialHolidayYears).orderBy(asc(officialHolidayYears.year));
  return rows.map((r) => r.file as HolidayFile);
}

const calendarOf = (files: readonly HolidayFile[], overrides: readonly CalendarOverride[], strict = false) =>
  new WorkCalendar(withLoadedYears(files, officialHolidays, strict), overrides);

/** The years of official data: bundled with the release, or loaded here since. */
export async function listOfficialYears(db: Executor) {
  const rows = await db.select().from(officialHolidayYears).orderBy(asc(officialHolidayYears.year));
  const loaded = new Map(rows.map((r) => [r.year, r]));
  const bundled = [...officialHolidays.notices].filter(([, papers]) => papers.length).map(([year]) => year);
  const years = [...new Set([...bundled, ...loaded.keys()])].sort((a, b) => a - b);
  return years.map((year) => {
    const row = loaded.get(year);
    if (!row) return { year, origin: 'bundled' as const, papers: [...(officialHolidays.notices.get(year) ?? [])], loadedBy: null, loadedAt: null };
    const file = row.file as HolidayFile;
    return { year, origin: 'loaded' as const, papers: file.papers, loadedBy: row.loadedBy, loadedAt: row.loadedAt.toISOString() };
  });
}

/** What loading a year changed: the calendar before and after, for the modules that store dates computed with it. */
export interface OfficialYearChange {
  year: number;
  before: WorkCalendar;
  after: WorkCalendar;
}

/**
 * Loads (or reloads, when a later notice corrects it) a year's State Council
 * notice as a holiday-cn file. Refused, writing nothing: a file that fails
 * checkHolidayFile, a year the release already bundles with a notice, a day
 * that contradicts a neighbouring year's notice. Audited with the notices
 * and, on a reload, the notices it replaced.
 */
export async function putOfficialYear(tx: Tx, clock: Clock, meta: RequestMeta, year: number, raw: unknown): Promise<OfficialYearChange> {
  const file = checkHolidayFile(raw, year);
  if (officialHolidays.notices.get(year)?.length) {
    throw new AppError('VALIDATION_FAILED', `${year} 年的节假日安排已随系统提供，无需载入；本地的个别调整请用“本地调整”`);
  }
  const rows = await tx.select().from(officialHolidayYears).for('update');
  const others = rows.filter((r) => r.year !== year).map((r) => r.file as HolidayFile);
  const previous = rows.find((r) => r.year === year);
  const overrides = await readOverrides(tx);
  const before = calendarOf(previous ? [...others, previous.file as HolidayFile] : others, overrides);
  // Builds the merged data first, so a day that contradicts another notice is refused before anything is written.
  const after = calendarOf([...others, file], overrides, true);
  const values = { file, loadedBy: meta.actor?.userId ?? null, loadedAt: clock.now() };
  await tx.insert(officialHolidayYears).values({ year, ...values }).onConflictDoUpdate({ target: officialHolidayYears.year, set: values });
  await appendAudit(tx, clock, meta, {
    action: 'calendar.official_year.put',
    objectType: 'official_holiday_year',
    objectId: String(year),
    detail: {
      papers: file.papers,
      days: file.days.length,
      previous: previous ? { papers: (previous.file as HolidayFile).papers, days: (previous.file as HolidayFile).days.length } : null,
    },
  });
  return { year, before, after };
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
