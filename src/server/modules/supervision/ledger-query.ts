import { z } from 'zod';
import { page, pageSize, text } from '../../http/schemas';
import { lights, matterPriorities, matterSources, matterStates } from '../../../shared/supervision';
import { todoKeys } from '../../../shared/todos';

const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
/** A filter that may be given once or repeated (`?light=red&light=yellow`). */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).max(values.length)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** The filters of the ledger (GET /api/v1/matters), shared by its Excel export so one query string serves both. */
export const ledgerFilters = {
  state: list(matterStates).optional(),
  light: list(lights).optional(),
  leadUnitId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  source: list(matterSources).optional(),
  priority: list(matterPriorities).optional(),
  category: text(30).optional(),
  leaderId: z.uuid().optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  openedFrom: isoDate.optional(),
  openedTo: isoDate.optional(),
  /** 交办日期 (the assignment in force) and 办结日期, China dates: the board's period columns drill down through them */
  assignedFrom: isoDate.optional(),
  assignedTo: isoDate.optional(),
  closedFrom: isoDate.optional(),
  closedTo: isoDate.optional(),
  q: text(50).optional(),
  /** a 工作台 card's own condition (todos.ts), or mine: 待我处理 */
  todo: z.enum(todoKeys, '未知的待办类别').optional(),
  /** none: open work first, overdue then the nearest deadline, closed matters last (ledger-order.ts) */
  sort: z.enum(['deadline', 'openedAt', 'code', 'priority']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export const ledgerQuery = z.strictObject({
  ...ledgerFilters,
  page,
  pageSize,
  /** extras: the rows also carry 承办人, 催办次数 and 最近进展 (three more queries a page; asked only when shown) */
  columns: z.enum(['extras'], '未知的列').optional(),
});
