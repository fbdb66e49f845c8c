import { isAdminRole } from '../../../shared/roles';
import { matterActionLabels, matterActionTypes, type MatterActionType } from '../../../shared/supervision';
import { AppError } from '../../errors';
import { chinaDateOf } from '../calendar/dates';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { MatterAction } from './actions';
import { defaultSupervisionSettings, type SupervisionSettings } from './clock';
import { broken, type CommandContext, type EventDraft } from './command-context';
import type { MatterEvent } from './events';
import { applyEvent, replay } from './evolve';
import * as office from './office-commands';
import { actingAs } from './policy';
import { precondition, statesFor } from './preconditions';
import * as system from './system-commands';
import type { Actor, Matter, MatterPlan, Refusal } from './types';
import * as unit from './unit-commands';
import { optionalText, requireId, requireIds, requireText, validatePlan } from './validate';

/** The outcome of an action: the matter after it and the event(s) to append, or a refusal. */
export type Decision = { ok: true; next: Matter; events: MatterEvent[] } | Refusal;

const refusalCodes = new Set<string>(['FORBIDDEN', 'RULE_VIOLATION', 'VALIDATION_FAILED', 'CLASSIFIED_CONTENT']);

function refuse(code: Refusal['code'], message: string, fields?: Refusal['fields']): Refusal {
  return fields ? { ok: false, code, message, fields } : { ok: false, code, message };
}

/** Runs a step that signals refusal by throwing AppError (as the calendar and validators do). */
function guarded(step: () => Decision): Decision {
  try {
    return step();
  } catch (e) {
    if (e instanceof AppError && refusalCodes.has(e.code)) return refuse(e.code as Refusal['code'], e.message, e.details as Refusal['fields']);
    throw e;
  }
}

function command(ctx: CommandContext, a: MatterAction): EventDraft {
  const m = ctx.matter;
  switch (a.type) {
    case 'edit_draft':
      return office.editDraft(ctx, a);
    case 'assign':
      return office.assign(ctx);
    case 'accept':
      return { type: 'accepted', payload: {}, state: 'in_progress' };
    case 'return':
      return {
        type: 'returned',
        payload: { unitId: m.leadUnitId ?? '', reason: requireText(a.reason, '退回理由') },
        state: 'assessing',
      };
    case 'rule_return':
      return office.ruleReturn(ctx, a);
    case 'report_progress':
      return unit.reportProgress(ctx, a);
    case 'request_extension':
      return unit.requestExtension(ctx, a);
    case 'decide_extension':
      return office.decideExtension(ctx, a);
    case 'request_help':
      return { type: 'help_requested', payload: { text: requireText(a.text, '需要协调解决的问题') }, state: m.state };
    case 'answer_help':
      return { type: 'help_answered', payload: { text: requireText(a.text, '督帮答复') }, state: m.state };
    case 'remind':
      return system.remind(ctx, a);
    case 'suspend':
      return { type: 'suspended', payload: { reason: requireText(a.reason, '暂缓理由'), on: ctx.today }, state: 'suspended' };
    case 'resume':
      return office.resume(ctx, a);
    case 'submit_completion':
      return unit.submitCompletion(ctx, a);
    case 'approve_completion':
      return unit.approveCompletion(ctx, a);
    case 'review':
      return office.review(ctx, a);
    case 'recheck':
      return office.recheck(ctx, a);
    case 'look_back':
      return office.lookBack(ctx, a);
    case 'refer_accountability':
      return office.referAccountability(ctx, a);
    case 'add_instruction': {
      const text = requireText(a.text, '批示内容');
      const unitIds = a.unitIds === undefined ? [] : requireIds(a.unitIds, '批示点名单位');
      return { type: 'instruction_added', payload: unitIds.length ? { text, unitIds } : { text }, state: m.state };
    }
    case 'escalate':
      return system.escalate(ctx);
    case 'mark_look_back_due':
      return system.markLookBackDue(ctx, a);
    case 'recalculate_deadline':
      return system.recalculateDeadline(ctx, a);
    case 'link_child':
    case 'unlink_child':
    case 'child_closed':
    case 'child_reopened':
      return system.childAction(ctx, a);
  }
}

function stamp(m: Matter, draft: EventDraft, actor: Actor, now: Date, a: Pick<MatterAction, 'comment' | 'attachmentIds'>): MatterEvent {
  const comment = optionalText(a.comment, '意见');
  const attachmentIds = a.attachmentIds === undefined ? undefined : requireIds(a.attachmentIds, '附件');
  return {
    ...draft,
    matterId: m.id,
    seq: m.version + 1,
    actorId: actor.userId,
    at: now.toISOString(),
    ...(comment === undefined ? {} : { comment }),
    ...(attachmentIds?.length ? { attachmentIds } : {}),
  } as MatterEvent;
}

const isActionType = (t: unknown): t is MatterActionType => (matterActionTypes as readonly unknown[]).includes(t);

/**
 * The first check of `decide` on its own: may this actor take this action on
 * this matter at all? The service asks it before comparing versions, so a
 * caller who may not act is told so (403), not to refresh and retry (409).
 */
export function whoRefusal(matter: Matter, actor: Actor, type: unknown): Refusal | null {
  if (!isActionType(type)) return refuse('VALIDATION_FAILED', '未知的操作');
  return actingAs(matter, actor, type) ? null : refuse('FORBIDDEN', `您无权对此事项执行“${matterActionLabels[type]}”`);
}

