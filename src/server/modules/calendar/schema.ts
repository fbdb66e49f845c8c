import { z } from 'zod';
import { isIsoDate, yearOf } from '../../domain/calendar/dates';

/** The years the API accepts; the domain computes further, but nobody plans deadlines outside these. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const MAX_DAYS = 3650;

const dateMessage = '应为 YYYY-MM-DD 格式的有效日期';
const yearMessage = `年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`;
const dateRangeMessage = `日期应在 ${MIN_YEAR}-01-01 至 ${MAX_YEAR}-12-31 之间`;
const daysMessage = `天数应为 0 至 ${MAX_DAYS} 之间的整数`;

export const calendarDate = z
  .string(dateMessage)
  .superRefine((s, ctx) => {
    if (!isIsoDate(s)) ctx.addIssue({ code: 'custom', message: dateMessage });
    else if (yearOf(s) < MIN_YEAR || yearOf(s) > MAX_YEAR) ctx.addIssue({ code: 'custom', message: dateRangeMessage });
  })
  .meta({ description: '中国日历日期 YYYY-MM-DD', example: '2026-10-08' });

/** Path and query values arrive as text; digits only, so "2e3" or " 2026" are not quietly read as numbers. */
const digits = (message: string) => z.string(message).regex(/^\d{1,4}$/, message).transform(Number);

export const yearParams = z.strictObject({
  year: digits(yearMessage).pipe(z.number().min(MIN_YEAR, yearMessage).max(MAX_YEAR, yearMessage)),
});

export const dateParams = z.strictObject({ date: calendarDate });

export const addWorkingDaysQuery = z.strictObject({
  from: calendarDate,
  days: digits(daysMessage).pipe(z.number().max(MAX_DAYS, daysMessage)),
});

export const overrideBody = z.strictObject({
  kind: z.enum(['holiday', 'workday'], '调整类型只能是 holiday（放假）或 workday（上班）'),
  note: z.string('请填写说明').trim().min(1, '请填写说明').max(200, '说明不能超过 200 个字'),
});

const dayKind = z.enum(['workday', 'weekend', 'holiday', 'adjusted_workday']);

export const dayResponse = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: dayKind,
  kindLabel: z.string(),
  name: z.string().nullable(),
  source: z.enum(['official', 'override', 'provisional']),
});

export const yearResponse = z.object({
  year: z.number(),
  provisional: z.boolean(),
  source: z.string().nullable(),
  notices: z.array(z.string()),
  days: z.array(dayResponse),
});

export const addWorkingDaysResponse = z.object({ from: z.string(), days: z.number(), date: z.string() });

export const overrideResponse = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  kindLabel: z.string(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * A holiday-cn year file, checked by the domain's checkHolidayFile (which
 * gives each problem a Chinese message), not here: described for OpenAPI.
 */
export const officialYearBody = z.unknown().meta({
  description: 'holiday-cn 年度文件：{ year, papers: [通知网址], days: [{ name, date, isOffDay }] }',
  example: {
    year: 2027,
    papers: ['https://www.gov.cn/zhengce/content/2026xx/content_xxxxxxx.htm'],
    days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
  },
});

export const officialYearResponse = yearResponse.extend({
  /** how many matters' deadlines the loaded notice moved (each got a timeline entry) */
  mattersMoved: z.number(),
});

export const officialYearsResponse = z.object({
  items: z.array(
    z.object({
      year: z.number(),
      origin: z.enum(['bundled', 'loaded']),
      papers: z.array(z.string()),
      loadedBy: z.string().nullable(),
      loadedAt: z.string().nullable(),
    }),
  ),
});
