import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matterActionTypes, type MatterActionType } from '../../../shared/supervision';
import { addDays, chinaDateOf, type IsoDate } from '../calendar/dates';
import type { MatterAction } from './actions';
import { clockStates, light } from './clock';
import { allowedActions, decide } from './decide';
import { deadlineChangeOf, type MatterEvent } from './events';
import { replay } from './evolve';
import { computeAllStats } from './stats';
import { sweep } from './sweep';
import { at, calendar, cast, Story, validAction, type CastName } from './test-fixtures';
import type { Actor, Matter } from './types';

const names = Object.keys(cast) as CastName[];
const units = ['edu', 'agri', 'fin'];
const children = ['K1', 'K2'];

/** A payload for the action, varied by `v`: either outcome of a decision, sometimes a bad value. */
function payload(m: Matter, type: MatterActionType, who: Actor, today: IsoDate, v: number): MatterAction {
  const base = validAction(m, type, who, today);
  const pick = <T>(list: readonly T[]): T => list[v % list.length]!;
  const later = addDays(m.deadline && m.deadline > today ? m.deadline : today, (v % 20) + 1);
  const rework = v % 3 === 0 ? { deadline: later } : {};
  switch (type) {
    case 'rule_return':
      if (v % 2) return base;
      return { type, justified: true, leadUnitId: pick(units), comment: '研判', ...(v % 4 === 1 ? { deadlineRule: { kind: 'working_days', days: 5 } } : {}) };
    case 'request_extension':
      return { type, deadline: addDays(m.deadline ?? today, v % 15), reason: '理由' };
    case 'decide_extension':
      return v % 2 ? { type, approved: false, comment: '不同意' } : v % 4 ? base : { type, approved: true, deadline: later };
    case 'approve_completion':
      return v % 3 ? base : { type, approved: false, comment: '材料不全' };
    case 'review':
      return v % 2 ? base : { type, approved: false, comment: '退回重办', ...rework };
    case 'recheck':
      return v % 2 ? base : { type, passed: false, comment: '复核未通过', ...rework };
    case 'look_back':
      return v % 2 ? base : { type, passed: false, comment: '问题反弹', ...rework };
    case 'resume':
      return v % 2 ? base : { type, deadline: later };
    case 'report_progress':
      return { type, text: '进展', milestonesDone: v % 2 ? ['ms1'] : [] };
    case 'link_child':
    case 'unlink_child':
    case 'child_closed':
    case 'child_reopened':
      return { type, childId: pick(children) };
    case 'remind':
      return who.system ? { type, trigger: pick(['yellow', 'red', 'progress_late'] as const) } : base;
    default:
      return base;
  }
}

const sideActions = new Set<MatterActionType>([
  'edit_draft',
  'add_instruction',
  'refer_accountability',
  'remind',
  'link_child',
  'unlink_child',
  'mark_look_back_due',
]);

const step = fc.record({
  // mostly an action someone may take, sometimes any action at all, sometimes the sweeper
  kind: fc.oneof(
    { arbitrary: fc.constant('allowed' as const), weight: 7 },
    { arbitrary: fc.constant('any' as const), weight: 2 },
    { arbitrary: fc.constant('sweep' as const), weight: 1 },
  ),
  who: fc.nat(),
  pick: fc.nat(),
  v: fc.nat(),
  minutes: fc.integer({ min: 1, max: 36 * 60 }),
});

function checkStep(prev: Matter, next: Matter, events: MatterEvent[]) {
  expect(events).toHaveLength(1);
  const e = events[0]!;
  expect([e.seq, next.version, next.state]).toEqual([prev.version + 1, prev.version + 1, e.state]);
  // A deadline moves only through an event that records both dates.
  const change = deadlineChangeOf(e);
  if (next.deadline !== prev.deadline) expect(change).toEqual({ oldDeadline: prev.deadline, newDeadline: next.deadline });
  if (change) expect(change.newDeadline).toBe(next.deadline);
  // …and only later, except when a justified return starts a new assignment.
  const newAssignment = e.type === 'assigned' || (e.type === 'return_ruled' && e.payload.justified);
  if (prev.deadline !== null && !newAssignment) expect(next.deadline! >= prev.deadline).toBe(true);
  if (next.originalDeadline !== prev.originalDeadline) expect(newAssignment).toBe(true);
  // A closed matter has an approved completion, and it closed with every sub-matter closed
  // (a child reopened later by its own look-back leaves the parent closed).
  if (next.state === 'closed') {
    expect(next.completion?.approvedAt).toBeTruthy();
    expect(next.completedOn).not.toBeNull();
    expect(next.closedAt).not.toBeNull();
    if (prev.state !== 'closed') expect(next.children.every((c) => !c.open)).toBe(true);
    // …and with every milestone done or waived with a reason, and no help request left unanswered.
    expect(next.milestones.every((ms) => ms.doneAt || ms.waived?.reason)).toBe(true);
    if (prev.state !== 'closed') expect(next.pendingHelp).toBeNull();
  }
}

