import { describe, expect, it } from 'vitest';
import { REFERRAL_MIN_REMINDERS } from '../../../shared/supervision';
import type { MatterAction } from './actions';
import { defaultSupervisionSettings } from './clock';
import { decide, refusedActions } from './decide';
import { replay } from './evolve';
import { at, calendar, cast, fullChecklist, scenario, Story, type CastName } from './test-fixtures';

const attempt = (s: Story, who: CastName, action: MatterAction, when: Date, settings = defaultSupervisionSettings) =>
  decide(s.matter, action, cast[who], when, calendar, settings);

/** In progress with two milestones, one of them reported done. */
function withMilestones(recheckRequired = false): Story {
  return Story.open({
    recheckRequired,
    milestones: [
      { id: 'plan', title: '制定方案', deadline: '2026-03-06' },
      { id: 'check', title: '自查验收', deadline: '2026-03-13' },
    ],
  })
    .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
    .act('leadLiaison', { type: 'accept' }, at('2026-03-03'))
    .act('leadLiaison', { type: 'report_progress', text: '方案已印发', milestonesDone: ['plan'] }, at('2026-03-04'))
    .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-05'))
    .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-05', 10));
}

describe('报结 with a pending request: nothing disappears unrecorded', () => {
  it('withdraws a pending extension on the 报结 event itself; a pending help request stays open', () => {
    const s = scenario('in_progress_asking').act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-05'));
    expect(s.log.at(-1)).toMatchObject({ type: 'completion_submitted', payload: { extensionWithdrawn: '2026-04-30' } });
    expect(s.matter).toMatchObject({ pendingExtension: null, pendingHelp: { text: '请协调县公安局配合' } });
    // Still exactly one event for the action: opened, assigned, accepted, two requests, 报结.
    expect(s.log.map((e) => e.type)).toEqual(['opened', 'assigned', 'accepted', 'extension_requested', 'help_requested', 'completion_submitted']);
  });

  it('closing waits for the help request to be answered, so it is never dropped by closing either', () => {
    const s = scenario('in_progress_asking')
      .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-05'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-05', 10));
    const review: MatterAction = { type: 'review', approved: true, checklist: fullChecklist() };
    expect(attempt(s, 'supervisor', review, at('2026-03-06'))).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: '尚有待答复的督帮申请，请先答复再办结' });
    s.act('supervisor', { type: 'answer_help', text: '已协调县公安局' }, at('2026-03-06')).act('supervisor', review, at('2026-03-06', 5));
    expect(s.matter.state).toBe('rechecking');
  });
});

