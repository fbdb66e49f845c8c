import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { officialHolidays, parseOfficialHolidays } from './official-data';
import { buildWorkCalendar, WorkCalendar } from './work-calendar';

const cal = buildWorkCalendar();

describe('addWorkingDays (the spec cases)', () => {
  it('2026-09-30 + 1 = 2026-10-08: the National Day / Mid-Autumn week is skipped', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('2026-02-13 + 1 = 2026-02-14: a 调休 Saturday is a working day', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
  });

  it('2026-02-14 + 1 = 2026-02-24: the Spring Festival is skipped', () => {
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });
});

describe('addWorkingDays', () => {
  it('n = 0 is the date itself on a working day, else the next working day', () => {
    expect(cal.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-10-01', 0)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    // From a day off, 0 and 1 working days both land on the next working day (Saturday + 1 = Monday).
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
  });

  it('from a non-working day counts from the next working day on', () => {
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-10-03', 3)).toBe('2026-10-10');
  });

  it('crosses into the next year', () => {
    // 2027 is provisional, but 元旦 is fixed by the 放假办法 whatever the notice says.
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(cal.addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
  });

  it('refuses a negative, fractional or huge n and a bad date', () => {
    for (const n of [-1, 1.5, Number.NaN, 1e9]) expect(() => cal.addWorkingDays('2026-09-30', n)).toThrow(AppError);
    for (const d of ['2026-02-30', '2026-9-30', 'tomorrow', '']) expect(() => cal.addWorkingDays(d, 1)).toThrow(/日期/);
  });
});

describe('isWorkingDay and dayInfo', () => {
  it('holidays, 调休 days, weekends and ordinary days from the official data', () => {
    expect(cal.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: false, kind: 'holiday', name: '国庆节', source: 'official' });
    expect(cal.dayInfo('2026-09-26')).toMatchObject({ working: false, kind: 'holiday', name: '中秋节' });
    expect(cal.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'adjusted_workday', name: '春节', source: 'official' });
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ working: true, kind: 'adjusted_workday', name: '国庆节' });
    expect(cal.dayInfo('2026-03-07')).toEqual({ date: '2026-03-07', working: false, kind: 'weekend', source: 'official' });
    expect(cal.dayInfo('2026-03-09')).toEqual({ date: '2026-03-09', working: true, kind: 'workday', source: 'official' });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
  });

  it('a notice may list days of the year before it', () => {
    expect(cal.dayInfo('2018-12-29')).toMatchObject({ working: true, kind: 'adjusted_workday', name: '元旦', source: 'official' });
    expect(cal.dayInfo('2018-12-31')).toMatchObject({ working: false, kind: 'holiday', source: 'official' });
    expect(cal.dayInfo('2018-12-28')).toMatchObject({ working: true, kind: 'workday', source: 'provisional' });
  });

  it('a listed worked weekday (the 2020 Spring Festival extension ending) is an ordinary workday', () => {
    expect(cal.dayInfo('2020-02-03')).toMatchObject({ working: true, kind: 'workday', name: '春节', source: 'official' });
    expect(cal.isWorkingDay('2020-01-31')).toBe(false);
  });
});

