import { uploadEvidence } from '../../../../test/support/evidence';
import { expect } from 'vitest';
import type { Client, TestContext } from '../../../../test/support/app';
import type { TestOrg } from '../../../../test/support/factories';

/**
 * A March 2026 of unit A (部门甲), driven through the API with the clock set
 * for each step, so the statistics have exact expected figures:
 *  - onTime: assigned 03-02 for 10 working days (due 03-16), completed and closed 03-10 — on time, 6 working days;
 *  - late: assigned 03-02 for 3 working days (due 03-05), accepted, never completed — overdue from 03-06;
 *  - returned: assigned 03-02 due 04-30, returned by the unit, ruled unjustified — one return, still open, green.
 */
export const checklist = {
  facts_clear: true,
  problem_solved: true,
  task_done: true,
  conclusion_sound: true,
  measures_lawful: true,
  paperwork_correct: true,
};

type MatterRef = { id: string; version: number };

export const act = async (c: Client, m: MatterRef, action: string, body: Record<string, unknown> = {}) => {
  const r = await c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json() as MatterRef & Record<string, unknown>;
};

async function create(c: Client, org: TestOrg, title: string, deadline: unknown) {
  const r = await c.post('/api/v1/matters', {
    title: `${title}${org.tag}`,
    requirement: '按要求办理并报送结果',
    source: 'meeting_decision',
    leadUnitId: org.deptAId,
    deadline,
    assign: true,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as MatterRef & { code: string; title: string };
}

export async function driveMarch(ctx: TestContext, org: TestOrg) {
  ctx.clock.set('2026-03-02T09:00:00+08:00');
  let [sup, liaison] = [await org.login('supervisor'), await org.login('liaisonA')];
  const onTime = await create(sup, org, '落实县委常委会议定事项', { kind: 'working_days', days: 10 });
  const late = await create(sup, org, '整改督查发现问题', { kind: 'working_days', days: 3 });
  const returned = await create(sup, org, '办理群众诉求', { kind: 'date', date: '2026-04-30' });
  let m1 = await act(liaison, onTime, 'accept');
  await act(liaison, late, 'accept');
  const r = await act(liaison, returned, 'return', { reason: '不属于本单位职责' });
  await act(sup, r, 'rule_return', { justified: false, comment: '属于本单位职责，请继续办理' });

  ctx.clock.set('2026-03-10T10:00:00+08:00');
  [sup, liaison] = [await org.login('supervisor'), await org.login('liaisonA')];
  const head = await org.login('headA');
  m1 = await act(liaison, m1, 'submit_completion', { report: '已全部完成', evidenceIds: [await uploadEvidence(liaison)] });
  m1 = await act(head, m1, 'approve_completion', { approved: true });
  m1 = await act(sup, m1, 'review', { approved: true, checklist });
  expect(m1.state).toBe('closed');
  return { onTime, late, returned };
}

/** Unit A's March figures, as the domain defines them, for any day from 03-20 on. */
export const marchFiguresOfA = {
  assigned: 3,
  closed: 1,
  closedOnTimeOriginal: 1,
  closedOnTimeApproved: 1,
  overdue: 1,
  onTimeRate: 0.5,
  avgWorkingDaysToClose: 6,
  returns: 1,
  extensions: 0,
  recheckFailures: 0,
  lookBackFailures: 0,
};
