import crypto from 'node:crypto';
import { AppError } from '../../errors';
import { chinaDateOf, type IsoDate } from '../../domain/calendar/dates';
import type { WorkCalendar } from '../../domain/calendar/work-calendar';
import {
  applyEvent,
  decide,
  openMatter,
  precondition,
  type Actor,
  type Decision,
  type Matter,
  type MatterAction,
  type MatterEvent,
  type MatterPlan,
} from '../../domain/supervision';
import { reviewChecklistItems, type MatterActionType, type ReviewChecklist } from '../../../shared/supervision';
import type { ImportRow } from './excel-rows';

/** A matter built in memory from one row: its final snapshot and the whole event log that produced it. */
export interface BuiltMatter {
  row: ImportRow;
  matter: Matter;
  events: MatterEvent[];
  /** assigned today: the units hear of it as of any new assignment; history is not announced again */
  announce: boolean;
}

export const IMPORTED = '由 Excel 导入';
/** Marks the steps the office records on the unit's behalf (see recordForUnit). */
export const RECORDED_FOR_UNIT = '历史数据导入：据原台账由督查员代为记录';
/** The office's own review of a historical matter, as the old ledger records it closed. */
export const RECORDED_REVIEW = '历史数据导入：原台账记载已办结';

const fullChecklist = Object.fromEntries(reviewChecklistItems.map((i) => [i, true])) as ReviewChecklist;

/** A step of a historical matter happened on its day: 09:00 China time for the assignment, 17:00 for the closure. */
const onDay = (day: IsoDate, time: string) => new Date(`${day}T${time}:00+08:00`);

function must(d: Decision): Extract<Decision, { ok: true }> {
  if (!d.ok) throw new AppError(d.code, d.message);
  return d;
}

type UnitStep =
  | { type: 'accept'; event: { type: 'accepted'; payload: Record<string, never> } }
  | { type: 'submit_completion'; event: { type: 'completion_submitted'; payload: { report: string; evidenceIds: string[]; extensionWithdrawn: null } } }
  | { type: 'approve_completion'; event: { type: 'completion_decided'; payload: { approved: true } } };

/**
 * The unit's own steps of a historical matter (签收, 报结, 单位审批). The
 * domain's policy lets only the lead unit's liaison and head take them, and
 * 报结 needs evidence files the old ledger does not have. Nobody from the
 * unit is here to act, and the office must not pose as them, so the step
 * is recorded as what it is: an event by the importing supervisor, marked
 * as recorded from the old ledger, appended only where the domain's state
 * rules (precondition) allow that step, and applied with the domain's own
 * applyEvent so the snapshot is exactly what replay() gives.
 */
function recordForUnit(m: Matter, step: UnitStep, by: Actor, at: Date, calendar: WorkCalendar): { next: Matter; event: MatterEvent } {
  const why = precondition(m, step.type as MatterActionType, chinaDateOf(at), calendar);
  if (why) throw new AppError('RULE_VIOLATION', why);
  const nextState = step.type === 'approve_completion' ? 'reviewing' : step.type === 'accept' ? 'in_progress' : m.state;
  const event = {
    ...step.event,
    matterId: m.id,
    seq: m.version + 1,
    actorId: by.userId,
    at: at.toISOString(),
    state: nextState,
    comment: RECORDED_FOR_UNIT,
  } as MatterEvent;
  return { next: applyEvent(m, event), event };
}

/**
 * Builds one row's matter through the domain, each step dated when it
 * happened: 立项 and 交办 on the 交办日期 (so the deadline is checked against
 * that day, not today), 签收 the same day, and for a closed matter 报结,
 * 单位审批 and 审核通过 on the 办结日期. Without a 交办日期 everything happens
 * now, exactly as through the API. A refusal by the domain is thrown as the
 * AppError the API would answer.
 */
export function buildMatter(r: ImportRow, supervisor: Actor, now: Date, calendar: WorkCalendar): BuiltMatter {
  const today = chinaDateOf(now);
  const assignedAt = r.assignedOn && r.assignedOn < today ? onDay(r.assignedOn, '09:00') : now;
  const plan: MatterPlan = {
    title: r.title,
    source: r.source,
    priority: r.priority,
    categories: r.categories,
    leadUnitId: r.leadUnitId,
    coUnitIds: r.coUnitIds,
    deadlineRule: { kind: 'date', date: r.deadline },
    milestones: [],
    progressCadenceDays: null,
    recheckRequired: false,
    instructingLeaderId: r.leaderId,
  };
  const opened = must(openMatter({ id: crypto.randomUUID(), plan, comment: IMPORTED }, supervisor, assignedAt));
  let m = opened.next;
  const events = [...opened.events];
  const office = (action: MatterAction, at: Date) => {
    const d = must(decide(m, action, supervisor, at, calendar));
    m = d.next;
    events.push(...d.events);
  };
  const unit = (step: UnitStep, at: Date) => {
    const d = recordForUnit(m, step, supervisor, at, calendar);
    m = d.next;
    events.push(d.event);
  };
  const announce = assignedAt === now;
  if (r.state === 'draft') return { row: r, matter: m, events, announce: false };
  office({ type: 'assign', comment: IMPORTED }, assignedAt);
  if (r.state === 'assigned') return { row: r, matter: m, events, announce };
  unit({ type: 'accept', event: { type: 'accepted', payload: {} } }, assignedAt);
  if (r.state === 'in_progress' || !r.closedOn) return { row: r, matter: m, events, announce };

  const closedAt = r.closedOn === today ? now : onDay(r.closedOn, '17:00');
  const at = closedAt < assignedAt ? assignedAt : closedAt;
  const report = `历史事项，${r.closedOn} 办结。原台账未附佐证材料。`;
  unit({ type: 'submit_completion', event: { type: 'completion_submitted', payload: { report, evidenceIds: [], extensionWithdrawn: null } } }, at);
  unit({ type: 'approve_completion', event: { type: 'completion_decided', payload: { approved: true } } }, at);
  office({ type: 'review', approved: true, checklist: fullChecklist, comment: RECORDED_REVIEW }, at);
  // Already closed: there is nothing for the unit to do, so nothing to announce.
  return { row: r, matter: m, events, announce: false };
}