function checkCounts(m: Matter, log: MatterEvent[], asOf: IsoDate) {
  const stats = [...computeAllStats([log], { from: '2000-01-01', to: asOf, asOf }, calendar).values()];
  const sum = (k: 'returns' | 'extensions' | 'recheckFailures' | 'lookBackFailures' | 'closed') => stats.reduce((s, x) => s + x[k], 0);
  expect(sum('returns')).toBe(m.counts.returns);
  expect(sum('extensions')).toBe(m.counts.extensions);
  expect(sum('recheckFailures')).toBe(m.counts.recheckFailures + m.counts.reopens);
  expect(sum('lookBackFailures')).toBe(m.counts.reopens);
  expect(sum('closed')).toBe(log.some((e) => e.state === 'closed') ? 1 : 0);
  for (const s of stats) {
    expect(s.closedOnTimeOriginal).toBeLessThanOrEqual(s.closedOnTimeApproved);
    expect(s.closedOnTimeApproved).toBeLessThanOrEqual(s.closed);
    if (s.onTimeRate !== null) expect(s.onTimeRate).toBeGreaterThanOrEqual(0);
  }
}

describe('the matter loop under random actions by random people', () => {
  it('keeps its invariants; allowedActions agrees with decide; replay and statistics agree with the snapshot', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 120, size: 'max' }), (cadence, steps) => {
        const s = Story.open({
          recheckRequired: cadence,
          progressCadenceDays: cadence ? 5 : null,
          milestones: [{ id: 'ms1', title: '节点', deadline: '2026-03-10' }],
        });
        let now = at('2026-03-02');
        for (const st of steps) {
          now = new Date(now.getTime() + st.minutes * 60_000);
          const today = chinaDateOf(now);
          const m = s.matter;
          if (st.kind === 'sweep') {
            for (const a of sweep(m, today, calendar)) s.act('system', a, now);
            expect(sweep(s.matter, today, calendar)).toEqual([]);
            continue;
          }
          let who = names[st.who % names.length]!;
          let type: MatterActionType = matterActionTypes[st.pick % matterActionTypes.length]!;
          if (st.kind === 'allowed') {
            // Weighted towards the actions that move the loop, so runs reach review, recheck and look-back.
            const options = names.flatMap((n) =>
              allowedActions(m, cast[n], now, calendar).flatMap((t) => Array<[CastName, MatterActionType]>(sideActions.has(t) ? 1 : 8).fill([n, t])),
            );
            if (options.length) [who, type] = options[st.pick % options.length]!;
          }
          const actor = cast[who];
          const allowed = allowedActions(m, actor, now, calendar);
          for (const t of matterActionTypes) {
            if (!allowed.includes(t)) expect(decide(m, validAction(m, t, actor, today), actor, now, calendar).ok).toBe(false);
          }
          const d = decide(m, payload(m, type, actor, today, st.v), actor, now, calendar);
          if (!d.ok) {
            expect(d.message).toMatch(/[\u4e00-\u9fff]/);
            continue;
          }
          expect(allowed).toContain(type);
          checkStep(m, d.next, d.events);
          s.matter = d.next;
          s.log.push(...d.events);
          const lit = s.matter.deadline !== null && [...clockStates, 'reviewing', 'rechecking'].includes(s.matter.state);
          expect(light(s.matter, today, calendar) !== 'none').toBe(lit);
        }
        expect(replay(s.log)).toEqual(s.matter);
        checkCounts(s.matter, s.log, chinaDateOf(now));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
