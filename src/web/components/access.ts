import { isAdminRole, type AdminRole } from '../../shared/roles';
import type { Me } from '../api/types';

/**
 * Who may see what. 三员 separation: an admin account holds admin roles only
 * and sees only its own admin pages; everyone else is a business user.
 */
export type Audience = 'business' | AdminRole;

export const isAdminUser = (me: Pick<Me, 'roles'>): boolean => me.roles.some(isAdminRole);

export function canSee(me: Pick<Me, 'roles'>, audience: readonly Audience[]): boolean {
  return audience.some((a) => (a === 'business' ? !isAdminUser(me) : me.roles.includes(a)));
}

/**
 * Objects from later modules carry `allowedActions`, computed by the server's
 * policy; when present they decide alone. `fallback` is the role-based answer
 * used for objects (users, units…) whose API does not list actions yet.
 */
export function allowedActionsOf(obj: object | null | undefined): readonly string[] | null {
  const list = obj && 'allowedActions' in obj ? obj.allowedActions : undefined;
  return Array.isArray(list) ? (list as string[]) : null;
}

export function allows(obj: object | null | undefined, action: string, fallback = false): boolean {
  const list = allowedActionsOf(obj);
  return list ? list.includes(action) : fallback;
}
