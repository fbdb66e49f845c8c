import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from './client';
import type { Unit } from './types';

export const unitsKey = (includeInactive: boolean) => ['units', { includeInactive }] as const;

export function useUnits(includeInactive = false) {
  return useQuery({
    queryKey: unitsKey(includeInactive),
    queryFn: () => api.get<{ items: Unit[] }>('/api/v1/units', { includeInactive: includeInactive ? 'true' : undefined }),
    select: (r) => r.items,
    staleTime: 60_000,
  });
}

export interface UnitNode {
  key: string;
  value: string;
  title: ReactNode;
  unit: Unit;
  children: UnitNode[];
}

const bySortThenName = (a: Unit, b: Unit) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');

/**
 * The API gives the org tree flat (each unit with its parentId); this nests
 * it for Tree/TreeSelect. A unit whose parent is outside the caller's view
 * becomes a root, so scoped users still see their own subtree. `exclude`
 * drops a unit and its descendants (a unit cannot move under itself).
 */
export function buildUnitTree(units: readonly Unit[], label: (u: Unit) => ReactNode = (u) => u.name, exclude?: string): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const build = (parent: string | null): UnitNode[] =>
    (children.get(parent) ?? [])
      .filter((u) => u.id !== exclude)
      .sort(bySortThenName)
      .map((u) => ({ key: u.id, value: u.id, title: label(u), unit: u, children: build(u.id) }));
  return build(null);
}
