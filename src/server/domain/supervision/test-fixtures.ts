/**
 * Shared setup for this folder's tests: a calendar, the cast of actors, a
 * plan, a matter driven into each state, and a payload that suits each action.
 */
import { reviewChecklistItems, type MatterActionType, type ReviewChecklist } from '../../../shared/supervision';
import { addDays, type IsoDate } from '../calendar/dates';
import { buildWorkCalendar } from '../calendar/work-calendar';
import type { MatterAction } from './actions';
import { decide, openMatter } from './decide';
import type { MatterEvent } from './events';
import { SYSTEM_ACTOR, type Actor, type Matter, type MatterPlan } from './types';

export const calendar = buildWorkCalendar();

/** 09:00 China time on a date (plus minutes, to order several actions on one day). */
export const at = (date: IsoDate, minutes = 0): Date => new Date(Date.parse(`${date}T09:00:00+08:00`) + minutes * 60_000);

const actor = (userId: string, role: Actor['roles'][number], unitId: string): Actor => ({ userId, roles: [role], unitId });

/** The office is `office`; 县教育局 `edu` leads, 县财政局 `fin` co-operates, 县农业农村局 `agri` stands by. */
export const cast = {
  supervisor: actor('ducha', 'supervisor', 'office'),
  leader: actor('shuji', 'leader', 'office'),
  staff: actor('zonghe', 'staff', 'office'),
  leadLiaison: actor('edu-liaison', 'liaison', 'edu'),
  leadHead: actor('edu-head', 'unit_head', 'edu'),
  coLiaison: actor('fin-liaison', 'liaison', 'fin'),
  coHead: actor('fin-head', 'unit_head', 'fin'),
  otherLiaison: actor('agri-liaison', 'liaison', 'agri'),
  otherHead: actor('agri-head', 'unit_head', 'agri'),
  sysadmin: actor('sysadmin', 'sysadmin', 'office'),
  secadmin: actor('secadmin', 'secadmin', 'office'),
  auditor: actor('auditor', 'auditor', 'office'),
  system: SYSTEM_ACTOR,
} satisfies Record<string, Actor>;
export type CastName = keyof typeof cast;

export const plan = (overrides: Partial<MatterPlan> = {}): MatterPlan => ({
  title: '落实县委常委会议定事项：校园周边安全专项整治',
  source: 'meeting_decision',
  priority: 'normal',
  categories: ['教育'],
  leadUnitId: 'edu',
  coUnitIds: ['fin'],
  deadlineRule: { kind: 'working_days', days: 15 },
  milestones: [],
  progressCadenceDays: null,
  recheckRequired: true,
  instructingLeaderId: 'shuji',
  ...overrides,
});

export const fullChecklist = (): ReviewChecklist =>
  Object.fromEntries(reviewChecklistItems.map((i) => [i, true])) as ReviewChecklist;

/** A matter and its log, advanced one action at a time; each step must succeed. */
export class Story {
  log: MatterEvent[] = [];
  constructor(public matter: Matter) {}

  static open(p: Partial<MatterPlan> = {}, when: Date = at('2026-03-02'), id = 'M-1'): Story {
    const d = openMatter({ id, plan: plan(p) }, cast.supervisor, when);
    if (!d.ok) throw new Error(`open failed: ${d.message}`);
    const s = new Story(d.next);
    s.log.push(...d.events);
    return s;
  }

  act(who: CastName, action: MatterAction, when: Date): this {
    const d = decide(this.matter, action, cast[who], when, calendar);
    if (!d.ok) throw new Error(`${action.type} by ${who} failed: ${d.message}`);
    this.matter = d.next;
    this.log.push(...d.events);
    return this;
  }
}

/** The scenarios of the state × action table: each state, plus in-progress with requests pending. */
export const scenarios = [
  'draft',
  'assigned',
  'assessing',
  'in_progress',
  'in_progress_asking',
  'in_progress_submitted',
  'suspended',
  'reviewing',
  'rechecking',
  'closed',
] as const;
export type Scenario = (typeof scenarios)[number];

/** The day every scenario is looked at: early in the matter's 15 working days. */
export const scenarioDay = '2026-03-06';

