/**
 * 挂图作战 and 督查通报 API: response shapes (server/modules/supervision/
 * board-service.ts and bulletin-present.ts are the authority) and the calls
 * those pages make.
 */
import { useQuery } from '@tanstack/react-query';
import type { Light, MatterState, SupervisionStats } from '../../shared/supervision';
import { api } from './client';
import type { MatterSummary } from './matters';
import type { Page, UnitRef } from './types';

export interface BoardUnitRow {
  unit: UnitRef;
  assigned: number;
  inProgress: number;
  overdue: number;
  closed: number;
  /** 0–1, or null when nothing was due in the period */
  onTimeRate: number | null;
  /** per count, the ledger query whose total it is (the server's one definition: board-cells.ts) */
  drill: Record<'assigned' | 'inProgress' | 'overdue' | 'closed', string>;
}

export interface GanttItem {
  id: string;
  code: string;
  title: string;
  leadUnit: UnitRef | null;
  state: MatterState;
  stateLabel: string;
  assignedAt: string | null;
  deadline: string | null;
  light: Light;
  lightLabel: string;
}

export interface Board {
  from: string;
  to: string;
  asOf: string;
  units: BoardUnitRow[];
  red: { total: number; items: MatterSummary[] };
  yellow: { total: number; items: MatterSummary[] };
  gantt: { total: number; items: GanttItem[] };
  trend: { months: string[]; assigned: number[]; closed: number[] };
}

export function useBoard(period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['supervision', 'board', period],
    queryFn: () => api.get<Board>('/api/v1/supervision/board', period),
  });
}

/** One unit's figures, as GET /supervision/stats returns them; frozen into a bulletin when it is drafted. */
export type UnitStats = { unit: UnitRef } & SupervisionStats;

export interface BulletinSummary {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  asOf: string;
  status: 'draft' | 'published';
  statusLabel: string;
  createdBy: UnitRef | null;
  createdAt: string;
  publishedBy: UnitRef | null;
  publishedAt: string | null;
  documentUrl: string;
  version: number;
}

export interface Bulletin extends BulletinSummary {
  praise: string;
  criticism: string;
  stats: UnitStats[];
  overdue: { matterId: string; code: string; title: string; leadUnit: UnitRef; deadline: string; overdueWorkingDays: number }[];
}

export const bulletinsKey = ['bulletins'] as const;

export function useBulletins(page: number) {
  return useQuery({
    queryKey: [...bulletinsKey, 'list', page],
    queryFn: () => api.get<Page<BulletinSummary>>('/api/v1/bulletins', { page, pageSize: 20 }),
  });
}

export function useBulletin(id: string) {
  return useQuery({
    queryKey: [...bulletinsKey, 'detail', id],
    queryFn: () => api.get<Bulletin>(`/api/v1/bulletins/${id}`),
    meta: { silent: true },
  });
}

export const createBulletin = (body: { title: string; from: string; to: string }) => api.post<Bulletin>('/api/v1/bulletins', body);

export const updateBulletin = (b: Pick<Bulletin, 'id' | 'version'>, fields: { title?: string; praise?: string; criticism?: string }) =>
  api.patch<Bulletin>(`/api/v1/bulletins/${b.id}`, { version: b.version, ...fields });

export const publishBulletin = (b: Pick<Bulletin, 'id' | 'version'>) =>
  api.post<Bulletin>(`/api/v1/bulletins/${b.id}/publish`, { version: b.version });

/** Percent with one decimal, or a dash when there is no rate: the one formatting of the stats page, the .xlsx and the bulletin. */
export { fmtRate } from '../../shared/stats-format';