/**
 * The one transition function of the matter loop. Checks, in order: who
 * (policy, FORBIDDEN), whether the matter's state allows it
 * (RULE_VIOLATION), then the payload (VALIDATION_FAILED, RULE_VIOLATION,
 * CLASSIFIED_CONTENT). On success the action is exactly one event, and
 * `next` is that event applied to the matter. Pure: `now`, the calendar and
 * the 督办设置 (the look-back's due day) are given, nothing is read or written.
 */
export function decide(
  matter: Matter,
  action: MatterAction,
  actor: Actor,
  now: Date,
  calendar: WorkCalendar,
  settings: SupervisionSettings = defaultSupervisionSettings,
): Decision {
  return guarded(() => {
    const who = whoRefusal(matter, actor, action?.type);
    if (who) return who;
    const party = actingAs(matter, actor, action.type)!;
    const today = chinaDateOf(now);
    const why = precondition(matter, action.type, today, calendar);
    if (why) return refuse('RULE_VIOLATION', why);
    const draft = command({ matter, actor, party, now, today, calendar, settings }, action);
    const event = stamp(matter, draft, actor, now, action);
    return { ok: true, next: applyEvent(matter, event), events: [event] };
  });
}

/**
 * The actions this actor may take on this matter now, for the API to return
 * and the UI to show. Every one succeeds with a suitable payload; every
 * other action is refused whatever the payload (tested).
 */
export function allowedActions(matter: Matter, actor: Actor, now: Date, calendar: WorkCalendar): MatterActionType[] {
  const today = chinaDateOf(now);
  return matterActionTypes.filter((t) => actingAs(matter, actor, t) !== null && precondition(matter, t, today, calendar) === null);
}

/** An action the caller could take in some state of this matter but not now, and why. */
export interface ActionRefusal {
  action: MatterActionType;
  code: 'RULE_VIOLATION';
  /** exactly decide()'s message for this action now (precondition()) */
  reason: string;
  /**
   * `state`: this state does not allow it at all (the reason names the state);
   * `condition`: the state would, but something about the matter does not yet
   * (a deadline passed, a request already pending …)
   */
  kind: 'state' | 'condition';
}

/**
 * The actions the caller's capacities allow (policy) that the matter refuses
 * now, with decide()'s own reason, so the UI can say why a button is not
 * there instead of hiding it silently. With allowedActions it covers every
 * action the caller may ever take on this matter.
 */
export function refusedActions(matter: Matter, actor: Actor, now: Date, calendar: WorkCalendar): ActionRefusal[] {
  const today = chinaDateOf(now);
  return matterActionTypes.flatMap((action) => {
    if (actingAs(matter, actor, action) === null) return [];
    const reason = precondition(matter, action, today, calendar);
    if (reason === null) return [];
    const kind = statesFor[action].includes(matter.state) ? 'condition' : 'state';
    return [{ action, code: 'RULE_VIOLATION' as const, reason, kind }];
  });
}

export interface OpenMatterInput {
  id: string;
  plan: MatterPlan;
  /** set when splitting: the parent then records link_child in the same transaction */
  parentId?: string | null;
  comment?: string;
}

/**
 * Who may open a draft: the supervisor (立项), and for a 领导批示 that is not
 * yet a matter (录入批示) a leader recording their own or the office staff
 * naming the leader; the draft then waits for the supervisor's 研判, who
 * alone completes and assigns it.
 */
function openRefusal(plan: MatterPlan | undefined, actor: Actor): Refusal | null {
  if (actor.system || actor.roles.some(isAdminRole)) return refuse('FORBIDDEN', '只有督查员可以立项');
  if (actor.roles.includes('supervisor')) return null;
  const leader = actor.roles.includes('leader');
  if (plan?.source !== 'instruction' || !(leader || actor.roles.includes('staff'))) return refuse('FORBIDDEN', '只有督查员可以立项');
  if (!plan.instructingLeaderId) return refuse('VALIDATION_FAILED', '请选择作出批示的领导', [{ field: 'instructingLeaderId', message: '请选择作出批示的领导' }]);
  if (leader && !actor.roles.includes('staff') && plan.instructingLeaderId !== actor.userId) {
    return refuse('FORBIDDEN', '领导只能录入本人的批示；代领导录入请由办公室工作人员办理');
  }
  return null;
}

/** 立项 (or 录入批示, see openRefusal): a draft. Its `opened` event is the first of the log replay() reads. */
export function openMatter(input: OpenMatterInput, actor: Actor, now: Date): Decision {
  return guarded(() => {
    const who = openRefusal(input?.plan, actor);
    if (who) return who;
    const id = requireId(input.id, '事项标识');
    const parentId = input.parentId === undefined || input.parentId === null ? null : requireId(input.parentId, '上级事项');
    if (parentId === id) throw broken('事项不能是自己的子事项');
    const plan = validatePlan(input.plan, chinaDateOf(now));
    const comment = optionalText(input.comment, '意见');
    const event: MatterEvent = {
      type: 'opened',
      matterId: id,
      seq: 1,
      actorId: actor.userId,
      at: now.toISOString(),
      state: 'draft',
      payload: { plan, parentId },
      ...(comment === undefined ? {} : { comment }),
    };
    return { ok: true, next: replay([event]), events: [event] };
  });
}