describe('provisional years', () => {
  it('2027 has no notice in the data (its file is empty), so it is provisional: statutory days off, 调休 unknown', () => {
    expect(cal.yearStatus(2027)).toEqual({ year: 2027, provisional: true, notices: [] });
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      kind: 'holiday',
      name: '元旦（按放假办法推算）',
      source: 'provisional',
    });
    expect(cal.dayInfo('2027-01-04')).toEqual({ date: '2027-01-04', working: true, kind: 'workday', source: 'provisional' });
    // 春节 from 除夕 (Friday 2-5) to 初三, and the two 补假 days for 初一 and 初二 on the weekend.
    for (const d of ['2027-02-05', '2027-02-08']) expect(cal.dayInfo(d)).toMatchObject({ working: false, kind: 'holiday', name: '春节（按放假办法推算）' });
    expect(cal.dayInfo('2027-02-06')).toMatchObject({ working: false, kind: 'holiday', source: 'provisional' });
    expect(cal.dayInfo('2027-02-10')).toMatchObject({ working: false, name: '春节补假（按放假办法推算）' });
    expect(cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-11');
    for (const d of ['2027-10-01', '2027-10-04', '2027-10-05']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.addWorkingDays('2027-09-30', 1)).toBe('2027-10-06');
    expect(cal.specialDays(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10'],
      '2027-04-05',
      ...['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04'],
      '2027-06-09',
      '2027-09-15',
      ...['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05'],
    ]);
    expect(new Set(cal.specialDays(2027).map((d) => `${d.kind} ${d.source}`))).toEqual(new Set(['holiday provisional']));
  });

  it('the issue\'s case: 2026-12-02 + 22 working days is not 元旦 2027 but the Monday after it', () => {
    expect(cal.addWorkingDays('2026-12-02', 22)).toBe('2027-01-04');
    expect(cal.workingDaysBetween('2026-12-02', '2027-01-04')).toBe(22);
  });

  it('2028 has no data file at all and is provisional too', () => {
    expect(cal.yearStatus(2028).provisional).toBe(true);
    // 元旦 2028 is a Saturday: its 补假 is Monday 1-3.
    expect(cal.dayInfo('2028-01-03')).toMatchObject({ working: false, kind: 'holiday', name: '元旦补假（按放假办法推算）', source: 'provisional' });
    expect(cal.dayInfo('2028-01-04')).toMatchObject({ working: true, kind: 'workday', source: 'provisional' });
    expect(cal.addWorkingDays('2028-12-29', 1)).toBe('2029-01-02');
  });

  it('computes the statutory days a year at a time, with the same answers in any order of asking', () => {
    const fresh = () => new WorkCalendar({ days: officialHolidays.days, notices: officialHolidays.notices });
    const [forward, backward] = [fresh(), fresh()];
    const years = Array.from({ length: 12 }, (_, i) => 2027 + i);
    const a = years.map((y) => forward.specialDays(y));
    const b = [...years].reverse().map((y) => backward.specialDays(y)).reverse();
    expect(b).toEqual(a);
    expect(fresh().workingDaysBetween('2026-01-01', '2038-12-31')).toBe(forward.workingDaysBetween('2026-01-01', '2038-12-31'));
    expect(fresh().addWorkingDays('2090-06-01', 1000)).toBe(forward.addWorkingDays('2090-06-01', 1000));
    // Counting past year 9999 is refused as before, in Chinese.
    expect(() => fresh().addWorkingDays('9999-12-20', 30)).toThrow(/超出可计算的范围/);
  });

  it('past 2100 a provisional year is plain Monday–Friday', () => {
    expect(cal.dayInfo('2101-01-03')).toMatchObject({ working: true, kind: 'workday', source: 'provisional' });
    expect(cal.specialDays(2101)).toEqual([]);
  });

  it('official years name their notice', () => {
    expect(cal.yearStatus(2026)).toEqual({
      year: 2026,
      provisional: false,
      source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
      notices: ['https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm'],
    });
    expect(cal.yearStatus(2020).notices).toHaveLength(2);
    for (let y = 2019; y <= 2026; y++) expect(cal.yearStatus(y).provisional).toBe(false);
  });

  it('refuses a year that is not a whole number in 1–9999', () => {
    for (const y of [0, 10_000, 2026.5, Number.NaN]) expect(() => cal.yearStatus(y)).toThrow(/年份/);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to and including b', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
  });

  it('is 0 for the same day and negative when b is before a', () => {
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-01')).toBe(0);
    expect(cal.workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
  });

  it('is 0, not -0, backwards across days off (a -0 reads as "overdue by 0" downstream)', () => {
    expect(Object.is(cal.workingDaysBetween('2026-10-07', '2026-10-01'), 0)).toBe(true);
  });

  it('counts a whole year: 248 working days in 2025 and in 2026', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('overrides', () => {
  it('a local holiday and a local workday change the answers', () => {
    const local = buildWorkCalendar([
      { date: '2026-10-08', kind: 'holiday', note: '县庆放假' },
      { date: '2026-10-03', kind: 'workday', note: '防汛值守' },
    ]);
    expect(local.addWorkingDays('2026-09-30', 1)).toBe('2026-10-03');
    expect(local.addWorkingDays('2026-10-03', 1)).toBe('2026-10-09');
    expect(local.dayInfo('2026-10-08')).toEqual({ date: '2026-10-08', working: false, kind: 'holiday', name: '县庆放假', source: 'override' });
    expect(local.dayInfo('2026-10-03')).toEqual({
      date: '2026-10-03',
      working: true,
      kind: 'adjusted_workday',
      name: '防汛值守',
      source: 'override',
    });
    expect(local.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(local.specialDays(2026).filter((d) => d.source === 'override').map((d) => d.date)).toEqual(['2026-10-03', '2026-10-08']);
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('work in a provisional year, which stays provisional', () => {
    const local = buildWorkCalendar([
      { date: '2027-10-06', kind: 'holiday', note: '国庆节（待国务院通知）' },
      { date: '2027-10-05', kind: 'workday', note: '值守上班' },
    ]);
    expect(local.addWorkingDays('2027-09-30', 1)).toBe('2027-10-05');
    expect(local.addWorkingDays('2027-10-05', 1)).toBe('2027-10-07');
    expect(local.yearStatus(2027).provisional).toBe(true);
    expect(local.specialDays(2027).filter((d) => d.date >= '2027-10-04')).toEqual([
      { date: '2027-10-04', working: false, kind: 'holiday', name: '国庆节补假（按放假办法推算）', source: 'provisional' },
      // Overrides win over the computed days, and a worked computed holiday is 调休.
      { date: '2027-10-05', working: true, kind: 'adjusted_workday', name: '值守上班', source: 'override' },
      { date: '2027-10-06', working: false, kind: 'holiday', name: '国庆节（待国务院通知）', source: 'override' },
    ]);
  });

  it('a workday override is 调休 when the day would otherwise be off, plain work when it would not', () => {
    const local = buildWorkCalendar([
      { date: '2026-03-09', kind: 'workday', note: '重申上班' },
      { date: '2026-10-05', kind: 'workday', note: '国庆值守上班' },
    ]);
    expect(local.dayInfo('2026-03-09')).toMatchObject({ working: true, kind: 'workday', source: 'override' });
    expect(local.dayInfo('2026-10-05')).toMatchObject({ working: true, kind: 'adjusted_workday', source: 'override' });
  });

  it('refuses a bad date, a bad kind or the same date twice', () => {
    expect(() => buildWorkCalendar([{ date: '2026-02-30', kind: 'holiday', note: 'x' }])).toThrow(/日期/);
    expect(() => buildWorkCalendar([{ date: '2026-03-09', kind: 'rest' as 'holiday', note: 'x' }])).toThrow(/调整类型/);
    expect(() =>
      buildWorkCalendar([
        { date: '2026-03-09', kind: 'holiday', note: 'a' },
        { date: '2026-03-09', kind: 'workday', note: 'b' },
      ]),
    ).toThrow(/多条/);
  });
});

describe('official data loading', () => {
  const file = (year: number, days: unknown[], papers = ['https://www.gov.cn/x.htm']) => ({ year, papers, days });

  it('refuses malformed files and notices that disagree', () => {
    expect(() => parseOfficialHolidays([file(2030, [{ name: '春节', date: '2030-02-30', isOffDay: true }])])).toThrow();
    expect(() => parseOfficialHolidays([file(2030, []), file(2030, [])])).toThrow(/twice/);
    expect(() =>
      parseOfficialHolidays([
        file(2030, [{ name: '元旦', date: '2029-12-31', isOffDay: true }]),
        file(2029, [{ name: '元旦', date: '2029-12-31', isOffDay: false }]),
      ]),
    ).toThrow(/disagree/);
  });

  it('builds a calendar from any data set', () => {
    const data = parseOfficialHolidays([file(2030, [{ name: '测试', date: '2030-01-02', isOffDay: true }])]);
    const custom = new WorkCalendar(data);
    expect(custom.isWorkingDay('2030-01-02')).toBe(false);
    expect(custom.yearStatus(2030).provisional).toBe(false);
    expect(custom.yearStatus(2026).provisional).toBe(true);
  });
});
