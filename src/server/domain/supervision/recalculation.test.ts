import { describe, expect, it } from 'vitest';
import { notice2027 } from '../../../../test/support/notice-2027';
import { withLoadedYears } from '../calendar/loaded-years';
import { WorkCalendar } from '../calendar/work-calendar';
import { decide } from './decide';
import { deadlineChangeOf } from './events';
import { replay } from './evolve';
import { allowedActions } from './index';
import { at, calendar as provisional, cast, Story } from './test-fixtures';

const official = new WorkCalendar(withLoadedYears([notice2027()]));

/** Assigned on 2026-12-02 with 50 working days: counted across provisional 春节 2027. */
function assignedAcrossSpringFestival(days = 50) {
  return Story.open({ deadlineRule: { kind: 'working_days', days }, milestones: [] }, at('2026-12-01')).act(
    'supervisor',
    { type: 'assign' },
    at('2026-12-02'),
  );
}

describe('时限重算 after a year\'s notice is loaded', () => {
  it('recounts a working-day deadline from the assignment day with the notice, and records old and new', () => {
    const s = assignedAcrossSpringFestival();
    // Provisional: 2-5, 2-8, 2-9, 2-10 off (除夕..初三 and 补假); with the notice 2-11 and 2-12 too.
    expect(s.matter.deadline).toBe('2027-02-17');
    expect(official.addWorkingDays('2026-12-02', 50)).toBe('2027-02-19');

    const d = decide(s.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), official);
    if (!d.ok) throw new Error(d.message);
    expect(d.events).toHaveLength(1);
    const e = d.events[0]!;
    expect(e).toMatchObject({
      type: 'deadline_recalculated',
      actorId: 'system',
      state: 'assigned',
      payload: { oldDeadline: '2027-02-17', newDeadline: '2027-02-19', year: 2027, reason: '2027 年节假日安排已载入' },
    });
    expect(deadlineChangeOf(e)).toEqual({ oldDeadline: '2027-02-17', newDeadline: '2027-02-19' });
    expect(d.next).toMatchObject({ deadline: '2027-02-19', originalDeadline: '2027-02-19', state: 'assigned' });
    expect(replay([...s.log, ...d.events])).toEqual(d.next);
  });

  it('keeps the matter in its state, in progress too, and can be recounted again by a later notice only if it changes', () => {
    const s = assignedAcrossSpringFestival().act('leadLiaison', { type: 'accept' }, at('2026-12-03'));
    const d = decide(s.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), official);
    if (!d.ok) throw new Error(d.message);
    expect(d.next.state).toBe('in_progress');
    const again = decide(d.next, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-11'), official);
    expect(again).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: '按现行工作日历重算，完成时限不变' });
  });

  it('is refused when the rule gives the same day, for a fixed date, and for a deadline a person set since', () => {
    const same = assignedAcrossSpringFestival(10);
    expect(decide(same.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), official)).toMatchObject({
      ok: false,
      code: 'RULE_VIOLATION',
    });
    const fixed = Story.open({ deadlineRule: { kind: 'date', date: '2027-02-22' } }, at('2026-12-01')).act('supervisor', { type: 'assign' }, at('2026-12-02'));
    expect(decide(fixed.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), official)).toMatchObject({
      ok: false,
      message: '完成时限不是按工作日计算的，无需重算',
    });
    const extended = assignedAcrossSpringFestival()
      .act('leadLiaison', { type: 'accept' }, at('2026-12-03'))
      .act('leadLiaison', { type: 'request_extension', deadline: '2027-03-31', reason: '需协调市级部门' }, at('2026-12-04'))
      .act('supervisor', { type: 'decide_extension', approved: true }, at('2026-12-04', 10));
    expect(decide(extended.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), official)).toMatchObject({
      ok: false,
      message: '完成时限已经延期、恢复或重新设定，不按规则重算',
    });
  });

  it('only the system recalculates, and people are never offered it', () => {
    const s = assignedAcrossSpringFestival();
    for (const who of ['supervisor', 'leader', 'leadLiaison'] as const) {
      expect(decide(s.matter, { type: 'recalculate_deadline', year: 2027 }, cast[who], at('2027-01-10'), official)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    // With the provisional calendar nothing changes, so the system is refused too.
    expect(decide(s.matter, { type: 'recalculate_deadline', year: 2027 }, cast.system, at('2027-01-10'), provisional)).toMatchObject({ ok: false });
    const offered = allowedActions(s.matter, cast.supervisor, at('2027-01-10'), official);
    expect(JSON.stringify(offered)).not.toContain('recalculate_deadline');
  });
});
