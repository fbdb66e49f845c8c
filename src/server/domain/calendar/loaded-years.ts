import { z } from 'zod';
import { AppError } from '../../errors';
import { assertNotClassified } from '../text';
import { isIsoDate, toDayNumber, yearOf } from './dates';
import { officialHolidays, type OfficialDay, type OfficialHolidays } from './official-data';

/**
 * A year's notice loaded by the sysadmin after release, in the holiday-cn
 * format the bundled files use (holidays/README.md). Checked harder than the
 * bundled files, which a developer copies and reviews: this one comes
 * through a form, so every problem is a Chinese message, not a stop.
 */
export interface HolidayFile {
  year: number;
  papers: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

/** A notice lists ~40 days; this is far beyond any, and keeps a pasted mistake from being stored. */
export const MAX_FILE_DAYS = 120;
export const MAX_FILE_BYTES = 64 * 1024;

const paper = z
  .string('通知地址应为文字')
  .max(500, '通知地址过长')
  .refine((s) => /^https?:\/\/[^\s/]+\.[^\s/]+\/\S*$/.test(s), '通知地址应为 http(s) 网址，如 www.gov.cn 上的通知');

const schema = z.strictObject(
  {
    $schema: z.string().max(500).optional(),
    $id: z.string().max(500).optional(),
    year: z.number('缺少年份（year）').int('年份应为整数'),
    papers: z.array(paper, '缺少通知地址（papers）').min(1, '请至少列出一份国务院办公厅通知的地址').max(5, '通知地址最多 5 个'),
    days: z
      .array(
        z.strictObject(
          {
            name: z.string('节日名称应为文字').trim().min(1, '节日名称不能为空').max(20, '节日名称不能超过 20 个字'),
            date: z.string('日期应为文字').refine(isIsoDate, '日期应为 YYYY-MM-DD 格式的有效日期'),
            isOffDay: z.boolean('isOffDay 应为 true（放假）或 false（调休上班）'),
          },
          '每一天应写明 name、date、isOffDay，不含其他字段',
        ),
        '缺少日期列表（days）',
      )
      .min(1, '日期列表为空：通知尚未发布时不必载入')
      .max(MAX_FILE_DAYS, `日期列表最多 ${MAX_FILE_DAYS} 天`),
  },
  '应为 holiday-cn 格式的 JSON 对象（year、papers、days），不含其他字段',
);

const refuse = (message: string) => new AppError('VALIDATION_FAILED', `节假日文件无效：${message}`);

/**
 * The file for `year`, or a VALIDATION_FAILED refusal naming the problem:
 * its year is the one asked for, its days lie in that year (or in December
 * of the year before, as the 2019 notice's 2018-12-29..31 do), no day twice,
 * no 密级 text.
 */
export function checkHolidayFile(raw: unknown, year: number): HolidayFile {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? `（${issue.path.join('.')}）` : '';
    throw refuse(`${issue.message}${where}`);
  }
  const f = r.data;
  if (f.year !== year) throw refuse(`文件的年份是 ${f.year}，不是要载入的 ${year} 年`);
  const seen = new Set<string>();
  for (const d of f.days) {
    const inYear = yearOf(d.date) === year || d.date >= `${year - 1}-12-01` && yearOf(d.date) === year - 1;
    if (!inYear) throw refuse(`日期 ${d.date} 不在 ${year} 年（通知只可含上一年 12 月的调休日）`);
    if (seen.has(d.date)) throw refuse(`日期 ${d.date} 出现了两次`);
    seen.add(d.date);
  }
  assertNotClassified(...f.days.map((d) => d.name));
  return { year: f.year, papers: f.papers, days: f.days };
}

/**
 * The bundled data plus the loaded files. A loaded year may fill a year the
 * bundled data has no notice for (2027.json is empty as shipped); a bundled
 * year with a notice is never replaced — a later correction of it ships with
 * a release. A day listed by two notices must agree.
 *
 * `strict` (when a file is being loaded) refuses a file that breaks these;
 * otherwise (building the calendar for a request) the bundled data wins
 * quietly, so a release that later bundles a year the sysadmin had loaded
 * keeps working instead of refusing every deadline. Remembers the last
 * result, as each request builds a calendar from the same few rows.
 */
export function withLoadedYears(files: readonly HolidayFile[], base: OfficialHolidays = officialHolidays, strict = false): OfficialHolidays {
  if (files.length === 0) return base;
  const key = JSON.stringify(files);
  if (!strict && last && last.base === base && last.key === key) return last.data;
  const notices = new Map(base.notices);
  const byDate = new Map<string, OfficialDay>(base.days.map((d) => [d.date, d]));
  const bundled = new Set(base.days.map((d) => d.date));
  for (const f of files) {
    if (base.notices.get(f.year)?.length) {
      if (strict) throw refuse(`${f.year} 年的节假日安排已随系统提供，不能替换`);
      continue;
    }
    notices.set(f.year, f.papers);
    for (const d of f.days) {
      const prev = byDate.get(d.date);
      if (prev && prev.off !== d.isOffDay) {
        if (strict) throw refuse(`${d.date} 与已有的节假日安排不一致（${prev.name}：${prev.off ? '放假' : '上班'}）`);
        if (bundled.has(d.date)) continue;
      }
      byDate.set(d.date, { date: d.date, name: d.name, off: d.isOffDay });
    }
  }
  const data = { days: [...byDate.values()].sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date)), notices };
  if (!strict) last = { base, key, data };
  return data;
}

let last: { base: OfficialHolidays; key: string; data: OfficialHolidays } | null = null;
