import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { checkHolidayFile, withLoadedYears } from './loaded-years';
import { WorkCalendar } from './work-calendar';

const good = () => ({
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  $id: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json',
  year: 2027,
  papers: ['https://www.gov.cn/zhengce/content/test/2027.htm'],
  days: [
    { name: '元旦', date: '2026-12-31', isOffDay: true },
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
});

const refusal = (raw: unknown, year = 2027) => {
  try {
    checkHolidayFile(raw, year);
  } catch (e) {
    if (e instanceof AppError) return `${e.code} ${e.message}`;
    throw e;
  }
  return 'accepted';
};

describe('checkHolidayFile', () => {
  it('accepts a holiday-cn file, days of the December before included', () => {
    expect(checkHolidayFile(good(), 2027)).toEqual({ year: 2027, papers: good().papers, days: good().days });
  });

  it('refuses every malformed file with a Chinese VALIDATION_FAILED message', () => {
    const cases: [unknown, RegExp][] = [
      [null, /holiday-cn/],
      [[], /holiday-cn/],
      ['{}', /holiday-cn/],
      [{ ...good(), year: 2028 }, /年份是 2028/],
      [{ ...good(), year: '2027' }, /年份/],
      [{ ...good(), papers: [] }, /至少列出一份/],
      [{ ...good(), papers: ['gov.cn'] }, /网址/],
      [{ ...good(), papers: ['javascript:alert(1)'] }, /网址/],
      [{ ...good(), days: [] }, /为空/],
      [{ ...good(), days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }] }, /有效日期/],
      [{ ...good(), days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'yes' }] }, /isOffDay/],
      [{ ...good(), days: [{ name: '', date: '2027-01-01', isOffDay: true }] }, /名称/],
      [{ ...good(), days: [{ name: '元旦', date: '2027-01-01', isOffDay: true, extra: 1 }] }, /不含其他字段/],
      [{ ...good(), days: [{ name: '元旦', date: '2026-11-30', isOffDay: true }] }, /不在 2027 年/],
      [{ ...good(), days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] }, /不在 2027 年/],
      [{ ...good(), days: [good().days[1], good().days[1]] }, /两次/],
      [{ ...good(), days: Array.from({ length: 121 }, (_, i) => ({ name: '测试', date: `2027-01-01`, isOffDay: i % 2 === 0 })) }, /最多 120/],
      [{ ...good(), note: '多余' }, /不含其他字段/],
    ];
    for (const [raw, message] of cases) {
      const r = refusal(raw);
      expect(r, JSON.stringify(raw).slice(0, 120)).toMatch(/^VALIDATION_FAILED 节假日文件无效：/);
      expect(r).toMatch(message);
    }
    expect(refusal({ ...good(), days: [{ name: '机密★春节', date: '2027-02-05', isOffDay: true }] })).toMatch(/^CLASSIFIED_CONTENT/);
  });
});

describe('withLoadedYears', () => {
  it('a loaded year is official: no longer provisional, its days instead of the computed ones', () => {
    const cal = new WorkCalendar(withLoadedYears([checkHolidayFile(good(), 2027)]));
    expect(cal.yearStatus(2027)).toMatchObject({ provisional: false, source: 'https://www.gov.cn/zhengce/content/test/2027.htm' });
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ working: false, name: '元旦', source: 'official' });
    expect(cal.dayInfo('2027-02-20')).toMatchObject({ working: true, kind: 'adjusted_workday', source: 'official' });
    // The computed 春节 days are gone with the provisional status: only the notice speaks for 2027.
    expect(cal.dayInfo('2027-02-05')).toMatchObject({ working: true, kind: 'workday', source: 'official' });
    expect(cal.dayInfo('2026-12-31')).toMatchObject({ working: false, source: 'official' });
    expect(cal.yearStatus(2028).provisional).toBe(true);
  });

  it('never replaces a bundled year, nor lets two notices disagree on a day', () => {
    const as2026 = { ...checkHolidayFile(good(), 2027), year: 2026 };
    expect(() => withLoadedYears([as2026], undefined, true)).toThrow(/已随系统提供/);
    const y2027 = checkHolidayFile({ ...good(), days: [{ name: '元旦', date: '2027-12-31', isOffDay: true }] }, 2027);
    const y2028 = checkHolidayFile({ ...good(), year: 2028, days: [{ name: '元旦', date: '2027-12-31', isOffDay: false }] }, 2028);
    expect(() => withLoadedYears([y2027, y2028], undefined, true)).toThrow(/2027-12-31 与已有的节假日安排不一致/);
    // Building a request's calendar never refuses: a release that bundles a loaded year later keeps its own data.
    expect(new WorkCalendar(withLoadedYears([as2026])).yearStatus(2026).source).toContain('content_7047091');
  });
});
