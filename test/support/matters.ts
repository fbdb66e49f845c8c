import { expect } from 'vitest';
import { reviewChecklistItems, type ReviewChecklist } from '../../src/shared/supervision';
import type { Client } from './app';
import type { TestOrg } from './factories';

/** The 审结 checklist with every item met: what an approving review sends. */
export const fullChecklist = Object.fromEntries(reviewChecklistItems.map((i) => [i, true])) as ReviewChecklist;

/** 立项并交办 through the API as the given supervisor: to 部门甲, 10 working days, unless `over` says otherwise. */
export async function createMatter(c: Client, org: TestOrg, over: Record<string, unknown> = {}) {
  const r = await c.post('/api/v1/matters', {
    title: `落实县委常委会议定事项${org.tag}`,
    requirement: '按要求完成并报送结果',
    source: 'meeting_decision',
    priority: 'urgent',
    leadUnitId: org.deptAId,
    deadline: { kind: 'working_days', days: 10 },
    assign: true,
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** One action on a matter at the version the caller last saw; the raw answer, for tests that check refusals too. */
export const act = (c: Client, m: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
