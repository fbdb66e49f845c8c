import { describe, expect, it } from 'vitest';
import { allowedActions, decide, openMatter } from './decide';
import { replay } from './evolve';
import { at, calendar, cast, fullChecklist, plan, scenario, Story } from './test-fixtures';

const refusal = (s: Story, who: keyof typeof cast, action: Parameters<typeof decide>[1], when: Date) =>
  decide(s.matter, action, cast[who], when, calendar);

describe('opening and assigning', () => {
  it('only a supervisor opens a matter; the draft has no deadline until assigned', () => {
    expect(openMatter({ id: 'M-9', plan: plan() }, cast.leader, at('2026-03-02'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(openMatter({ id: 'M-9', plan: plan() }, cast.sysadmin, at('2026-03-02'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const s = Story.open();
    expect(s.matter).toMatchObject({ state: 'draft', deadline: null, version: 1 });
    expect(s.log).toEqual([expect.objectContaining({ type: 'opened', seq: 1, state: 'draft' })]);
  });

  it('refuses a deadline in the past, a lead unit that is also a co-unit, and a 密级 marking', () => {
    const open = (p: Parameters<typeof plan>[0]) => openMatter({ id: 'M-9', plan: plan(p) }, cast.supervisor, at('2026-03-02'));
    expect(open({ deadlineRule: { kind: 'date', date: '2026-03-01' } })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', fields: [{ field: 'deadlineRule' }] });
    expect(open({ deadlineRule: { kind: 'date', date: '2026-02-30' } })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(open({ deadlineRule: { kind: 'working_days', days: 0 } })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(open({ coUnitIds: ['edu'] })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', fields: [{ field: 'coUnitIds' }] });
    expect(open({ title: '' })).toMatchObject({ fields: [{ field: 'title', message: '请填写事项标题' }] });
    const secret = open({ title: '机密★1年 关于某事项的通知' });
    expect(secret).toMatchObject({ ok: false, code: 'CLASSIFIED_CONTENT' });
    expect(!secret.ok && secret.message).toMatch(/非涉密系统/);
    expect(open({ title: '  ' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '请填写事项标题' });
  });

  it('edits a draft; assign needs a lead unit and a deadline and resolves the working days', () => {
    const s = Story.open({ leadUnitId: null, deadlineRule: null });
    expect(refusal(s, 'supervisor', { type: 'assign' }, at('2026-03-02'))).toMatchObject({ ok: false, message: '请先确定牵头单位' });
    s.act('supervisor', { type: 'edit_draft', changes: { leadUnitId: 'edu' } }, at('2026-03-02'));
    expect(refusal(s, 'supervisor', { type: 'assign' }, at('2026-03-02'))).toMatchObject({ ok: false, message: '请先确定完成时限' });
    expect(refusal(s, 'supervisor', { type: 'edit_draft', changes: { id: 'x' } as never }, at('2026-03-02'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    s.act('supervisor', { type: 'edit_draft', changes: { deadlineRule: { kind: 'working_days', days: 1 } } }, at('2026-03-02'));
    s.act('supervisor', { type: 'assign' }, at('2026-03-06'));
    expect(s.matter).toMatchObject({ state: 'assigned', deadline: '2026-03-09', originalDeadline: '2026-03-09' });
  });
});

describe('return and the ruling on it', () => {
  const returned = () =>
    scenario('assigned').act('leadLiaison', { type: 'return', reason: '属于县农业农村局职责' }, at('2026-03-04'));

  it('the clock keeps running while the return is assessed', () => {
    const s = returned();
    expect(s.matter).toMatchObject({ state: 'assessing', deadline: '2026-03-23', pendingReturn: { unitId: 'edu' } });
    expect(s.matter.counts.returns).toBe(1);
  });

  it('unjustified: back to the same unit in progress, deadline unchanged, no second return', () => {
    const s = returned().act('supervisor', { type: 'rule_return', justified: false, comment: '属于本单位职责' }, at('2026-03-05'));
    expect(s.matter).toMatchObject({ state: 'in_progress', leadUnitId: 'edu', deadline: '2026-03-23', pendingReturn: null });
    expect(refusal(s, 'leadLiaison', { type: 'return', reason: '再次退回' }, at('2026-03-05'))).toMatchObject({ ok: false });
  });

  it('justified: a new lead unit and a restarted clock, recorded old and new', () => {
    const s = returned().act(
      'supervisor',
      { type: 'rule_return', justified: true, leadUnitId: 'agri', comment: '退回理由成立，改由县农业农村局牵头' },
      at('2026-03-16'),
    );
    expect(s.matter).toMatchObject({ state: 'assigned', leadUnitId: 'agri', coUnitIds: ['fin'], deadline: '2026-04-07' });
    expect(s.matter.originalDeadline).toBe('2026-04-07');
    expect(s.log.at(-1)).toMatchObject({
      type: 'return_ruled',
      payload: { justified: true, oldLeadUnitId: 'edu', oldDeadline: '2026-03-23', newDeadline: '2026-04-07' },
    });
    expect(allowedActions(s.matter, cast.leadLiaison, at('2026-03-16'), calendar)).toEqual([]);
    expect(allowedActions(s.matter, cast.otherLiaison, at('2026-03-16'), calendar)).toEqual(['accept', 'return']);
  });

  it('a justified ruling needs another unit, a comment, and a deadline not already past', () => {
    const s = returned();
    const rule = (a: object, when = at('2026-03-05')) => refusal(s, 'supervisor', { type: 'rule_return', justified: true, ...a } as never, when);
    expect(rule({ leadUnitId: 'edu', comment: '理由' })).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(rule({ leadUnitId: 'agri' })).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写研判意见' });
    const dated = Story.open({ deadlineRule: { kind: 'date', date: '2026-03-10' } })
      .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
      .act('leadLiaison', { type: 'return', reason: '不属于本单位' }, at('2026-03-03'));
    const late = decide(dated.matter, { type: 'rule_return', justified: true, leadUnitId: 'agri', comment: '成立' }, cast.supervisor, at('2026-03-11'), calendar);
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining('已过') });
  });
});

describe('extensions', () => {
  it('asked before the deadline (the day itself included), decided by the supervisor, both dates kept', () => {
    const s = scenario('in_progress');
    expect(refusal(s, 'leadLiaison', { type: 'request_extension', deadline: '2026-03-20', reason: '理由' }, at('2026-03-10'))).toMatchObject({
      code: 'RULE_VIOLATION',
    });
    s.act('leadLiaison', { type: 'request_extension', deadline: '2026-04-10', reason: '需市级审批' }, at('2026-03-23'));
    s.act('supervisor', { type: 'decide_extension', approved: true, deadline: '2026-04-03' }, at('2026-03-24'));
    expect(s.matter).toMatchObject({ deadline: '2026-04-03', originalDeadline: '2026-03-23', pendingExtension: null });
    expect(s.log.at(-1)).toMatchObject({ payload: { approved: true, requested: '2026-04-10', oldDeadline: '2026-03-23', newDeadline: '2026-04-03' } });
    expect(s.matter.counts.extensions).toBe(1);
  });

  it('not after the deadline; a rejection needs a reason and changes nothing', () => {
    const s = scenario('in_progress');
    expect(refusal(s, 'leadLiaison', { type: 'request_extension', deadline: '2026-04-10', reason: '理由' }, at('2026-03-24'))).toMatchObject({
      message: '办理时限已过，延期须在时限届满前申请',
    });
    s.act('leadLiaison', { type: 'request_extension', deadline: '2026-04-10', reason: '理由' }, at('2026-03-20'));
    expect(refusal(s, 'supervisor', { type: 'decide_extension', approved: false }, at('2026-03-21'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    s.act('supervisor', { type: 'decide_extension', approved: false, comment: '理由不充分' }, at('2026-03-21'));
    expect(s.matter).toMatchObject({ deadline: '2026-03-23', pendingExtension: null });
  });

  it('submitting the completion withdraws a pending request', () => {
    const s = scenario('in_progress_asking').act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-05'));
    expect(s.matter.pendingExtension).toBeNull();
    expect(s.log.at(-1)).toMatchObject({ payload: { extensionWithdrawn: '2026-04-30' } });
  });
});

describe('suspend and resume', () => {
  it('the stopped clock is given back in working days on resume', () => {
    const s = scenario('suspended').act('supervisor', { type: 'resume' }, at('2026-03-11'));
    // Suspended 2026-03-04 to 2026-03-11: 5 working days; 2026-03-23 + 5 = 2026-03-30.
    expect(s.matter).toMatchObject({ state: 'in_progress', deadline: '2026-03-30', originalDeadline: '2026-03-23', suspendedOn: null });
    expect(s.log.at(-1)).toMatchObject({ payload: { suspendedWorkingDays: 5, change: { oldDeadline: '2026-03-23', newDeadline: '2026-03-30' } } });
  });

  it('the supervisor may set a later date instead, never an earlier one', () => {
    const s = scenario('suspended');
    expect(refusal(s, 'supervisor', { type: 'resume', deadline: '2026-03-20' }, at('2026-03-05'))).toMatchObject({ code: 'RULE_VIOLATION' });
    s.act('supervisor', { type: 'resume', deadline: '2026-05-29' }, at('2026-03-05'));
    expect(s.matter.deadline).toBe('2026-05-29');
  });
});

describe('completion, review, recheck, look-back', () => {
  it('the unit head approves before the office sees it; a head’s refusal sends it back to the liaison', () => {
    const s = scenario('in_progress_submitted');
    expect(s.matter).toMatchObject({ state: 'in_progress', completion: { approvedAt: null } });
    s.act('leadHead', { type: 'approve_completion', approved: false, comment: '佐证材料不足' }, at('2026-03-05'));
    expect(s.matter).toMatchObject({ state: 'in_progress', completion: null });
    expect(refusal(s, 'leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: [] }, at('2026-03-05'))).toMatchObject({
      message: '请至少上传一份佐证材料',
    });
  });

  it('review approval needs the whole 审结 checklist; rejection needs comments and may set a later rework deadline', () => {
    const s = scenario('reviewing');
    const partial = { ...fullChecklist(), measures_lawful: false };
    expect(refusal(s, 'supervisor', { type: 'review', approved: true, checklist: partial }, at('2026-03-05'))).toMatchObject({
      message: expect.stringContaining('措施合法'),
    });
    expect(refusal(s, 'supervisor', { type: 'review', approved: false, deadline: '2026-03-20', comment: '不实' }, at('2026-03-05'))).toMatchObject({
      code: 'RULE_VIOLATION',
    });
    s.act('supervisor', { type: 'review', approved: false, comment: '整改不到位', checklist: { problem_solved: false }, deadline: '2026-04-15' }, at('2026-03-05'));
    expect(s.matter).toMatchObject({ state: 'in_progress', completion: null, completedOn: null, deadline: '2026-04-15', originalDeadline: '2026-03-23' });
  });

  it('without a recheck, approval closes; with one, a failed recheck flags it and sends it back', () => {
    const quick = Story.open({ recheckRequired: false })
      .act('supervisor', { type: 'assign' }, at('2026-03-02', 10))
      .act('leadLiaison', { type: 'accept' }, at('2026-03-03'))
      .act('leadLiaison', { type: 'submit_completion', report: '已完成', evidenceIds: ['a'] }, at('2026-03-04'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-04', 5))
      .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-05'));
    expect(quick.matter).toMatchObject({ state: 'closed', closedAt: at('2026-03-05').toISOString() });
    const s = scenario('rechecking').act('supervisor', { type: 'recheck', passed: false, comment: '现场仍有隐患' }, at('2026-03-06'));
    expect(s.matter).toMatchObject({ state: 'in_progress', flags: ['recheck_failed'], counts: { recheckFailures: 1 } });
  });

  it('a look-back reopens with a reason, counts, and the matter must be completed again', () => {
    const s = scenario('closed');
    expect(refusal(s, 'supervisor', { type: 'look_back', passed: false }, at('2026-04-06'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    s.act('supervisor', { type: 'look_back', passed: false, comment: '问题反弹', deadline: '2026-04-30' }, at('2026-04-06'));
    expect(s.matter).toMatchObject({ state: 'in_progress', closedAt: null, completion: null, flags: ['reopened'], counts: { reopens: 1 }, deadline: '2026-04-30' });
  });
});

describe('sub-matters, instructions, referrals, reminders', () => {
  it('a parent closes only when every child is closed, and cannot even submit before', () => {
    const s = scenario('in_progress').act('system', { type: 'link_child', childId: 'M-1-1' }, at('2026-03-04'));
    expect(refusal(s, 'leadLiaison', { type: 'submit_completion', report: '完成', evidenceIds: ['a'] }, at('2026-03-04'))).toMatchObject({
      message: '尚有子事项未办结，不能报结',
    });
    s.act('system', { type: 'child_closed', childId: 'M-1-1' }, at('2026-03-05'))
      .act('leadLiaison', { type: 'submit_completion', report: '完成', evidenceIds: ['a'] }, at('2026-03-05'))
      .act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-05', 5))
      .act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-06'))
      .act('system', { type: 'child_reopened', childId: 'M-1-1' }, at('2026-03-06', 5));
    expect(refusal(s, 'supervisor', { type: 'recheck', passed: true }, at('2026-03-09'))).toMatchObject({ message: '尚有子事项未办结，不能办结' });
    expect(refusal(s, 'system', { type: 'link_child', childId: 'M-1-1' }, at('2026-03-09'))).toMatchObject({ message: '该子事项已关联' });
  });

  it('a leader’s 批示 is an event in any state and names the instructing leader if none was', () => {
    const s = Story.open({ instructingLeaderId: null }).act('leader', { type: 'add_instruction', text: '请督查室跟踪落实。' }, at('2026-03-02'));
    expect(s.matter).toMatchObject({ state: 'draft', instructingLeaderId: 'shuji' });
    const closed = scenario('closed').act('leader', { type: 'add_instruction', text: '办得好，予以通报表扬。' }, at('2026-03-09'));
    expect(closed.log.at(-1)).toMatchObject({ type: 'instruction_added', state: 'closed', actorId: 'shuji' });
  });

  it('an accountability referral changes no state and flags the matter', () => {
    const s = scenario('in_progress').act(
      'supervisor',
      { type: 'refer_accountability', ground: 'other', reason: '三次催办未落实', recipients: ['discipline_inspection', 'organization'] },
      at('2026-03-30'),
    );
    expect(s.matter).toMatchObject({ state: 'in_progress', flags: ['referred'] });
  });

  it('reminders are numbered; only the system sends automatic ones, once per deadline', () => {
    const s = scenario('in_progress')
      .act('supervisor', { type: 'remind', comment: '请抓紧' }, at('2026-03-10'))
      .act('system', { type: 'remind', trigger: 'red' }, at('2026-03-24'));
    expect(s.log.slice(-2).map((e) => e.type === 'reminded' && e.payload.number)).toEqual([1, 2]);
    expect(refusal(s, 'supervisor', { type: 'remind', trigger: 'red' }, at('2026-03-24'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refusal(s, 'system', { type: 'remind', trigger: 'red' }, at('2026-03-25'))).toMatchObject({ code: 'RULE_VIOLATION' });
  });

  it('comments and attachments travel with the event; the log replays to the same matter', () => {
    const s = scenario('in_progress').act('leadLiaison', { type: 'report_progress', text: '进展', comment: '附照片', attachmentIds: ['p1', 'p2'] }, at('2026-03-05'));
    expect(s.log.at(-1)).toMatchObject({ comment: '附照片', attachmentIds: ['p1', 'p2'], actorId: 'edu-liaison' });
    expect(replay(s.log)).toEqual(s.matter);
    expect(refusal(s, 'leadLiaison', { type: 'report_progress', text: '秘密★ 内容' }, at('2026-03-05'))).toMatchObject({ code: 'CLASSIFIED_CONTENT' });
  });

  it('replay refuses a broken log', () => {
    const { log } = scenario('reviewing');
    expect(() => replay(log.slice(1))).toThrow(/立项/);
    expect(() => replay([log[0]!, log[2]!])).toThrow(/不连续/);
  });
});
