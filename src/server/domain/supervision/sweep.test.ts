import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import type { MatterAction } from './actions';
import { defaultSupervisionSettings } from './clock';
import { decide } from './decide';
import { lookBackDueOn, sampleLookBacks, sweep } from './sweep';
import { at, calendar, cast, fullChecklist, scenario, Story } from './test-fixtures';

/** What the sweeper job does for one matter on one day: sweep, then record each action. */
function runSweep(s: Story, day: string): MatterAction[] {
  const actions = sweep(s.matter, day, calendar);
  actions.forEach((a, i) => s.act('system', a, at(day, i)));
  return actions;
}

const kinds = (actions: MatterAction[]) => actions.map((a) => (a.type === 'remind' ? `remind:${a.trigger}` : a.type));

describe('sweep', () => {
  it('yellow, red and escalation each once per deadline; nothing new when run again', () => {
    const s = scenario('in_progress');
    expect(runSweep(s, '2026-03-06')).toEqual([]);
    expect(kinds(runSweep(s, '2026-03-18'))).toEqual(['remind:yellow']);
    expect(runSweep(s, '2026-03-18')).toEqual([]);
    expect(runSweep(s, '2026-03-23')).toEqual([]);
    expect(kinds(runSweep(s, '2026-03-24'))).toEqual(['remind:red']);
    expect(runSweep(s, '2026-03-25')).toEqual([]);
    expect(kinds(runSweep(s, '2026-03-26'))).toEqual(['escalate']);
    expect(runSweep(s, '2026-03-27')).toEqual([]);
    expect(s.matter.counts).toMatchObject({ reminders: 2, escalations: 1 });
    expect(s.log.at(-1)).toMatchObject({ type: 'escalated', payload: { deadline: '2026-03-23', overdueWorkingDays: 3, leaderId: 'shuji' } });
  });

  it('a matter first seen red gets the red reminder and, if red long enough, the escalation at once', () => {
    const s = scenario('assigned');
    expect(kinds(sweep(s.matter, '2026-03-31', calendar))).toEqual(['remind:red', 'escalate']);
    runSweep(s, '2026-03-31');
    expect(sweep(s.matter, '2026-04-01', calendar)).toEqual([]);
  });

  it('a new deadline starts afresh', () => {
    const s = scenario('in_progress');
    runSweep(s, '2026-03-18');
    s.act('leadLiaison', { type: 'request_extension', deadline: '2026-04-17', reason: '理由' }, at('2026-03-19'));
    s.act('supervisor', { type: 'decide_extension', approved: true }, at('2026-03-19', 5));
    expect(runSweep(s, '2026-03-24')).toEqual([]);
    expect(kinds(runSweep(s, '2026-04-14'))).toEqual(['remind:yellow']);
  });

  it('a late milestone turns yellow early; a late progress report is chased once per due date', () => {
    const s = Story.open({
      deadlineRule: { kind: 'date', date: '2026-06-30' },
      progressCadenceDays: 5,
      milestones: [{ id: 'plan', title: '制定方案', deadline: '2026-03-13' }],
    })
      .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
      .act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
    expect(kinds(runSweep(s, '2026-03-11'))).toEqual(['remind:progress_late']);
    expect(runSweep(s, '2026-03-12')).toEqual([]);
    expect(kinds(runSweep(s, '2026-03-16'))).toEqual(['remind:yellow']);
    s.act('leadLiaison', { type: 'report_progress', text: '方案已印发', milestonesDone: ['plan'] }, at('2026-03-16', 30));
    expect(runSweep(s, '2026-03-23')).toEqual([]);
    expect(kinds(runSweep(s, '2026-03-24'))).toEqual(['remind:progress_late']);
    expect(s.log.at(-1)).toMatchObject({ payload: { trigger: 'progress_late', progressDue: '2026-03-23' } });
  });

  it('nothing while draft, under assessment, suspended, or with the office', () => {
    for (const name of ['draft', 'assessing', 'suspended', 'reviewing', 'rechecking'] as const) {
      expect(sweep(scenario(name).matter, '2026-06-01', calendar)).toEqual([]);
    }
  });

  it('a look-back falls due 30 days after closing (or the category’s setting), once per closure', () => {
    const s = scenario('closed');
    expect(lookBackDueOn(s.matter, defaultSupervisionSettings)).toBe('2026-04-04');
    expect(runSweep(s, '2026-04-03')).toEqual([]);
    expect(kinds(runSweep(s, '2026-04-04'))).toEqual(['mark_look_back_due']);
    expect(s.matter.lookBackDue).toBe('scheduled');
    expect(runSweep(s, '2026-04-05')).toEqual([]);
    s.act('supervisor', { type: 'look_back', passed: true }, at('2026-04-07'));
    expect(s.matter.lookBackDue).toBeNull();
    expect(runSweep(s, '2026-05-05')).toEqual([]);
    const byCategory = { ...defaultSupervisionSettings, lookBackDaysByCategory: { 教育: 10, 安全: 60 } };
    expect(lookBackDueOn(scenario('closed').matter, byCategory)).toBe('2026-03-15');
  });

  it('a reopened and re-closed matter gets a new look-back', () => {
    const s = scenario('closed');
    runSweep(s, '2026-04-04');
    s.act('supervisor', { type: 'look_back', passed: false, comment: '反弹', deadline: '2026-04-30' }, at('2026-04-06'))
      .act('leadLiaison', { type: 'submit_completion', report: '再次整改完成', evidenceIds: ['b'] }, at('2026-04-20'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-04-20', 5))
      .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-04-21'))
      .act('supervisor', { type: 'recheck', passed: true }, at('2026-04-22'));
    expect(kinds(runSweep(s, '2026-05-22'))).toEqual(['mark_look_back_due']);
  });

  it('decide refuses a duplicate even if two sweepers raced', () => {
    const s = scenario('in_progress');
    const [first] = sweep(s.matter, '2026-03-24', calendar);
    s.act('system', first!, at('2026-03-24'));
    expect(decide(s.matter, first!, cast.system, at('2026-03-24', 1), calendar)).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
  });

  it('a daily sweep over two months sends each chase once', () => {
    const s = scenario('in_progress');
    for (let d = '2026-03-03'; d <= '2026-04-30'; d = addDays(d, 1)) runSweep(s, d);
    const sent = s.log.filter((e) => e.type === 'reminded' || e.type === 'escalated').map((e) => e.type);
    expect(sent).toEqual(['reminded', 'reminded', 'escalated']);
  });
});

describe('sampleLookBacks', () => {
  const ids = Array.from({ length: 95 }, (_, i) => `M-${String(i + 1).padStart(3, '0')}`);

  it('draws ceil(percent %) of the ids, deterministically and whatever their order', () => {
    const a = sampleLookBacks(ids, 10, '2026Q1');
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(a.every((id) => ids.includes(id))).toBe(true);
    expect(sampleLookBacks([...ids].reverse(), 10, '2026Q1')).toEqual(a);
    expect(sampleLookBacks(ids, 10, '2026Q2')).not.toEqual(a);
    expect(sampleLookBacks(ids.slice(0, 3), 10, 's')).toHaveLength(1);
  });

  it('0 % is none, 100 % is all; other shares are refused', () => {
    expect(sampleLookBacks(ids, 0, 's')).toEqual([]);
    expect(sampleLookBacks(ids, 100, 's')).toEqual([...ids].sort());
    expect(sampleLookBacks([], 50, 's')).toEqual([]);
    expect(() => sampleLookBacks(ids, 101, 's')).toThrow(/比例/);
    expect(() => sampleLookBacks(ids, Number.NaN, 's')).toThrow(/比例/);
  });
});
