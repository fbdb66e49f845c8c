import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { defaultSupervisionSettings, type SupervisionSettings } from './clock';
import { nextSweepOn, sweep } from './sweep';
import { at, calendar, fullChecklist, scenario, scenarios, Story } from './test-fixtures';

const settingsVariants: SupervisionSettings[] = [
  defaultSupervisionSettings,
  { ...defaultSupervisionSettings, yellowWorkingDays: 1, escalateAfterRedWorkingDays: 1, lookBackDays: 5 },
  { ...defaultSupervisionSettings, yellowWorkingDays: 8, escalateAfterRedWorkingDays: 6, lookBackDaysByCategory: { 交通: 3 } },
];

/**
 * Walks a matter day by day, as the daily job would, recording what sweep()
 * returns; on every day sweep() must have work exactly when the stored due
 * day has come. Events from `during` happen on their day before the sweep.
 */
function walk(s: Story, from: string, days: number, settings: SupervisionSettings, during: Record<string, (s: Story) => void> = {}) {
  let acted = 0;
  for (let d = from, i = 0; i < days; i++, d = addDays(d, 1)) {
    during[d]?.(s);
    const due = nextSweepOn(s.matter, calendar, settings);
    const actions = sweep(s.matter, d, calendar, settings);
    expect({ day: d, work: actions.length > 0 }).toEqual({ day: d, work: due !== null && d >= due });
    actions.forEach((a, k) => s.act('system', a, at(d, 600 + k)));
    acted += actions.length;
    if (actions.length) expect(nextSweepOn(s.matter, calendar, settings) ?? '9999-12-31').not.toBe(d);
  }
  return acted;
}

describe('nextSweepOn: the day the sweeper next has work, kept on the row', () => {
  for (const [k, settings] of settingsVariants.entries()) {
    it(`agrees with sweep() day by day for every scenario (settings ${k})`, () => {
      let total = 0;
      for (const name of scenarios) total += walk(scenario(name), '2026-03-02', 150, settings);
      expect(total).toBeGreaterThan(0);
    });
  }

  it('agrees with milestones, a progress cadence, an extension and a look-back reopen', () => {
    const s = Story.open({
      deadlineRule: { kind: 'date', date: '2026-05-29' },
      progressCadenceDays: 5,
      milestones: [
        { id: 'plan', title: '制定方案', deadline: '2026-03-13' },
        { id: 'check', title: '自查验收', deadline: '2026-05-15' },
      ],
      categories: ['交通'],
    }).act('supervisor', { type: 'assign' }, at('2026-03-02', 10));
    const acted = walk(s, '2026-03-02', 200, settingsVariants[2]!, {
      '2026-03-03': (x) => x.act('leadLiaison', { type: 'accept' }, at('2026-03-03')),
      '2026-03-20': (x) => x.act('leadLiaison', { type: 'report_progress', text: '方案已印发', milestonesDone: ['plan'] }, at('2026-03-20')),
      '2026-05-20': (x) => x.act('leadLiaison', { type: 'request_extension', deadline: '2026-06-30', reason: '需协调' }, at('2026-05-20')),
      '2026-05-21': (x) => x.act('supervisor', { type: 'decide_extension', approved: true }, at('2026-05-21')),
      '2026-06-10': (x) =>
        x
          .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['att-1'] }, at('2026-06-10'))
          .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-06-10', 30))
          .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist(), waivers: [{ milestoneId: 'check', reason: '验收并入全县联合检查' }] }, at('2026-06-10', 60)),
      '2026-06-11': (x) => {
        if (x.matter.state === 'rechecking') x.act('supervisor', { type: 'recheck', passed: true }, at('2026-06-11'));
      },
      '2026-06-16': (x) => x.act('supervisor', { type: 'look_back', passed: false, comment: '问题反弹', deadline: '2026-07-31' }, at('2026-06-16')),
    });
    expect(s.log.map((e) => e.type)).toEqual(expect.arrayContaining(['look_back_due', 'looked_back']));
    expect(acted).toBeGreaterThan(3);
  });

  it('is null when nothing can come: a draft, a suspended matter, a look-back already recorded', () => {
    expect(nextSweepOn(scenario('draft').matter, calendar)).toBeNull();
    expect(nextSweepOn(scenario('suspended').matter, calendar)).toBeNull();
    const closed = scenario('closed');
    expect(nextSweepOn(closed.matter, calendar)).toBe('2026-04-04');
    closed.act('system', { type: 'mark_look_back_due', reason: 'scheduled' }, at('2026-04-04'));
    expect(nextSweepOn(closed.matter, calendar)).toBeNull();
  });
});