export function scenario(name: Scenario): Story {
  const s = Story.open({}, at('2026-03-02'));
  if (name === 'draft') return s;
  s.act('supervisor', { type: 'assign' }, at('2026-03-02', 10));
  if (name === 'assigned') return s;
  if (name === 'assessing') return s.act('leadLiaison', { type: 'return', reason: '不属于本单位职责' }, at('2026-03-03'));
  s.act('leadLiaison', { type: 'accept' }, at('2026-03-03'));
  if (name === 'in_progress') return s;
  if (name === 'in_progress_asking') {
    return s
      .act('leadLiaison', { type: 'request_extension', deadline: '2026-04-30', reason: '需协调市级部门' }, at('2026-03-04'))
      .act('leadLiaison', { type: 'request_help', text: '请协调县公安局配合' }, at('2026-03-04', 5));
  }
  if (name === 'suspended') return s.act('supervisor', { type: 'suspend', reason: '等待上级政策' }, at('2026-03-04'));
  s.act('leadLiaison', { type: 'submit_completion', report: '已完成整治', evidenceIds: ['att-1'] }, at('2026-03-04'));
  if (name === 'in_progress_submitted') return s;
  s.act('leadHead', { type: 'approve_completion', approved: true }, at('2026-03-04', 30));
  if (name === 'reviewing') return s;
  s.act('supervisor', { type: 'review', approved: true, checklist: fullChecklist() }, at('2026-03-05'));
  if (name === 'rechecking') return s;
  return s.act('supervisor', { type: 'recheck', passed: true }, at('2026-03-05', 30));
}

/** A waiver, with a reason, for each milestone neither done nor waived. */
export const waiversFor = (m: Matter) =>
  m.milestones.filter((ms) => !ms.doneAt && !ms.waived).map((ms) => ({ milestoneId: ms.id, reason: '该节点任务已并入其他措施' }));

/** A payload with which the action succeeds whenever the actor and the matter allow it. */
export function validAction(m: Matter, type: MatterActionType, who: Actor, today: IsoDate): MatterAction {
  const later = (d: IsoDate | null) => addDays(d && d > today ? d : today, 10);
  switch (type) {
    case 'edit_draft':
      return { type, changes: { priority: 'urgent' } };
    case 'assign':
    case 'accept':
    case 'resume':
    case 'escalate':
      return { type };
    case 'return':
      return { type, reason: '该事项属于县农业农村局职责' };
    case 'rule_return':
      return { type, justified: false, comment: '经研判，该事项属于本单位职责' };
    case 'report_progress':
      return { type, text: '已完成排查' };
    case 'request_extension':
      return { type, deadline: later(m.deadline), reason: '需协调市级部门' };
    case 'decide_extension':
      return { type, approved: true };
    case 'request_help':
      return { type, text: '请协调县公安局配合' };
    case 'answer_help':
      return { type, text: '已协调' };
    case 'remind':
      return who.system ? { type, trigger: m.deadline !== null && today > m.deadline ? 'red' : 'yellow' } : { type, comment: '请抓紧办理' };
    case 'suspend':
      return { type, reason: '等待上级政策' };
    case 'submit_completion':
      return { type, report: '已全部完成', evidenceIds: ['att-9'] };
    case 'approve_completion':
      return { type, approved: true };
    // Closing cannot wait on an open child or an unanswered help request; open milestones are waived.
    case 'review':
      return m.children.some((c) => c.open) || m.pendingHelp
        ? { type, approved: false, comment: '材料不全' }
        : { type, approved: true, checklist: fullChecklist(), waivers: waiversFor(m) };
    case 'recheck':
      return m.children.some((c) => c.open) || m.pendingHelp
        ? { type, passed: false, comment: '现场仍有问题' }
        : { type, passed: true, waivers: waiversFor(m) };
    case 'look_back':
      // `early` only counts before the due day; from then on it is ignored.
      return { type, passed: true, early: true, reason: '群众反映问题有反弹' };
    case 'refer_accountability':
      return { type, ground: 'other', reason: '多次催办仍未落实', recipients: ['discipline_inspection'] };
    case 'add_instruction':
      return { type, text: '请抓紧落实，按期报结。' };
    case 'mark_look_back_due':
      return { type, reason: 'scheduled' };
    case 'recalculate_deadline':
      return { type, year: 2027 };
    case 'link_child':
      return { type, childId: `${m.id}-child-${m.children.length + 1}` };
    case 'unlink_child':
      return { type, childId: m.children[0]?.id ?? 'none' };
    case 'child_closed':
      return { type, childId: m.children.find((c) => c.open)?.id ?? 'none' };
    case 'child_reopened':
      return { type, childId: m.children.find((c) => !c.open)?.id ?? 'none' };
  }
}
