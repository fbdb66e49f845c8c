import type { HolidayFile } from '../../src/server/domain/calendar/loaded-years';

/**
 * A made-up 2027 State Council notice for the tests (the real one is not
 * out): 元旦 1-1..1-3, 春节 2-5..2-13 with Saturday 2-20 worked, 国庆
 * 10-1..10-7 with 9-26 and 10-9 worked. Every statutory day the provisional
 * year computes (除夕..初三 and their 补假 included) is off in it, as in
 * every real notice.
 */
export const notice2027 = (): HolidayFile => ({
  year: 2027,
  papers: ['https://www.gov.cn/zhengce/content/test/notice-2027.htm'],
  days: [
    ...['01', '02', '03'].map((d) => ({ name: '元旦', date: `2027-01-${d}`, isOffDay: true })),
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ name: '春节', date: `2027-02-${d}`, isOffDay: true })),
    { name: '春节', date: '2027-02-20', isOffDay: false },
    { name: '国庆节', date: '2027-09-26', isOffDay: false },
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ name: '国庆节', date: `2027-10-${d}`, isOffDay: true })),
    { name: '国庆节', date: '2027-10-09', isOffDay: false },
  ],
});
