import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { defaultSupervisionSettings, light, nextProgressDue, resolveDeadline, workingDaysLeft } from './clock';
import { at, calendar, fullChecklist, scenario, Story } from './test-fixtures';

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('the spec case: assigned 2026-09-29 with 3 working days, across National Day', () => {
  const s = Story.open({ deadlineRule: { kind: 'working_days', days: 3 }, recheckRequired: false }, at('2026-09-28'))
    .act('supervisor', { type: 'assign' }, at('2026-09-29'))
    .act('leadLiaison', { type: 'accept' }, at('2026-09-29', 60));

  it('is due 2026-10-09, and the event says so', () => {
    expect(s.matter.deadline).toBe('2026-10-09');
    expect(s.matter.originalDeadline).toBe('2026-10-09');
    expect(s.log[1]).toMatchObject({ type: 'assigned', payload: { oldDeadline: null, newDeadline: '2026-10-09' } });
  });

  it('is yellow from the first day to the deadline and red from the day after (a 调休 Saturday)', () => {
    const expected: Record<string, [string, number]> = {
      '2026-09-29': ['yellow', 3],
      '2026-09-30': ['yellow', 2],
      '2026-10-01': ['yellow', 2],
      '2026-10-02': ['yellow', 2],
      '2026-10-03': ['yellow', 2],
      '2026-10-04': ['yellow', 2],
      '2026-10-05': ['yellow', 2],
      '2026-10-06': ['yellow', 2],
      '2026-10-07': ['yellow', 2],
      '2026-10-08': ['yellow', 1],
      '2026-10-09': ['yellow', 0],
      '2026-10-10': ['red', -1],
      '2026-10-11': ['red', -1],
      '2026-10-12': ['red', -2],
    };
    for (const day of days('2026-09-29', '2026-10-12')) {
      expect([day, light(s.matter, day, calendar), workingDaysLeft(s.matter, day, calendar)]).toEqual([day, ...expected[day]!]);
    }
  });
});

describe('lights', () => {
  it('8 working days from 2026-09-22 (over 中秋 and 国庆): green while more than 3 are left', () => {
    const s = Story.open({ deadlineRule: { kind: 'working_days', days: 8 } }, at('2026-09-21'))
      .act('supervisor', { type: 'assign' }, at('2026-09-22'))
      .act('leadLiaison', { type: 'accept' }, at('2026-09-22', 60));
    expect(s.matter.deadline).toBe('2026-10-10');
    const seen = days('2026-09-22', '2026-10-12').map((d) => `${d.slice(5)} ${light(s.matter, d, calendar)[0]}`);
    expect(seen.join(' | ')).toBe(
      [
        '09-22 g', '09-23 g', '09-24 g', '09-25 g', '09-26 g', '09-27 g', '09-28 g',
        '09-29 g', '09-30 y', '10-01 y', '10-02 y', '10-03 y', '10-04 y', '10-05 y', '10-06 y', '10-07 y',
        '10-08 y', '10-09 y', '10-10 y', '10-11 r', '10-12 r',
      ].join(' | '),
    );
  });

  it('the yellow threshold is a setting', () => {
    const { matter } = scenario('in_progress');
    const left = workingDaysLeft(matter, '2026-03-10', calendar)!;
    expect(light(matter, '2026-03-10', calendar, { ...defaultSupervisionSettings, yellowWorkingDays: left })).toBe('yellow');
    expect(light(matter, '2026-03-10', calendar, { ...defaultSupervisionSettings, yellowWorkingDays: left - 1 })).toBe('green');
  });

  it('none for draft, suspended and closed; the clock runs while assigned and while a return is assessed', () => {
    expect(light(scenario('draft').matter, '2026-03-06', calendar)).toBe('none');
    expect(light(scenario('suspended').matter, '2026-05-06', calendar)).toBe('none');
    expect(light(scenario('closed').matter, '2026-05-06', calendar)).toBe('none');
    expect(light(scenario('assigned').matter, '2026-05-06', calendar)).toBe('red');
    expect(light(scenario('assessing').matter, '2026-05-06', calendar)).toBe('red');
    expect(light(scenario('assessing').matter, '2026-03-06', calendar)).toBe('green');
  });

  it('reviewing and rechecking are frozen at the submission: green if it reached the office in time, else red', () => {
    expect(light(scenario('reviewing').matter, '2026-05-06', calendar)).toBe('green');
    expect(light(scenario('rechecking').matter, '2026-05-06', calendar)).toBe('green');
    const late = scenario('in_progress')
      .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-30'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-30', 5));
    expect(late.matter.completedOn! > late.matter.deadline!).toBe(true);
    expect(light(late.matter, '2026-03-30', calendar)).toBe('red');
    late.act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-31'));
    expect(light(late.matter, '2026-04-01', calendar)).toBe('red');
  });

  it('a late progress report turns it yellow until the lead unit reports', () => {
    const s = Story.open({ progressCadenceDays: 5, deadlineRule: { kind: 'date', date: '2026-06-30' } })
      .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
      .act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
    expect(nextProgressDue(s.matter, calendar)).toBe('2026-03-10');
    expect(light(s.matter, '2026-03-10', calendar)).toBe('green');
    expect(light(s.matter, '2026-03-11', calendar)).toBe('yellow');
    s.act('coLiaison', { type: 'report_progress', text: '财政资金已到位' }, at('2026-03-11'));
    expect(light(s.matter, '2026-03-11', calendar)).toBe('yellow');
    s.act('leadLiaison', { type: 'report_progress', text: '已完成摸排' }, at('2026-03-11', 5));
    expect(nextProgressDue(s.matter, calendar)).toBe('2026-03-18');
    expect(light(s.matter, '2026-03-11', calendar)).toBe('green');
  });

  it('a milestone past its date and not done turns it yellow until reported done', () => {
    const s = Story.open({
      deadlineRule: { kind: 'date', date: '2026-06-30' },
      milestones: [{ id: 'plan', title: '制定整治方案', deadline: '2026-03-13' }],
    })
      .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
      .act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
    expect(light(s.matter, '2026-03-13', calendar)).toBe('green');
    expect(light(s.matter, '2026-03-16', calendar)).toBe('yellow');
    s.act('leadLiaison', { type: 'report_progress', text: '方案已印发', milestonesDone: ['plan'] }, at('2026-03-16'));
    expect(s.matter.milestones[0]!.doneAt).toBeDefined();
    expect(light(s.matter, '2026-03-16', calendar)).toBe('green');
  });
});

describe('resolveDeadline', () => {
  it('a date rule is the date; a working-day rule counts from the day of assignment', () => {
    expect(resolveDeadline({ kind: 'date', date: '2026-10-01' }, '2026-09-29', calendar)).toBe('2026-10-01');
    expect(resolveDeadline({ kind: 'working_days', days: 1 }, '2026-09-30', calendar)).toBe('2026-10-08');
    expect(resolveDeadline({ kind: 'working_days', days: 3 }, '2026-10-03', calendar)).toBe('2026-10-10');
  });
});
