import type { OrgUserKey, TestOrg } from './factories';

/**
 * Every route and who may call it. A route missing from this table fails the
 * matrix test, so a new endpoint cannot ship without a decision on who may
 * call it. 'any' = every signed-in account; 'public' = no sign-in.
 */
export type Allowed = 'any' | 'public' | OrgUserKey[];
export interface Entry {
  allowed: Allowed;
  /** a path with ids filled in, and a body that passes validation for an allowed caller where cheap */
  path?: (org: TestOrg) => string;
  body?: (org: TestOrg) => unknown;
}

const sysadmin: OrgUserKey[] = ['sysadmin'];
const secadmin: OrgUserKey[] = ['secadmin'];
const auditor: OrgUserKey[] = ['auditor'];
export const matrixRoles: OrgUserKey[] = ['leader', 'supervisor', 'staff', 'sysadmin', 'secadmin', 'auditor', 'liaisonA', 'headA'];

const business: OrgUserKey[] = ['leader', 'supervisor', 'staff', 'liaisonA', 'headA'];

export const matrix: Record<string, Entry> = {
  'POST /api/v1/matters': { allowed: ['supervisor'], body: () => ({ title: '矩阵测试事项', source: 'other' }) },
  'POST /api/v1/instructions': {
    allowed: ['leader', 'staff', 'supervisor'],
    body: (o) => ({ text: '矩阵测试批示：请研究办理。', leaderId: o.users.leader.id }),
  },
  'GET /api/v1/matters': { allowed: business },
  'GET /api/v1/matter-views': { allowed: business },
  'GET /api/v1/matters/:id/referral-package.zip': {
    allowed: ['supervisor', 'leader', 'auditor'],
    path: () => '/api/v1/matters/00000000-0000-4000-8000-000000000000/referral-package.zip',
  },
  'POST /api/v1/matter-views': { allowed: business, body: () => ({ name: `视图${Math.random()}`, query: 'light=red&state=in_progress' }) },
  'DELETE /api/v1/matter-views/:id': { allowed: business, path: () => '/api/v1/matter-views/00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/matters/bulk/remind': {
    allowed: ['supervisor'],
    body: () => ({ items: [{ id: '00000000-0000-4000-8000-000000000000', version: 1 }], comment: '请加快进度' }),
  },
  'GET /api/v1/matters/:id': { allowed: business, path: () => '/api/v1/matters/00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/matters/:id/actions/:action': {
    allowed: business,
    path: () => '/api/v1/matters/00000000-0000-4000-8000-000000000000/actions/remind',
    body: () => ({ version: 1, comment: '请抓紧办理' }),
  },
  'GET /api/v1/supervision/stats': { allowed: business, path: () => '/api/v1/supervision/stats?from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/supervision/stats.xlsx': { allowed: business, path: () => '/api/v1/supervision/stats.xlsx?from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/supervision/board': { allowed: business },
  'POST /api/v1/bulletins': { allowed: ['supervisor'], body: () => ({ title: '矩阵测试通报', from: '2026-01-01', to: '2026-01-31' }) },
  'PATCH /api/v1/bulletins/:id': { allowed: ['supervisor'], path: () => '/api/v1/bulletins/00000000-0000-4000-8000-000000000000', body: () => ({ praise: '表扬', version: 1 }) },
  'POST /api/v1/bulletins/:id/publish': { allowed: ['supervisor'], path: () => '/api/v1/bulletins/00000000-0000-4000-8000-000000000000/publish', body: () => ({ version: 1 }) },
  'GET /api/v1/bulletins': { allowed: business },
  'GET /api/v1/bulletins/:id': { allowed: business, path: () => '/api/v1/bulletins/00000000-0000-4000-8000-000000000000' },
  'GET /api/v1/bulletins/:id/document.docx': { allowed: business, path: () => '/api/v1/bulletins/00000000-0000-4000-8000-000000000000/document.docx' },
  'GET /api/v1/supervision/settings': { allowed: business },
  'PUT /api/v1/supervision/settings': {
    allowed: ['supervisor'],
    body: () => ({
      settings: { yellowWorkingDays: 3, escalateAfterRedWorkingDays: 3, lookBackDays: 30, lookBackDaysByCategory: {}, lookBackSamplePercent: 10 },
      version: 999,
    }),
  },
  'GET /healthz': { allowed: 'public' },
  'GET /readyz': { allowed: 'public' },
  'GET /api/openapi.json': { allowed: 'public' },
  'POST /api/v1/auth/login': { allowed: 'public' },
  'POST /api/v1/auth/logout': { allowed: 'any' },
  'POST /api/v1/auth/password': { allowed: 'any', body: () => ({ currentPassword: 'x', newPassword: 'y' }) },
  'GET /api/v1/me': { allowed: 'any' },
  'GET /api/v1/auth/password-policy': { allowed: 'any' },
  'GET /api/v1/me/tokens': { allowed: 'any' },
  'POST /api/v1/me/tokens': { allowed: 'any', body: () => ({ name: '对接', scope: 'read' }) },
  'DELETE /api/v1/me/tokens/:id': { allowed: 'any', path: () => '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000' },
  'GET /api/v1/workbench': { allowed: 'any' },
  'GET /api/v1/units': { allowed: 'any' },
  'GET /api/v1/units/:id': { allowed: 'any', path: (o) => `/api/v1/units/${o.deptAId}` },
  'POST /api/v1/units': {
    allowed: sysadmin,
    body: (o) => ({ name: `新单位${Math.random()}`, type: 'department', code: `N${Date.now()}${Math.floor(Math.random() * 1e6)}`, parentId: o.officeId }),
  },
  'PATCH /api/v1/units/:id': { allowed: sysadmin, path: (o) => `/api/v1/units/${o.townshipId}`, body: () => ({ sortOrder: 3, version: 999 }) },
  'GET /api/v1/users': { allowed: 'any' },
  'GET /api/v1/users/:id': { allowed: 'any', path: (o) => `/api/v1/users/${o.users.headA.id}` },
  'POST /api/v1/users': {
    allowed: sysadmin,
    body: (o) => ({ username: `u${Date.now()}${Math.floor(Math.random() * 1e6)}`, name: '新用户', unitId: o.deptAId }),
  },
  'PATCH /api/v1/users/:id': { allowed: sysadmin, path: (o) => `/api/v1/users/${o.users.headA.id}`, body: () => ({ phone: '123', version: 999 }) },
  'POST /api/v1/users/:id/reset-password': { allowed: sysadmin, path: (o) => `/api/v1/users/${o.users.headA.id}/reset-password`, body: () => ({ version: 999 }) },
  'PUT /api/v1/users/:id/roles': { allowed: secadmin, path: (o) => `/api/v1/users/${o.users.headA.id}/roles`, body: () => ({ roles: ['unit_head'], version: 999 }) },
  'POST /api/v1/users/:id/unlock': { allowed: secadmin, path: (o) => `/api/v1/users/${o.users.headA.id}/unlock`, body: () => ({ version: 999 }) },
  'GET /api/v1/settings/security': { allowed: secadmin },
  'PUT /api/v1/settings/security': { allowed: secadmin, body: () => ({ version: -1 }) },
  'GET /api/v1/audit': { allowed: auditor },
  'GET /api/v1/audit/export.xlsx': { allowed: auditor },
  'POST /api/v1/audit/verify': { allowed: auditor },
  'GET /api/v1/audit/checkpoints': { allowed: auditor },
  'GET /api/v1/calendar/years/:year': { allowed: 'any', path: () => '/api/v1/calendar/years/2026' },
  'GET /api/v1/calendar/working-days/add': { allowed: 'any', path: () => '/api/v1/calendar/working-days/add?from=2026-09-30&days=1' },
  'GET /api/v1/calendar/deadline-preview': { allowed: business, path: () => '/api/v1/calendar/deadline-preview?workingDays=22' },
  'GET /api/v1/calendar/overrides': { allowed: sysadmin },
  'GET /api/v1/calendar/official-years': { allowed: 'any' },
  // A year no other case reads; a real notice is never this short, but the file is valid.
  'PUT /api/v1/calendar/official-years/:year': {
    allowed: sysadmin,
    path: () => '/api/v1/calendar/official-years/2099',
    body: () => ({ year: 2099, papers: ['https://www.gov.cn/zhengce/content/test/2099.htm'], days: [{ name: '元旦', date: '2099-01-01', isOffDay: true }] }),
  },
  'PUT /api/v1/calendar/overrides/:date': { allowed: sysadmin, path: () => '/api/v1/calendar/overrides/2031-05-06', body: () => ({ kind: 'holiday', note: '测试' }) },
  'DELETE /api/v1/calendar/overrides/:date': { allowed: sysadmin, path: () => '/api/v1/calendar/overrides/2031-05-07' },
  'GET /api/v1/notifications': { allowed: 'any' },
  'GET /api/v1/notifications/unread-count': { allowed: 'any' },
  'POST /api/v1/notifications/:id/read': { allowed: 'any', path: () => '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read' },
  'POST /api/v1/notifications/read-all': { allowed: 'any' },
  'GET /api/v1/notification-channels': { allowed: sysadmin },
  'POST /api/v1/notification-channels': { allowed: sysadmin, body: () => ({ kind: 'webhook', name: '测试', url: 'http://127.0.0.1:9/x' }) },
  'PATCH /api/v1/notification-channels/:id': { allowed: sysadmin, path: () => '/api/v1/notification-channels/00000000-0000-4000-8000-000000000000', body: () => ({ enabled: false, version: 1 }) },
  'DELETE /api/v1/notification-channels/:id': { allowed: sysadmin, path: () => '/api/v1/notification-channels/00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/notification-channels/:id/test': { allowed: sysadmin, path: () => '/api/v1/notification-channels/00000000-0000-4000-8000-000000000000/test' },
  'GET /api/v1/outbox': { allowed: sysadmin },
  'GET /api/v1/settings/smtp': { allowed: sysadmin },
  'GET /api/v1/settings/delivery': { allowed: sysadmin },
  'PUT /api/v1/settings/delivery': { allowed: sysadmin, body: () => ({ timeoutMs: 5000, maxAttempts: 8, version: 999 }) },
  'PUT /api/v1/settings/smtp': { allowed: sysadmin, body: () => ({ host: 'smtp.example.org', port: 25, secure: false, from: 'a@example.org' }) },
  // 台账 Excel. The import takes the .xlsx file itself as its body, so the matrix's JSON body gets 415 for the supervisor.
  'GET /api/v1/matters/export.xlsx': { allowed: business },
  'GET /api/v1/matters/import-template.xlsx': { allowed: ['supervisor'] },
  'POST /api/v1/matters/import': { allowed: ['supervisor'] },
  // Attachments: business accounts only (三员 do no business). The upload is multipart, so the matrix's JSON body gets 415 for allowed roles.
  'POST /api/v1/attachments': { allowed: ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'liaisonB', 'headB'] },
  'GET /api/v1/attachments/:id': { allowed: ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'liaisonB', 'headB'], path: () => '/api/v1/attachments/00000000-0000-4000-8000-000000000000' },
  'GET /api/v1/attachments/:id/meta': { allowed: ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'liaisonB', 'headB'], path: () => '/api/v1/attachments/00000000-0000-4000-8000-000000000000/meta' },
  'DELETE /api/v1/attachments/:id': { allowed: ['leader', 'supervisor', 'staff', 'liaisonA', 'headA', 'liaisonB', 'headB'], path: () => '/api/v1/attachments/00000000-0000-4000-8000-000000000000' },
};

