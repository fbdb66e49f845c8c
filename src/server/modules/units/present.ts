import type { units } from '../../db/schema';
import { unitTypeLabels } from '../../../shared/roles';

type UnitRow = typeof units.$inferSelect;

export function presentUnit(u: UnitRow) {
  return {
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    shortName: u.shortName,
    type: u.type,
    typeLabel: unitTypeLabels[u.type],
    code: u.code,
    sortOrder: u.sortOrder,
    active: u.active,
    version: u.version,
  };
}
