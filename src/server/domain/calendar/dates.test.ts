import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, chinaDateOf, fromDayNumber, isIsoDate, toDayNumber, weekdayOfDayNumber } from './dates';

describe('isIsoDate', () => {
  it.each(['2026-02-13', '2024-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '0000-01-01',
    '2026-2-3',
    ' 2026-02-03',
    '2026-02-03T00:00:00Z',
    '20260203',
    '',
  ])('refuses %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const v of [null, undefined, 20260213, new Date('2026-02-13')]) expect(isIsoDate(v)).toBe(false);
  });
});

describe('day numbers', () => {
  it('count from 1970-01-01, a Thursday', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(weekdayOfDayNumber(0)).toBe(4);
    expect(weekdayOfDayNumber(toDayNumber('2026-02-14'))).toBe(6);
    expect(weekdayOfDayNumber(toDayNumber('1900-01-01'))).toBe(1);
  });

  it('agree with UTC time and round-trip for every year 1–9999', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const n = Math.floor(d.getTime() / 86_400_000);
          expect(toDayNumber(iso)).toBe(n);
          expect(fromDayNumber(n)).toBe(iso);
        },
      ),
    );
  });

  it('add days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('throw on an invalid date or a result past year 9999', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(/无效/);
    expect(() => addDays('9999-12-31', 1)).toThrow(/范围/);
  });
});

describe('chinaDateOf', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('turns an instant into the date on the wall in China, whatever the process time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(chinaDateOf(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
      expect(chinaDateOf(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
      expect(chinaDateOf(new Date('2026-10-01T00:00:00+08:00'))).toBe('2026-10-01');
    }
  });

  it('refuses an invalid Date', () => {
    expect(() => chinaDateOf(new Date('nonsense'))).toThrow(/时间无效/);
  });
});
