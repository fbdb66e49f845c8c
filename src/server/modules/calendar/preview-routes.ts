import { z } from 'zod';
import type { App } from '../../http/app-type';
import type { Deps } from '../../deps';
import { chinaDateOf } from '../../domain/calendar/dates';
import { previewDeadline } from '../../domain/supervision/deadline-preview';
import type { DeadlineRule } from '../../domain/supervision/types';
import { businessRoles } from '../../../shared/roles';
import { calendarDate, dayResponse } from './schema';
import { loadWorkCalendar } from './service';
import { presentDay } from './present';

const oneOf = '请填写工作日数（workingDays）或完成日期（date），二者选一';
const daysMessage = '工作日数应为正整数';

/** Query values arrive as text; digits only, so "1.5" or "2e1" are refused rather than read as numbers. */
const previewQuery = z
  .strictObject({
    workingDays: z.string(daysMessage).regex(/^\d{1,6}$/, daysMessage).transform(Number).optional(),
    date: calendarDate.optional(),
    from: calendarDate.optional().meta({ description: '假定的交办日期，默认今天' }),
  })
  .superRefine((q, ctx) => {
    if ((q.workingDays === undefined) === (q.date === undefined)) ctx.addIssue({ code: 'custom', message: oneOf });
  });

const previewResponse = z.object({
  from: z.string(),
  deadline: z.string(),
  weekday: z.string(),
  workingDays: z.number(),
  calendarDays: z.number(),
  holidaysCrossed: z.array(dayResponse),
  provisional: z.boolean(),
  provisionalYears: z.array(z.number()),
  provisionalNote: z.string().nullable(),
});

/**
 * 完成时限预览 for the 立项 and 交办 forms: the deadline a rule gives when
 * assigned today (or on `from`), by the very functions 交办 stores it with and
 * the database's calendar, so what the form shows is what will be stored — and
 * refused with the same code and message when 交办 would refuse it.
 */
export function deadlinePreviewRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/calendar/deadline-preview',
    {
      schema: {
        tags: ['calendar'],
        summary: '完成时限预览（按工作日数或日期，自交办之日起）',
        description: 'workingDays 与 date 二选一；from 默认今天。所涉年份的节假日安排未发布时 provisional 为 true，并附说明。',
        querystring: previewQuery,
        response: { 200: previewResponse },
      },
      config: { roles: businessRoles },
    },
    async (req) => {
      const { workingDays, date, from } = req.query;
      const rule: DeadlineRule = date !== undefined ? { kind: 'date', date } : { kind: 'working_days', days: workingDays! };
      const calendar = await loadWorkCalendar(deps.db);
      const p = previewDeadline(rule, from ?? chinaDateOf(deps.clock.now()), calendar);
      return { ...p, holidaysCrossed: p.holidaysCrossed.map(presentDay) };
    },
  );
}
