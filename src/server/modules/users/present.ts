import { roleLabels, type Role } from '../../../shared/roles';
import type { users } from '../../db/schema';

type UserRow = typeof users.$inferSelect;

export interface UnitRef {
  id: string;
  name: string;
}

/** The API shape of a user; never the hash, never the lock counters to non-admins. */
export function presentUser(u: UserRow, unit: UnitRef | null, opts: { admin?: boolean } = {}) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    unit: unit ?? { id: u.unitId, name: '' },
    phone: u.phone,
    email: u.email,
    roles: u.roles,
    roleLabels: u.roles.map((r) => roleLabels[r as Role] ?? r),
    active: u.active,
    version: u.version,
    ...(opts.admin
      ? {
          mustChangePassword: u.mustChangePassword,
          lockedUntil: u.lockedUntil?.toISOString() ?? null,
          lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
          passwordChangedAt: u.passwordChangedAt.toISOString(),
          createdAt: u.createdAt.toISOString(),
        }
      : {}),
  };
}
