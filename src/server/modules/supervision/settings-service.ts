import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor, Tx } from '../../db/connect';
import { settings } from '../../db/schema';
import type { Deps } from '../../deps';
import type { RequestMeta } from '../../http/context';
import { stale } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { defaultSupervisionSettings, type SupervisionSettings } from '../../domain/supervision';
import { appendAudit } from '../audit/service';
import { loadWorkCalendar } from '../calendar/service';
import { recomputeTimings } from './recompute';
import { recalculateDeadlines } from './deadline-recalc';
import type { CalendarChangeHook } from '../calendar/routes';

const KEY = 'supervision.settings';

/**
 * Matter writes hold this advisory lock shared for their whole transaction
 * (taken first, before any row lock); a change of the settings or of the
 * calendar holds it exclusively while it stores the change and recomputes
 * the stored timings. So no matter is ever written with timings about to
 * change, and the lock order (this lock, then rows, then the audit lock)
 * cannot deadlock.
 */
const SETTINGS_LOCK = 727010;

/**
 * The matters' side of a calendar change (calendar/routes.ts): the timing
 * lock first, then, once the override or the year's notice is written, every
 * affected matter's thresholds and sweep due day recomputed with the new
 * calendar. A loaded notice also recounts the working-day deadlines it
 * changes (deadline-recalc.ts); an override never moves a given deadline.
 */
export const calendarChangeHook: CalendarChangeHook = {
  before: async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETTINGS_LOCK})`);
  },
  officialYearLoaded: (tx, deps, change) => recalculateDeadlines(tx, deps, change),
  after: async (tx) => {
    await recomputeTimings(tx, await loadSupervisionSettings(tx), await loadWorkCalendar(tx));
  },
};

const wholeDays = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what}应为数字` })
    .int(`${what}应为整数`)
    .min(min, `${what}应在 ${min} 到 ${max} 之间`)
    .max(max, `${what}应在 ${min} 到 ${max} 之间`);

/** Category names as matters carry them (trimmed text), at most 20 characters here. */
const categoryName = z.string({ error: '分类名称应为文字' }).trim().min(1, '分类名称不能为空').max(20, '分类名称不能超过 20 个字');

export const supervisionSettingsSchema = z.strictObject({
  yellowWorkingDays: wholeDays('黄灯预警工作日数', 1, 20),
  escalateAfterRedWorkingDays: wholeDays('红灯升级工作日数', 1, 30),
  lookBackDays: wholeDays('回头看天数', 1, 365),
  lookBackDaysByCategory: z
    .record(categoryName, wholeDays('分类回头看天数', 1, 365), { error: '按分类的回头看天数应为“分类: 天数”' })
    .refine((r) => Object.keys(r).length <= 50, '按分类的回头看天数最多 50 项'),
  lookBackSamplePercent: z
    .number({ error: '抽查比例应为数字' })
    .min(0, '抽查比例应在 0 到 100 之间')
    .max(100, '抽查比例应在 0 到 100 之间'),
});

export interface StoredSupervisionSettings {
  settings: SupervisionSettings;
  /** 0 while the defaults are in force (never saved) */
  version: number;
  updatedAt: string | null;
}

function fromRow(row: typeof settings.$inferSelect | undefined): StoredSupervisionSettings {
  if (!row) return { settings: { ...defaultSupervisionSettings }, version: 0, updatedAt: null };
  const parsed = supervisionSettingsSchema.partial().safeParse(row.value);
  return {
    settings: { ...defaultSupervisionSettings, ...(parsed.success ? parsed.data : {}) },
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getSupervisionSettings(db: Executor): Promise<StoredSupervisionSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  return fromRow(row);
}

/** The settings in force, for reads (ledger lights, presenters, candidate queries): one small query. */
export async function loadSupervisionSettings(db: Executor): Promise<SupervisionSettings> {
  return (await getSupervisionSettings(db)).settings;
}

/**
 * The settings in force for a transaction that writes matters (their light
 * thresholds depend on them). Call it first in the transaction, before
 * locking any matter row: it holds the settings lock shared until commit.
 */
export async function settingsForWrite(tx: Tx): Promise<SupervisionSettings> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${SETTINGS_LOCK})`);
  return loadSupervisionSettings(tx);
}

/** Whether stored timings (light thresholds, sweep due days) depend on a field that changed; the sample share does not. */
const timingsDiffer = (a: SupervisionSettings, b: SupervisionSettings) =>
  a.yellowWorkingDays !== b.yellowWorkingDays ||
  a.escalateAfterRedWorkingDays !== b.escalateAfterRedWorkingDays ||
  a.lookBackDays !== b.lookBackDays ||
  JSON.stringify(a.lookBackDaysByCategory) !== JSON.stringify(b.lookBackDaysByCategory);

/**
 * 督办设置: stores the settings under optimistic concurrency (the caller
 * sends the version it read; 0 means "never saved"), recomputes the stored
 * timings (recompute.ts) when a field they depend on changes, and audits before/after,
 * all in one transaction.
 */
export async function putSupervisionSettings(
  deps: Deps,
  meta: RequestMeta,
  userId: string,
  next: SupervisionSettings,
  version: number,
): Promise<StoredSupervisionSettings> {
  assertNotClassified(...Object.keys(next.lookBackDaysByCategory));
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETTINGS_LOCK})`);
    const [row] = await tx.select().from(settings).where(eq(settings.key, KEY)).for('update');
    const current = fromRow(row);
    if (current.version !== version) throw stale();
    const now = deps.clock.now();
    if (!row) {
      await tx.insert(settings).values({ key: KEY, value: next, version: 1, updatedAt: now, updatedBy: userId });
    } else {
      await tx
        .update(settings)
        .set({ value: next, version: version + 1, updatedAt: now, updatedBy: userId })
        .where(eq(settings.key, KEY));
    }
    const recomputed = timingsDiffer(current.settings, next) ? await recomputeTimings(tx, next, await loadWorkCalendar(tx)) : 0;
    await appendAudit(tx, deps.clock, meta, {
      action: 'supervision.settings.put',
      objectType: 'settings',
      objectId: KEY,
      detail: { before: current.settings, after: next, recomputedMatters: recomputed },
    });
    return getSupervisionSettings(tx);
  });
}
