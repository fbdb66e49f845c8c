import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';

export interface UserFilters {
  q: string;
  unitId: string;
  role: string;
  active: string;
  page: number;
  pageSize: number;
}

export const usersKey = ['users'] as const;

/**
 * Filters live in the address bar, so a filtered list survives a reload and
 * can be linked to (e.g. /admin/users?q=张三).
 */
export function useUserList() {
  const [params, setParams] = useSearchParams();
  const filters: UserFilters = {
    q: params.get('q') ?? '',
    unitId: params.get('unitId') ?? '',
    role: params.get('role') ?? '',
    active: params.get('active') ?? '',
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
  const setFilters = (patch: Partial<UserFilters>) => {
    const next = { ...filters, ...patch };
    // Any filter change starts again from the first page.
    if (!('page' in patch)) next.page = 1;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) p.set(k, String(v));
    }
    setParams(p, { replace: true });
  };
  const query = useQuery({
    queryKey: [...usersKey, filters],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { ...filters }),
    placeholderData: keepPreviousData,
  });
  return { filters, setFilters, query };
}
