import { describe, expect, it } from 'vitest';
import { computeAllStats, computeStats, computeStatsWithTotal, computeTotalStats, emptyStats } from './stats';
import { at, calendar, fullChecklist, scenario, Story } from './test-fixtures';

const submitAndApprove = (s: Story, day: string) =>
  s
    .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at(day))
    .act('leadHead', { type: 'approve_completion', approved: true }, at(day, 5));

/**
 * A month of 县教育局 (edu) matters, each with a known outcome; 县农业农村局
 * (agri) takes over two returns. All assigned 2026-03-02, due 2026-03-23
 * unless said otherwise.
 */
function month(): Story[] {
  // A: closed on time.
  const a = scenario('closed');
  // B: extended to 04-03 on the day after the deadline (asked in time), completed 03-30, closed 03-31.
  const b = Story.open({ recheckRequired: false }, at('2026-03-02'), 'B')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'accept' }, at('2026-03-03'))
    .act('leadLiaison', { type: 'request_extension', deadline: '2026-04-03', reason: '需市级审批' }, at('2026-03-20'))
    .act('supervisor', { type: 'decide_extension', approved: true }, at('2026-03-24'));
  submitAndApprove(b, '2026-03-30').act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-31'));
  // C: accepted and never done: overdue from 03-24.
  const c = Story.open({}, at('2026-03-02'), 'C')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
  // D: returned, justified, agri leads from 03-16 (due 04-07), completes 04-09, closed 04-10.
  const d = Story.open({ recheckRequired: false }, at('2026-03-02'), 'D')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'return', reason: '属农业农村局职责' }, at('2026-03-03'))
    .act('supervisor', { type: 'rule_return', justified: true, leadUnitId: 'agri', comment: '成立' }, at('2026-03-16'))
    .act('otherLiaison', { type: 'accept' }, at('2026-03-17'))
    .act('otherLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-04-09'))
    .act('otherHead', { type: 'approve_completion', approved: true }, at('2026-04-09', 5))
    .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-04-10'));
  // E: due 03-05, returned, assessed past the deadline and ruled justified: edu's overdue days do not count.
  const e = Story.open({ deadlineRule: { kind: 'date', date: '2026-03-05' } }, at('2026-03-02'), 'E')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'return', reason: '不属本单位' }, at('2026-03-04'))
    .act(
      'supervisor',
      { type: 'rule_return', justified: true, leadUnitId: 'agri', comment: '成立', deadlineRule: { kind: 'working_days', days: 5 } },
      at('2026-03-10'),
    );
  // F: due 03-05, returned, ruled unfounded after the deadline: overdue for edu.
  const f = Story.open({ deadlineRule: { kind: 'date', date: '2026-03-05' } }, at('2026-03-02'), 'F')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'return', reason: '不属本单位' }, at('2026-03-04'))
    .act('supervisor', { type: 'rule_return', justified: false, comment: '属本单位职责' }, at('2026-03-10'));
  // G: recheck failed, redone and closed 03-12, reopened by a look-back 03-20, overdue from 03-24.
  const g = Story.open({}, at('2026-03-02'), 'G')
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
  submitAndApprove(g, '2026-03-04')
    .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-05'))
    .act('supervisor', { type: 'recheck', passed: false, comment: '现场仍有隐患' }, at('2026-03-06'));
  submitAndApprove(g, '2026-03-09')
    .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-10'))
    .act('supervisor', { type: 'recheck', passed: true }, at('2026-03-12'))
    .act('supervisor', { type: 'look_back', passed: false, comment: '问题反弹', early: true, reason: '群众再次反映' }, at('2026-03-20'));
  return [a, b, c, d, e, f, g];
}

const logs = month().map((s) => s.log);
const march = { from: '2026-03-01', to: '2026-03-31', asOf: '2026-04-15' };

describe('computeStats', () => {
  it('edu in March: every figure as defined', () => {
    expect(computeStats(logs, 'edu', march, calendar)).toEqual({
      assigned: 7,
      closed: 3,
      closedOnTimeOriginal: 2,
      closedOnTimeApproved: 3,
      overdue: 3,
      onTimeRate: 3 / 5,
      avgWorkingDaysToClose: (3 + 21 + 8) / 3,
      returns: 3,
      extensions: 1,
      recheckFailures: 2,
      lookBackFailures: 1,
    });
  });

  it('agri in March: two reassignments, one left unaccepted past its restarted deadline', () => {
    expect(computeStats(logs, 'agri', march, calendar)).toMatchObject({ assigned: 2, closed: 0, overdue: 1, onTimeRate: 0, returns: 0 });
  });

  it('agri in April: a closure late against the restarted deadline', () => {
    const april = computeStats(logs, 'agri', { from: '2026-04-01', to: '2026-04-30', asOf: '2026-04-15' }, calendar);
    expect(april).toMatchObject({ assigned: 0, closed: 1, closedOnTimeOriginal: 0, closedOnTimeApproved: 0, overdue: 2 });
    expect(april.avgWorkingDaysToClose).toBe(calendar.workingDaysBetween('2026-03-16', '2026-04-10'));
  });

  it('is evaluated as known on asOf: later events and days do not count', () => {
    const early = computeStats(logs, 'edu', { ...march, asOf: '2026-03-15' }, calendar);
    expect(early).toMatchObject({ assigned: 7, closed: 2, overdue: 1, returns: 3, recheckFailures: 1, lookBackFailures: 0 });
  });

  it('all units in one pass equal each unit alone; a unit with nothing gets zeros', () => {
    const all = computeAllStats(logs, march, calendar);
    expect([...all.keys()].sort()).toEqual(['agri', 'edu']);
    expect(all.get('edu')).toEqual(computeStats(logs, 'edu', march, calendar));
    expect(computeStats(logs, 'fin', march, calendar)).toEqual(emptyStats());
    expect(emptyStats()).toMatchObject({ onTimeRate: null, avgWorkingDaysToClose: null });
  });

  it('a total (合计) of several units: counts add up, the rate is taken over their distinct matters, not averaged', () => {
    const both = computeTotalStats(logs, march, calendar, (u) => u === 'edu' || u === 'agri');
    const edu = computeStats(logs, 'edu', march, calendar);
    const agri = computeStats(logs, 'agri', march, calendar);
    for (const k of ['assigned', 'closed', 'closedOnTimeOriginal', 'closedOnTimeApproved', 'overdue', 'returns', 'extensions', 'recheckFailures', 'lookBackFailures'] as const) {
      expect(both[k], k).toBe(edu[k] + agri[k]);
    }
    // edu: 3 on time of A, B, C, F, G; agri: E overdue. Averaging 60% and 0% would say 30%.
    expect(both.onTimeRate).toBe(3 / 6);
    expect(both.avgWorkingDaysToClose).toBe(edu.avgWorkingDaysToClose);
    expect(computeTotalStats(logs, march, calendar, (u) => u === 'edu')).toEqual(edu);
    expect(computeTotalStats(logs, march, calendar, () => false)).toEqual(emptyStats());
    // One pass gives the units' figures and the total together, the same as apart.
    const once = computeStatsWithTotal(logs, march, calendar, (u) => u === 'edu' || u === 'agri');
    expect(once.units).toEqual(computeAllStats(logs, march, calendar));
    expect(once.total).toEqual(both);
  });
});
