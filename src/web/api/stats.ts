/**
 * 督办统计 API (server/modules/supervision/stats-routes.ts is the authority):
 * the per-unit figures of a period, their 合计, and the same as .xlsx.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SupervisionStats } from '../../shared/supervision';
import { api, withQuery } from './client';
import type { UnitRef } from './types';

export type UnitStatsRow = { unit: UnitRef } & SupervisionStats;

export interface StatsReport {
  from: string;
  to: string;
  asOf: string;
  units: UnitStatsRow[];
  total: SupervisionStats;
}

export interface StatsPeriodQuery {
  from: string;
  to: string;
}

export function useStats(period: StatsPeriodQuery) {
  return useQuery({
    queryKey: ['supervision', 'stats', period],
    queryFn: () => api.get<StatsReport>('/api/v1/supervision/stats', { ...period }),
    placeholderData: keepPreviousData,
  });
}

export const statsXlsxUrl = (period: StatsPeriodQuery) => withQuery('/api/v1/supervision/stats.xlsx', { ...period });
