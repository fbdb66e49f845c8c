import { describe, expect, it } from 'vitest';
import { buildWorkCalendar } from '../calendar/work-calendar';
import { AppError } from '../../errors';
import { resolveDeadline } from './clock';
import { deadlineProvisionalNote, previewDeadline, provisionalNoteOf, provisionalYearsBetween } from './deadline-preview';

const cal = buildWorkCalendar();
const note2027 = '2027 年国务院节假日安排尚未发布：已按《全国年节及纪念日放假办法》推算法定假日，调休未计入，期限可能变动';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('previewDeadline', () => {
  it('3 working days from 2026-09-29 is Friday 2026-10-09, across the seven days of 国庆节', () => {
    const p = previewDeadline({ kind: 'working_days', days: 3 }, '2026-09-29', cal);
    expect(p).toMatchObject({ from: '2026-09-29', deadline: '2026-10-09', weekday: '周五', workingDays: 3, calendarDays: 10, provisional: false, provisionalNote: null });
    expect(p.holidaysCrossed.map((d) => d.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(p.holidaysCrossed.every((d) => d.kind === 'holiday' && d.name === '国庆节' && d.source === 'official')).toBe(true);
  });

  it('lists the 调休 working days it crosses too', () => {
    // 2026-02-14 (Saturday) is worked for 春节.
    const p = previewDeadline({ kind: 'date', date: '2026-02-16' }, '2026-02-13', cal);
    expect(p.holidaysCrossed).toContainEqual(expect.objectContaining({ date: '2026-02-14', kind: 'adjusted_workday', name: '春节' }));
    expect(p.holidaysCrossed).toContainEqual(expect.objectContaining({ date: '2026-02-16', kind: 'holiday', name: '春节' }));
  });

  it('gives the deadline 交办 stores, for every rule', () => {
    for (const days of [1, 5, 22, 60, 250]) {
      for (const from of ['2026-09-30', '2026-12-02', '2026-12-31', '2027-02-05']) {
        const rule = { kind: 'working_days', days } as const;
        expect(previewDeadline(rule, from, cal).deadline).toBe(resolveDeadline(rule, from, cal));
        expect(previewDeadline(rule, from, cal).workingDays).toBe(days);
      }
    }
  });

  it('in provisional 2027 says so', () => {
    const p = previewDeadline({ kind: 'working_days', days: 22 }, '2026-12-02', cal);
    expect(p).toMatchObject({ provisional: true, provisionalYears: [2027], provisionalNote: note2027, workingDays: 22 });
  });

  it('in provisional 2027 counts 元旦 off by the statutory rule', () => {
    const p = previewDeadline({ kind: 'working_days', days: 22 }, '2026-12-02', cal);
    expect(p.deadline).not.toBe('2027-01-01');
    expect(p.deadline).toBe('2027-01-04');
    expect(p.weekday).toBe('周一');
    expect(p.holidaysCrossed).toContainEqual(expect.objectContaining({ date: '2027-01-01', kind: 'holiday', source: 'provisional' }));
  });

  it('a date on the day itself is 0 working days and 0 days away', () => {
    expect(previewDeadline({ kind: 'date', date: '2026-12-03' }, '2026-12-03', cal)).toMatchObject({
      deadline: '2026-12-03',
      weekday: '周四',
      workingDays: 0,
      calendarDays: 0,
      holidaysCrossed: [],
    });
  });

  it('refuses what 交办 refuses, with the same message', () => {
    expect(refusal(() => previewDeadline({ kind: 'date', date: '2026-12-02' }, '2026-12-03', cal))).toEqual({
      code: 'RULE_VIOLATION',
      message: '完成时限（2026-12-02）不能早于今天（2026-12-03）',
    });
    for (const days of [0, 251, 1.5]) {
      expect(refusal(() => previewDeadline({ kind: 'working_days', days }, '2026-12-03', cal))).toEqual({
        code: 'VALIDATION_FAILED',
        message: '办理时限应为 1 到 250 个工作日',
      });
    }
  });
});

describe('provisional years', () => {
  it('are the years in the span without a notice in the data', () => {
    expect(provisionalYearsBetween('2026-01-05', '2026-12-31', cal)).toEqual([]);
    expect(provisionalYearsBetween('2026-12-02', '2028-03-01', cal)).toEqual([2027, 2028]);
    expect(provisionalYearsBetween('2027-03-01', '2026-12-02', cal)).toEqual([2027]);
  });

  it('are named in one sentence', () => {
    expect(provisionalNoteOf([])).toBeNull();
    expect(provisionalNoteOf([2027])).toBe(note2027);
    expect(provisionalNoteOf([2027, 2028, 2029])).toMatch(/^2027—2029 年国务院节假日安排尚未发布/);
    expect(provisionalNoteOf([2027, 2029])).toMatch(/^2027、2029 年/);
  });

  it('mark a stored deadline in, or counted across, such a year', () => {
    expect(deadlineProvisionalNote(null, '2026-12-02', cal)).toBeNull();
    expect(deadlineProvisionalNote('2026-12-31', '2026-12-02', cal)).toBeNull();
    expect(deadlineProvisionalNote('2027-01-04', '2026-12-02', cal)).toBe(note2027);
    expect(deadlineProvisionalNote('2027-01-04', null, cal)).toBe(note2027);
  });
});
