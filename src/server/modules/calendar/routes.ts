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
  overrideResponse,
  yearParams,
  yearResponse,
} from './schema';
import { deleteOverride, listOverrides, loadWorkCalendar, putOverride } from './service';
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
