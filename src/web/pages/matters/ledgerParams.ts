import dayjs, { type Dayjs } from 'dayjs';
import type { Light, MatterPriority, MatterSource, MatterState } from '../../../shared/supervision';
import { todoKeys, type TodoKey } from '../../../shared/todos';

/** What the ledger filter form holds. */
export interface LedgerFilterValues {
  state?: MatterState[];
  light?: Light[];
  source?: MatterSource[];
  priority?: MatterPriority[];
  leadUnitId?: string | null;
  q?: string;
  /** a 工作台 card's list, or mine: 待我处理 */
  todo?: TodoKey | null;
  deadline?: [Dayjs | null, Dayjs | null] | null;
  /** 交办日期 and 办结日期: the board's period counts drill down through them */
  assigned?: [Dayjs | null, Dayjs | null] | null;
  closed?: [Dayjs | null, Dayjs | null] | null;
}

type Range = [Dayjs | null, Dayjs | null] | null;
const rangeOf = (from?: string, to?: string): Range => (from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null);
const ends = (r: Range | undefined) => [r?.[0]?.format('YYYY-MM-DD'), r?.[1]?.format('YYYY-MM-DD')] as const;

export type LedgerSort = 'deadline' | 'openedAt' | 'priority';

export interface LedgerParams extends Omit<LedgerFilterValues, 'deadline' | 'assigned' | 'closed'> {
  deadlineFrom?: string;
  deadlineTo?: string;
  assignedFrom?: string;
  assignedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  sort?: LedgerSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const many = <T extends string>(sp: URLSearchParams, k: string) => (sp.getAll(k).length ? (sp.getAll(k) as T[]) : undefined);
const one = (sp: URLSearchParams, k: string) => sp.get(k) || undefined;
const positive = (v: string | null, d: number) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : d);

/**
 * The page's address is the ledger query itself (same names as GET
 * /matters), so a filtered ledger can be bookmarked or sent to a colleague.
 */
export function readParams(sp: URLSearchParams): LedgerParams {
  const sort = one(sp, 'sort');
  return {
    state: many(sp, 'state'),
    light: many(sp, 'light'),
    source: many(sp, 'source'),
    priority: many(sp, 'priority'),
    leadUnitId: one(sp, 'leadUnitId'),
    q: one(sp, 'q'),
    todo: todoKeys.find((k) => k === sp.get('todo')),
    deadlineFrom: one(sp, 'deadlineFrom'),
    deadlineTo: one(sp, 'deadlineTo'),
    assignedFrom: one(sp, 'assignedFrom'),
    assignedTo: one(sp, 'assignedTo'),
    closedFrom: one(sp, 'closedFrom'),
    closedTo: one(sp, 'closedTo'),
    sort: sort === 'deadline' || sort === 'openedAt' || sort === 'priority' ? sort : undefined,
    order: sp.get('order') === 'desc' ? 'desc' : sp.get('order') === 'asc' ? 'asc' : undefined,
    page: positive(sp.get('page'), 1),
    pageSize: positive(sp.get('pageSize'), 20),
  };
}

export function toSearch(p: LedgerParams): Record<string, string | string[] | number | undefined> {
  return {
    state: p.state,
    light: p.light,
    source: p.source,
    priority: p.priority,
    leadUnitId: p.leadUnitId ?? undefined,
    q: p.q?.trim() || undefined,
    todo: p.todo ?? undefined,
    deadlineFrom: p.deadlineFrom,
    deadlineTo: p.deadlineTo,
    assignedFrom: p.assignedFrom,
    assignedTo: p.assignedTo,
    closedFrom: p.closedFrom,
    closedTo: p.closedTo,
    sort: p.sort,
    order: p.sort ? p.order : undefined,
    page: p.page > 1 ? p.page : undefined,
    pageSize: p.pageSize !== 20 ? p.pageSize : undefined,
  };
}

export const formValuesOf = (p: LedgerParams): LedgerFilterValues => ({
  state: p.state,
  light: p.light,
  source: p.source,
  priority: p.priority,
  leadUnitId: p.leadUnitId,
  q: p.q,
  todo: p.todo,
  deadline: rangeOf(p.deadlineFrom, p.deadlineTo),
  assigned: rangeOf(p.assignedFrom, p.assignedTo),
  closed: rangeOf(p.closedFrom, p.closedTo),
});

/** A new search starts again at page 1 and keeps the chosen sort. */
export function paramsFromForm(v: LedgerFilterValues, prev: LedgerParams): LedgerParams {
  const [from, to] = v.deadline ?? [];
  const [assignedFrom, assignedTo] = ends(v.assigned);
  const [closedFrom, closedTo] = ends(v.closed);
  return {
    state: v.state?.length ? v.state : undefined,
    light: v.light?.length ? v.light : undefined,
    source: v.source?.length ? v.source : undefined,
    priority: v.priority?.length ? v.priority : undefined,
    leadUnitId: v.leadUnitId ?? undefined,
    q: v.q?.trim() || undefined,
    todo: v.todo ?? undefined,
    deadlineFrom: from?.format('YYYY-MM-DD'),
    deadlineTo: to?.format('YYYY-MM-DD'),
    assignedFrom,
    assignedTo,
    closedFrom,
    closedTo,
    sort: prev.sort,
    order: prev.order,
    page: 1,
    pageSize: prev.pageSize,
  };
}
