import { describe, expect, it } from 'vitest';
import { officialHolidays } from './official-data';
import { statutoryDaysOff } from './statutory-holidays';

const officialOff = new Set(officialHolidays.days.filter((d) => d.off).map((d) => d.date));

describe('statutoryDaysOff', () => {
  it('2027 under the 2024 revision: 元旦, 春节 from 除夕, 清明, 劳动节 two days, 端午, 中秋, 国庆, and 补假', () => {
    const days = statutoryDaysOff(2027).map((d) => `${d.date} ${d.holiday}${d.inLieu ? ' 补假' : ''}`);
    expect(days).toEqual([
      '2027-01-01 元旦',
      // 除夕 is Friday 2-5 (腊月廿九: 2027's 腊月 is short); 初一 and 初二 fall on the weekend.
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-02-09 春节 补假',
      '2027-02-10 春节 补假',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-05-03 劳动节 补假',
      '2027-05-04 劳动节 补假',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
      '2027-10-04 国庆节 补假',
      '2027-10-05 国庆节 补假',
    ]);
  });

  it('a day two holidays share is off once (2020: 中秋 on 国庆)', () => {
    const oct1 = statutoryDaysOff(2020).filter((d) => d.date === '2020-10-01');
    expect(oct1).toEqual([{ date: '2020-10-01', holiday: '国庆节、中秋节', inLieu: false }]);
  });

  // The check that can fail: each year's notice is the authority, so every
  // day the rule in force that year computes — 补假 included — must be a day
  // off in it. (The notices give more days off, bought by 调休; those are
  // what a provisional year cannot know.)
  it.each([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])('every computed day of %i is off in its State Council notice', (year) => {
    const days = statutoryDaysOff(year);
    expect(days.length).toBeGreaterThanOrEqual(year >= 2025 ? 13 : 11);
    for (const d of days) expect(officialOff.has(d.date), `${d.date} ${d.holiday}${d.inLieu ? ' 补假' : ''}`).toBe(true);
  });

  it('refuses years before the rules it knows', () => {
    expect(() => statutoryDaysOff(2013)).toThrow(RangeError);
    expect(() => statutoryDaysOff(2027.5)).toThrow(RangeError);
  });
});
