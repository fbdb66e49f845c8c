import { isAdminRole } from '../../../shared/roles';
import type { MatterActionType } from '../../../shared/supervision';
import type { Actor, Matter } from './types';

/**
 * The capacities in which someone acts on one matter. Office roles act on
 * every matter (the repo scopes what they can load); unit roles act only for
 * the unit they belong to.
 */
export type Party = 'supervisor' | 'leader' | 'lead_liaison' | 'co_liaison' | 'lead_head' | 'system';

export function partiesOf(matter: Matter, actor: Actor): Set<Party> {
  const out = new Set<Party>();
  if (actor.system) return out.add('system');
  // 三员 do no business, whatever else an account was (wrongly) given.
  if (actor.roles.some(isAdminRole)) return out;
  const roles = new Set(actor.roles);
  const lead = actor.unitId !== null && actor.unitId === matter.leadUnitId;
  const co = actor.unitId !== null && matter.coUnitIds.includes(actor.unitId);
  if (roles.has('supervisor')) out.add('supervisor');
  if (roles.has('leader')) out.add('leader');
  if (roles.has('liaison') && lead) out.add('lead_liaison');
  if (roles.has('liaison') && co) out.add('co_liaison');
  if (roles.has('unit_head') && lead) out.add('lead_head');
  return out;
}

/**
 * Who may take each action. The office (督查员) runs the loop; the lead
 * unit's liaison speaks for the unit and its head approves what it submits;
 * co-units only report progress; leaders add 批示; the platform does the
 * sweeper's and the parent's bookkeeping.
 */
export const mayTake: Record<MatterActionType, readonly Party[]> = {
  edit_draft: ['supervisor'],
  assign: ['supervisor'],
  accept: ['lead_liaison'],
  return: ['lead_liaison'],
  rule_return: ['supervisor'],
  report_progress: ['lead_liaison', 'co_liaison'],
  request_extension: ['lead_liaison'],
  decide_extension: ['supervisor'],
  request_help: ['lead_liaison'],
  answer_help: ['supervisor'],
  remind: ['supervisor', 'system'],
  suspend: ['supervisor'],
  resume: ['supervisor'],
  submit_completion: ['lead_liaison'],
  approve_completion: ['lead_head'],
  review: ['supervisor'],
  recheck: ['supervisor'],
  look_back: ['supervisor'],
  refer_accountability: ['supervisor'],
  add_instruction: ['leader'],
  escalate: ['system'],
  mark_look_back_due: ['system'],
  recalculate_deadline: ['system'],
  link_child: ['system'],
  unlink_child: ['system'],
  child_closed: ['system'],
  child_reopened: ['system'],
};

/** The capacity the actor uses for this action, or null when they may not take it. */
export function actingAs(matter: Matter, actor: Actor, type: MatterActionType): Party | null {
  const parties = partiesOf(matter, actor);
  return mayTake[type].find((p) => parties.has(p)) ?? null;
}