describe('办结 refuses open milestones unless each is waived with a reason', () => {
  it('names the open milestone; a waiver needs a reason, a real open milestone, and no repeats', () => {
    const s = withMilestones();
    const review = (waivers?: unknown) => attempt(s, 'supervisor', { type: 'review', approved: true, checklist: fullChecklist(), waivers } as MatterAction, at('2026-03-06'));
    expect(review()).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: '节点“自查验收”尚未完成，不能办结；确需办结的，请逐项说明免于完成的理由' });
    expect(review([{ milestoneId: 'check', reason: ' ' }])).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写节点“自查验收”免于完成的理由' });
    expect(review([{ milestoneId: 'nope', reason: '理由' }])).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(review([{ milestoneId: 'plan', reason: '理由' }])).toMatchObject({ code: 'RULE_VIOLATION', message: '节点“制定方案”已完成，无需再说明' });
    expect(review([{ milestoneId: 'check', reason: '理由' }, { milestoneId: 'check', reason: '理由' }])).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(review([{ milestoneId: 'check', reason: '秘密★ 内容' }])).toMatchObject({ code: 'CLASSIFIED_CONTENT' });
    expect(review('check')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('records each waiver on the closing event and on the milestone; the log replays to it', () => {
    const s = withMilestones().act(
      'supervisor',
      { type: 'review', approved: true, checklist: fullChecklist(), waivers: [{ milestoneId: 'check', reason: '验收并入全县联合检查' }] },
      at('2026-03-06'),
    );
    expect(s.matter.state).toBe('closed');
    expect(s.log.at(-1)).toMatchObject({ type: 'reviewed', payload: { waived: [{ milestoneId: 'check', title: '自查验收', reason: '验收并入全县联合检查' }] } });
    expect(s.matter.milestones[1]).toMatchObject({ id: 'check', waived: { reason: '验收并入全县联合检查', at: at('2026-03-06').toISOString() } });
    expect(replay(s.log)).toEqual(s.matter);
    // Reopened by a look-back, a waived milestone is not "late": the light does not turn yellow for it.
    s.act('supervisor', { type: 'look_back', passed: false, comment: '问题反弹', early: true, reason: '群众再次反映' }, at('2026-03-16'));
    expect(s.matter.milestones.every((ms) => ms.doneAt || ms.waived)).toBe(true);
  });

  it('with a recheck, the review settles the milestones and 复核通过 closes; an unsettled one is refused there too', () => {
    const s = withMilestones(true);
    s.act('supervisor', { type: 'review', approved: true, checklist: fullChecklist(), waivers: [{ milestoneId: 'check', reason: '已由市级统一验收' }] }, at('2026-03-06'));
    expect(s.matter.state).toBe('rechecking');
    s.act('supervisor', { type: 'recheck', passed: true }, at('2026-03-09'));
    expect(s.matter.state).toBe('closed');
    // A matter already under recheck with an open milestone (recorded before this rule) is settled at the recheck.
    const old = withMilestones(true);
    old.matter = { ...old.matter, state: 'rechecking' };
    expect(attempt(old, 'supervisor', { type: 'recheck', passed: true }, at('2026-03-09'))).toMatchObject({ ok: false, message: expect.stringContaining('自查验收') });
    const d = attempt(old, 'supervisor', { type: 'recheck', passed: true, waivers: [{ milestoneId: 'check', reason: '已由市级统一验收' }] }, at('2026-03-09'));
    expect(d).toMatchObject({ ok: true, events: [{ type: 'rechecked', payload: { passed: true, waived: [{ milestoneId: 'check' }] } }] });
  });
});

describe('回头看 from its due day, or early with a reason', () => {
  // scenario('closed') closed on 2026-03-05; 30 days later by default.
  it('before the due day: refused with the date, unless explicitly early with a reason, which the event records', () => {
    const s = scenario('closed');
    expect(attempt(s, 'supervisor', { type: 'look_back', passed: true }, at('2026-03-20'))).toMatchObject({
      ok: false,
      code: 'RULE_VIOLATION',
      message: '回头看应于 2026-04-04 起进行；如需提前回头看，请选择“提前回头看”并说明理由',
    });
    expect(attempt(s, 'supervisor', { type: 'look_back', passed: true, early: true }, at('2026-03-20'))).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写提前回头看的理由' });
    s.act('supervisor', { type: 'look_back', passed: true, early: true, reason: '群众来信反映问题反弹' }, at('2026-03-20'));
    expect(s.log.at(-1)).toMatchObject({ type: 'looked_back', payload: { passed: true, early: { reason: '群众来信反映问题反弹', dueOn: '2026-04-04' } } });
  });

  it('from the due day, or once marked due (scheduled or sampled), no reason is needed and none is recorded', () => {
    const onDay = scenario('closed').act('supervisor', { type: 'look_back', passed: true }, at('2026-04-04'));
    expect(onDay.log.at(-1)!.payload).toEqual({ passed: true });
    const sampled = scenario('closed').act('system', { type: 'mark_look_back_due', reason: 'sample' }, at('2026-03-10'));
    expect(attempt(sampled, 'supervisor', { type: 'look_back', passed: true }, at('2026-03-10', 5)).ok).toBe(true);
  });

  it('the due day follows the 督办设置 passed in (per category)', () => {
    const s = scenario('closed');
    const settings = { ...defaultSupervisionSettings, lookBackDaysByCategory: { 教育: 10 } };
    expect(attempt(s, 'supervisor', { type: 'look_back', passed: true }, at('2026-03-15'), settings).ok).toBe(true);
    expect(attempt(s, 'supervisor', { type: 'look_back', passed: true }, at('2026-03-14'), settings)).toMatchObject({ message: expect.stringContaining('2026-03-15') });
  });
});

describe('问责移交 only on a recorded ground', () => {
  const refer = (ground: unknown) => ({ type: 'refer_accountability', ground, reason: '整改不力', recipients: ['discipline_inspection'] }) as MatterAction;

  it('needs a ground; each factual ground must be borne out by the record', () => {
    const s = scenario('in_progress');
    expect(attempt(s, 'supervisor', refer(undefined), at('2026-03-10'))).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择问责移交的依据' });
    expect(attempt(s, 'supervisor', refer('because'), at('2026-03-10'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(attempt(s, 'supervisor', refer('overdue'), at('2026-03-23'))).toMatchObject({ code: 'RULE_VIOLATION', message: '事项未逾期，不能以“逾期未办结”为依据移交' });
    expect(attempt(s, 'supervisor', refer('repeated_reminders'), at('2026-03-10'))).toMatchObject({
      code: 'RULE_VIOLATION',
      message: `已催办 0 次；以“多次催办仍未落实”为依据，须至少催办 ${REFERRAL_MIN_REMINDERS} 次`,
    });
    expect(attempt(s, 'supervisor', refer('recheck_failed'), at('2026-03-10'))).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(attempt(s, 'supervisor', { ...refer('other'), reason: '' } as MatterAction, at('2026-03-10'))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('records the ground with its facts on the event', () => {
    const late = scenario('in_progress').act('supervisor', refer('overdue'), at('2026-03-25'));
    expect(late.log.at(-1)).toMatchObject({ payload: { ground: { kind: 'overdue', deadline: '2026-03-23', measuredOn: '2026-03-25', overdueWorkingDays: 2 } } });
    const chased = scenario('in_progress');
    for (let i = 0; i < REFERRAL_MIN_REMINDERS; i++) chased.act('supervisor', { type: 'remind', comment: '请抓紧' }, at('2026-03-10', i));
    chased.act('supervisor', refer('repeated_reminders'), at('2026-03-10', 10));
    expect(chased.log.at(-1)).toMatchObject({ payload: { ground: { kind: 'repeated_reminders', reminders: 3 } } });
    const failed = scenario('rechecking').act('supervisor', { type: 'recheck', passed: false, comment: '现场仍有隐患' }, at('2026-03-06'));
    failed.act('supervisor', refer('recheck_failed'), at('2026-03-06', 5));
    expect(failed.log.at(-1)).toMatchObject({ payload: { ground: { kind: 'recheck_failed', recheckFailures: 1, reopens: 0 } } });
    const other = scenario('in_progress').act('supervisor', refer('other'), at('2026-03-10'));
    expect(other.log.at(-1)).toMatchObject({ payload: { reason: '整改不力', ground: { kind: 'other' } } });
  });

  it('a completion that reached the office late is overdue, measured on its arrival', () => {
    const s = scenario('in_progress')
      .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-24'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-24', 5));
    s.act('supervisor', refer('overdue'), at('2026-03-30'));
    expect(s.log.at(-1)).toMatchObject({ payload: { ground: { kind: 'overdue', measuredOn: '2026-03-24', overdueWorkingDays: 1 } } });
  });
});

describe('refusedActions speaks for the closing rules too', () => {
  it('a closed matter tells the lead liaison why, and keeps 回头看 open to the supervisor (early or not)', () => {
    const { matter } = scenario('closed');
    const liaison = refusedActions(matter, cast.leadLiaison, at('2026-03-06'), calendar);
    expect(liaison.map((r) => r.action)).toEqual(['accept', 'return', 'report_progress', 'request_extension', 'request_help', 'submit_completion']);
    expect(liaison[0]).toEqual({ action: 'accept', code: 'RULE_VIOLATION', reason: '事项当前为“已办结”状态，不能签收', kind: 'state' });
    expect(liaison.every((r) => r.kind === 'state' && r.reason.startsWith('事项当前为“已办结”状态'))).toBe(true);
    expect(refusedActions(matter, cast.supervisor, at('2026-03-06'), calendar).map((r) => r.action)).not.toContain('look_back');
  });
});
