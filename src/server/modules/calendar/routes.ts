import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import type { Tx } from '../../db/connect';
import { metaOf } from '../../http/auth';
import {
  addWorkingDaysQuery,
  addWorkingDaysResponse,
  dateParams,
  overrideBody,
  officialYearBody,
  officialYearResponse,
  officialYearsResponse,
  overrideResponse,
  yearParams,
  yearResponse,
} from './schema';
import { MAX_FILE_BYTES } from '../../domain/calendar/loaded-years';
import { loadOfficialYear } from './official-years';
import { deleteOverride, listOfficialYears, listOverrides, loadWorkCalendar, putOverride, type OfficialYearChange } from './service';
import { presentOverride, presentYear } from './present';

const tags = ['calendar'];
const sysadminOnly = { roles: ['sysadmin'] as const };

/** Reading the calendar is open to every signed-in user; only the sysadmin changes it. */
/**
 * What a module that stores values computed with the calendar (the matters'
 * light thresholds) does around a change of an override, in the same
 * transaction: `before` first (to take its locks before any of ours), `after`
 * once the change is written (to recompute with it).
 */
export interface CalendarChangeHook {
  before(tx: Tx): Promise<void>;
  after(tx: Tx): Promise<void>;
  /**
   * A year's notice was loaded: between `before` and `after`, the stored
   * values that were computed across that year's provisional days may be
   * recomputed (an override never does this: it moves no given deadline).
   * Returns how many records moved.
   */
  officialYearLoaded?(tx: Tx, deps: Deps, change: OfficialYearChange): Promise<number>;
}

export function calendarRoutes(app: App, deps: Deps, hooks: CalendarChangeHook[] = []): void {
  const changing = <T>(fn: (tx: Tx) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      for (const h of hooks) await h.before(tx);
      const out = await fn(tx);
      for (const h of hooks) await h.after(tx);
      return out;
    });

  app.get(
    '/api/v1/calendar/years/:year',
    { schema: { tags, summary: '查询某年工作日历（节假日、调休及本地调整）', params: yearParams, response: { 200: yearResponse } } },
    async (req) => {
      const cal = await loadWorkCalendar(deps.db);
      return presentYear(cal.yearStatus(req.params.year), cal.specialDays(req.params.year));
    },
  );

  app.get(
    '/api/v1/calendar/working-days/add',
    {
      schema: {
        tags,
        summary: '计算若干个工作日之后的日期',
        description: 'days 为 0 时：from 是工作日则返回 from，否则返回其后第一个工作日。',
        querystring: addWorkingDaysQuery,
        response: { 200: addWorkingDaysResponse },
      },
    },
    async (req) => {
      const { from, days } = req.query;
      const cal = await loadWorkCalendar(deps.db);
      return { from, days, date: cal.addWorkingDays(from, days) };
    },
  );

  app.get(
    '/api/v1/calendar/official-years',
    {
      schema: {
        tags,
        summary: '国务院节假日安排：随系统提供的年份与系统管理员载入的年份',
        response: { 200: officialYearsResponse },
      },
    },
    async () => ({ items: await listOfficialYears(deps.db) }),
  );

  app.put(
    '/api/v1/calendar/official-years/:year',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags,
        summary: '载入某年国务院节假日安排（holiday-cn 格式的 JSON 文件）',
        description:
          '请求体即 holiday-cn 的年度文件（year、papers、days）。载入后该年不再按放假办法推算；按工作日计算、跨及该年的在办事项时限随之重算，并在事项时间线记录。随系统提供的年份不能替换；已载入的年份可再次载入（更正通知）。',
        params: yearParams,
        body: officialYearBody,
        response: { 200: officialYearResponse },
      },
      config: sysadminOnly,
    },
    async (req) => {
      const { year } = req.params;
      const mattersMoved = await loadOfficialYear(deps, metaOf(req), year, req.body, hooks);
      const cal = await loadWorkCalendar(deps.db);
      return { ...presentYear(cal.yearStatus(year), cal.specialDays(year)), mattersMoved };
    },
  );

  app.get(
    '/api/v1/calendar/overrides',
    {
      schema: { tags, summary: '本地调整列表', response: { 200: z.object({ items: z.array(overrideResponse) }) } },
      config: sysadminOnly,
    },
    async () => ({ items: (await listOverrides(deps.db)).map(presentOverride) }),
  );

  app.put(
    '/api/v1/calendar/overrides/:date',
    {
      schema: {
        tags,
        summary: '设置某日的本地调整（放假或上班）',
        params: dateParams,
        body: overrideBody,
        response: { 200: overrideResponse },
      },
      config: sysadminOnly,
    },
    async (req) => {
      const row = await changing((tx) => putOverride(tx, deps.clock, metaOf(req), req.params.date, req.body));
      return presentOverride(row);
    },
  );

  app.delete(
    '/api/v1/calendar/overrides/:date',
    {
      schema: { tags, summary: '删除某日的本地调整', params: dateParams, response: { 200: z.object({ ok: z.literal(true) }) } },
      config: sysadminOnly,
    },
    async (req) => {
      await changing((tx) => deleteOverride(tx, deps.clock, metaOf(req), req.params.date));
      return { ok: true as const };
    },
  );
}
