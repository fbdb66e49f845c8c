import { describe, expect, it } from 'vitest';
import { matterActionTypes, userActionTypes, type UserActionType } from '../../../shared/supervision';
import { allowedActions, decide, refusedActions } from './decide';
import { actingAs, mayTake, type Party } from './policy';
import { statesFor } from './preconditions';
import { at, calendar, cast, scenario, scenarioDay, scenarios, validAction, type CastName, type Scenario } from './test-fixtures';

/** The one actor each action is meant for in the fixtures. */
const properActor: Record<UserActionType, CastName> = {
  edit_draft: 'supervisor',
  assign: 'supervisor',
  accept: 'leadLiaison',
  return: 'leadLiaison',
  rule_return: 'supervisor',
  report_progress: 'leadLiaison',
  request_extension: 'leadLiaison',
  decide_extension: 'supervisor',
  request_help: 'leadLiaison',
  answer_help: 'supervisor',
  remind: 'supervisor',
  suspend: 'supervisor',
  resume: 'supervisor',
  submit_completion: 'leadLiaison',
  approve_completion: 'leadHead',
  review: 'supervisor',
  recheck: 'supervisor',
  look_back: 'supervisor',
  refer_accountability: 'supervisor',
  add_instruction: 'leader',
};

const always: UserActionType[] = ['refer_accountability', 'add_instruction'];

/** The state × action table: what the right person may do in each scenario. Everything else is refused. */
const allowed: Record<Scenario, UserActionType[]> = {
  draft: ['edit_draft', 'assign', 'add_instruction'],
  assigned: ['accept', 'return', 'remind', ...always],
  assessing: ['rule_return', ...always],
  in_progress: ['report_progress', 'request_extension', 'request_help', 'remind', 'suspend', 'submit_completion', ...always],
  in_progress_asking: ['report_progress', 'decide_extension', 'answer_help', 'remind', 'suspend', 'submit_completion', ...always],
  in_progress_submitted: ['report_progress', 'request_help', 'remind', 'suspend', 'approve_completion', ...always],
  suspended: ['resume', ...always],
  reviewing: ['review', ...always],
  rechecking: ['recheck', ...always],
  closed: ['look_back', ...always],
};

const now = at(scenarioDay);

describe('every state × action pair, by the right person', () => {
  for (const name of scenarios) {
    const { matter } = scenario(name);
    for (const type of userActionTypes) {
      const expected = allowed[name].includes(type);
      it(`${name} · ${type}: ${expected ? 'allowed' : 'refused'}`, () => {
        const who = cast[properActor[type]];
        const d = decide(matter, validAction(matter, type, who, scenarioDay), who, now, calendar);
        expect(d.ok).toBe(expected);
        if (!d.ok) {
          expect(d.code).toBe('RULE_VIOLATION');
          expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        } else {
          expect(d.events).toHaveLength(1);
          expect(d.next.version).toBe(matter.version + 1);
        }
        expect(allowedActions(matter, who, now, calendar).includes(type)).toBe(expected);
      });
    }
  }
});

/** The capacities each person in the cast has on the fixture matter (lead edu, co-unit fin). */
const capacities: Record<CastName, Party[]> = {
  supervisor: ['supervisor'],
  leader: ['leader'],
  staff: [],
  leadLiaison: ['lead_liaison'],
  leadHead: ['lead_head'],
  coLiaison: ['co_liaison'],
  coHead: [],
  otherLiaison: [],
  otherHead: [],
  sysadmin: [],
  secadmin: [],
  auditor: [],
  system: ['system'],
};

