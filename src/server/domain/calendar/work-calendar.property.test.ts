import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from './dates';
import { buildWorkCalendar, type CalendarOverride } from './work-calendar';

// Spans a provisional year on each side of the official data (2018 and 2027–2029).
const FIRST = toDayNumber('2018-06-01');
const LAST = toDayNumber('2029-12-31');

const date = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
const overrides = fc
  .uniqueArray(fc.record({ date, kind: fc.constantFrom('holiday' as const, 'workday' as const) }), {
    selector: (o) => o.date,
    maxLength: 40,
  })
  .map((list): CalendarOverride[] => list.map((o) => ({ ...o, note: '本地调整' })));
const calendar = overrides.map((list) => buildWorkCalendar(list));
const steps = fc.integer({ min: 0, max: 600 });

function naiveCount(cal: ReturnType<typeof buildWorkCalendar>, a: string, b: string): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

describe('WorkCalendar properties (with random local overrides)', () => {
  it('addWorkingDays always lands on a working day', () => {
    fc.assert(
      fc.property(calendar, date, steps, (cal, d, n) => {
        expect(cal.isWorkingDay(cal.addWorkingDays(d, n))).toBe(true);
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) = n from a working day, and from any day when n ≥ 1', () => {
    fc.assert(
      fc.property(calendar, date, steps, (cal, d, n) => {
        const working = cal.addWorkingDays(d, 0);
        expect(cal.workingDaysBetween(working, cal.addWorkingDays(working, n))).toBe(n);
        if (n >= 1) expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('addWorkingDays gives the first day that reaches n', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 600 }), (cal, d, n) => {
        const due = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, addDays(due, -1))).toBe(n - 1);
      }),
    );
  });

  it('is monotonic in both the start date and the number of days', () => {
    fc.assert(
      fc.property(calendar, date, date, steps, steps, (cal, d1, d2, n, m) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [few, many] = n <= m ? [n, m] : [m, n];
        expect(cal.addWorkingDays(early, n) <= cal.addWorkingDays(late, n)).toBe(true);
        expect(cal.addWorkingDays(d1, few) <= cal.addWorkingDays(d1, many)).toBe(true);
        // Strictly later with more days — except 0 against 1 from a day off, which both land on the next working
        // day by definition (0 = on or after; Saturday + 1 = Monday).
        if (few < many && (few > 0 || cal.isWorkingDay(d1))) expect(cal.addWorkingDays(d1, few) < cal.addWorkingDays(d1, many)).toBe(true);
        expect(cal.workingDaysBetween(d1, early) <= cal.workingDaysBetween(d1, late)).toBe(true);
      }),
    );
  });

  it('workingDaysBetween agrees with counting day by day, is antisymmetric and adds up', () => {
    fc.assert(
      fc.property(calendar, date, date, date, (cal, a, b, c) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cal.workingDaysBetween(lo, hi)).toBe(naiveCount(cal, lo, hi));
        expect(cal.workingDaysBetween(b, a) + cal.workingDaysBetween(a, b)).toBe(0);
        expect(Object.is(cal.workingDaysBetween(b, a), -0)).toBe(false);
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
      }),
      { numRuns: 60 },
    );
  });

  it('an override always decides its own day', () => {
    fc.assert(
      fc.property(overrides, (list) => {
        const cal = buildWorkCalendar(list);
        for (const o of list) {
          expect(cal.isWorkingDay(o.date)).toBe(o.kind === 'workday');
          expect(cal.dayInfo(o.date).source).toBe('override');
        }
      }),
    );
  });
});
