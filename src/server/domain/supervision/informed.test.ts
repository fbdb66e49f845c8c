import { describe, expect, it } from 'vitest';
import { openMatter } from './decide';
import { eventsForInformed, informedUnitsOf } from './informed';
import { at, cast, plan, scenario } from './test-fixtures';

const unitOf = (actorId: string) => Object.values(cast).find((a) => a.userId === actorId)?.unitId ?? null;

/** edu returns, the ruling sends the matter to agri, agri accepts and reports; a leader's 批示 names fin. */
function returnedToAgri() {
  return scenario('assessing')
    .act('supervisor', { type: 'rule_return', justified: true, leadUnitId: 'agri', coUnitIds: [], comment: '确属农业农村局职责' }, at('2026-03-04'))
    .act('otherLiaison', { type: 'accept' }, at('2026-03-05'))
    .act('otherLiaison', { type: 'report_progress', text: '农业农村局已部署' }, at('2026-03-05', 5))
    .act('leader', { type: 'add_instruction', text: '请财政局保障经费', unitIds: ['fin'] }, at('2026-03-05', 10));
}

describe('units kept informed', () => {
  it('a justified ruling keeps the former lead unit informed; a 批示 naming units keeps them informed', () => {
    const s = returnedToAgri();
    const grants = s.log.flatMap(informedUnitsOf);
    expect(grants).toEqual([
      { unitId: 'edu', reason: 'former_lead', seq: 4 },
      { unitId: 'fin', reason: 'named', seq: 7 },
    ]);
  });

  it('an unjustified ruling and a 批示 naming nobody grant nothing', () => {
    const s = scenario('assessing')
      .act('supervisor', { type: 'rule_return', justified: false, comment: '属于本单位职责' }, at('2026-03-04'))
      .act('leader', { type: 'add_instruction', text: '请抓紧' }, at('2026-03-04', 5));
    expect(s.log.flatMap(informedUnitsOf)).toEqual([]);
    expect(s.log.at(-1)!.payload).toEqual({ text: '请抓紧' });
  });

  it('the former lead unit reads its assignment, its return and the ruling — not the new unit’s work', () => {
    const s = returnedToAgri();
    const seen = eventsForInformed(s.log, [{ unitId: 'edu', reason: 'former_lead', seq: 4 }], unitOf);
    expect(seen.map((e) => e.type)).toEqual(['assigned', 'returned', 'return_ruled']);
  });

  it('a named unit reads the 批示 naming it and nothing else', () => {
    const s = returnedToAgri();
    expect(eventsForInformed(s.log, [{ unitId: 'fin', reason: 'named', seq: 7 }], unitOf).map((e) => e.type)).toEqual(['instruction_added']);
    expect(eventsForInformed(s.log, [], unitOf)).toEqual([]);
  });
});

describe('录入批示: a draft for the supervisor’s 研判', () => {
  const instruction = plan({ source: 'instruction', leadUnitId: null, coUnitIds: [], deadlineRule: null, instructingLeaderId: 'shuji' });

  it('the office staff records a leader’s 批示, naming the leader; a leader records their own', () => {
    expect(openMatter({ id: 'M-8', plan: instruction }, cast.staff, at('2026-03-02'))).toMatchObject({ ok: true, next: { state: 'draft', source: 'instruction' } });
    expect(openMatter({ id: 'M-8', plan: instruction }, cast.leader, at('2026-03-02'))).toMatchObject({ ok: true });
  });

  it('refuses anything but a 批示, a 批示 without its leader, a leader recording another’s, and unit roles', () => {
    expect(openMatter({ id: 'M-8', plan: { ...instruction, source: 'meeting_decision' } }, cast.staff, at('2026-03-02'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(openMatter({ id: 'M-8', plan: { ...instruction, instructingLeaderId: null } }, cast.staff, at('2026-03-02'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'instructingLeaderId' }],
    });
    expect(openMatter({ id: 'M-8', plan: { ...instruction, instructingLeaderId: 'another-leader' } }, cast.leader, at('2026-03-02'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(openMatter({ id: 'M-8', plan: instruction }, cast.leadLiaison, at('2026-03-02'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(openMatter({ id: 'M-8', plan: instruction }, cast.sysadmin, at('2026-03-02'))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
