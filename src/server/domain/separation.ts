import { isAdminRole, type Role } from '../../shared/roles';

/**
 * 三员分立: an account holds at most one admin role, and an admin account
 * holds no business role. Returns the Chinese reason a role set is refused,
 * or null when it is allowed.
 */
export function separationViolation(roles: readonly Role[]): string | null {
  const admin = roles.filter(isAdminRole);
  if (admin.length > 1) return '三员分立：一个账号只能担任一种管理员角色';
  if (admin.length === 1 && roles.length > 1) return '三员分立：管理员账号不能同时担任业务角色';
  return null;
}