describe('who may: each allowed action, by everyone in the cast', () => {
  for (const name of scenarios) {
    const { matter } = scenario(name);
    for (const type of allowed[name]) {
      it(`${name} · ${type}`, () => {
        for (const [who, parties] of Object.entries(capacities) as [CastName, Party[]][]) {
          const may = mayTake[type].some((p) => parties.includes(p));
          const d = decide(matter, validAction(matter, type, cast[who], scenarioDay), cast[who], now, calendar);
          expect({ who, ok: d.ok }).toEqual({ who, ok: may });
          if (!d.ok) expect(d.code).toBe('FORBIDDEN');
        }
      });
    }
  }

  it('admins (三员) and office staff may do nothing at all', () => {
    for (const name of scenarios) {
      const { matter } = scenario(name);
      for (const who of ['sysadmin', 'secadmin', 'auditor', 'staff', 'otherLiaison', 'otherHead', 'coHead'] as const) {
        expect(allowedActions(matter, cast[who], now, calendar)).toEqual([]);
      }
    }
  });

  it('an admin role voids business roles held by the same (misconfigured) account', () => {
    const { matter } = scenario('reviewing');
    const mixed = { userId: 'x', roles: ['supervisor', 'auditor'] as const, unitId: 'office' };
    expect(allowedActions(matter, { ...mixed, roles: [...mixed.roles] }, now, calendar)).toEqual([]);
  });
});

describe('allowedActions agrees with decide for every actor, action and scenario', () => {
  it('listed ⇒ succeeds with a suitable payload; not listed ⇒ refused', () => {
    for (const name of scenarios) {
      const { matter } = scenario(name);
      for (const who of Object.keys(cast) as CastName[]) {
        const list = allowedActions(matter, cast[who], now, calendar);
        for (const type of matterActionTypes) {
          const d = decide(matter, validAction(matter, type, cast[who], scenarioDay), cast[who], now, calendar);
          expect({ name, who, type, ok: d.ok }).toEqual({ name, who, type, ok: list.includes(type) });
        }
      }
    }
  });

  it('the system never gets a person’s actions, nor a person the system’s', () => {
    const { matter } = scenario('in_progress');
    const sys = allowedActions(matter, cast.system, now, calendar);
    expect(sys).toEqual(expect.arrayContaining(['remind', 'link_child']));
    expect(sys.filter((t) => (userActionTypes as readonly string[]).includes(t) && t !== 'remind')).toEqual([]);
    expect(allowedActions(matter, cast.supervisor, now, calendar)).not.toContain('link_child');
  });

  it('an unknown action is a validation error, not a crash', () => {
    const { matter } = scenario('in_progress');
    const d = decide(matter, { type: 'delete' } as never, cast.supervisor, now, calendar);
    expect(d).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('refusedActions: the reason for every action the caller could take in another state, exactly as decide says it', () => {
  it('allowed and refused together are the actions policy gives the caller; each refusal is decide’s own answer', () => {
    for (const name of scenarios) {
      const { matter } = scenario(name);
      for (const who of Object.keys(cast) as CastName[]) {
        const actor = cast[who];
        const allowedNow = allowedActions(matter, actor, now, calendar);
        const refused = refusedActions(matter, actor, now, calendar);
        const mine = matterActionTypes.filter((t) => actingAs(matter, actor, t) !== null);
        expect([...allowedNow, ...refused.map((r) => r.action)].sort(), `${name} · ${who}`).toEqual([...mine].sort());
        for (const r of refused) {
          const d = decide(matter, validAction(matter, r.action, actor, scenarioDay), actor, now, calendar);
          expect({ name, who, action: r.action, d }).toEqual({ name, who, action: r.action, d: { ok: false, code: r.code, message: r.reason } });
          expect(r.kind).toBe(statesFor[r.action].includes(matter.state) ? 'condition' : 'state');
        }
      }
    }
  });

  it('names the domain’s reason where the state alone would allow the action', () => {
    const s = scenario('in_progress_asking');
    const refused = refusedActions(s.matter, cast.leadLiaison, now, calendar);
    expect(refused).toContainEqual({ action: 'request_extension', code: 'RULE_VIOLATION', reason: '已有待审批的延期申请', kind: 'condition' });
    expect(refused).toContainEqual({ action: 'request_help', code: 'RULE_VIOLATION', reason: '已有待答复的督帮申请', kind: 'condition' });
    const late = scenario('in_progress');
    const after = refusedActions(late.matter, cast.leadLiaison, at('2026-03-24'), calendar);
    expect(after).toContainEqual({ action: 'request_extension', code: 'RULE_VIOLATION', reason: '办理时限已过，延期须在时限届满前申请', kind: 'condition' });
  });
});
