import type { Role } from './roles';

/**
 * The 工作台 cards of the matter loop, each also a ledger filter
 * (GET /api/v1/matters?todo=<key>) whose rows are exactly what the card
 * counts; `mine` (待我处理) is every matter whose next step is the caller's.
 */
export const todoKeys = [
  'to-accept',
  'in-progress',
  'to-approve',
  'red-yellow',
  'to-assess',
  'instructions-to-open',
  'to-review',
  'to-recheck',
  'requests',
  'look-back',
  'red',
  'my-instructions',
  'mine',
] as const;
export type TodoKey = (typeof todoKeys)[number];

export const todoTitles: Record<TodoKey, string> = {
  'to-accept': '待签收事项',
  'in-progress': '办理中事项',
  'to-approve': '待审批的报结',
  'red-yellow': '本单位红黄灯事项',
  'to-assess': '待研判（退回）',
  'instructions-to-open': '待研判立项的领导批示',
  'to-review': '待审核',
  'to-recheck': '待复核',
  requests: '待处理的延期与督帮申请',
  'look-back': '回头看到期',
  red: '红灯（逾期）事项',
  'my-instructions': '我批示的在办事项',
  mine: '待我处理',
};

/** The roles whose 工作台 shows each card (待我处理 is a ledger filter for every business role, not a card). */
export const todoRoles: Record<TodoKey, readonly Role[]> = {
  'to-accept': ['liaison'],
  'in-progress': ['liaison'],
  'to-approve': ['unit_head'],
  'red-yellow': ['liaison', 'unit_head'],
  'to-assess': ['supervisor'],
  'instructions-to-open': ['supervisor'],
  'to-review': ['supervisor'],
  'to-recheck': ['supervisor'],
  requests: ['supervisor'],
  'look-back': ['supervisor'],
  red: ['leader', 'supervisor'],
  'my-instructions': ['leader'],
  mine: [],
};
