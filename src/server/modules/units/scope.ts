import { like, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Actor } from '../../http/context';
import { adminRoles, officeRoles } from '../../../shared/roles';

/**
 * Office roles (leader, supervisor, staff) and the admin roles work on the
 * whole tree; liaisons and unit heads see only their own unit's subtree.
 */
export function seesWholeTree(actor: Actor): boolean {
  return actor.roles.some((r) => officeRoles.includes(r) || (adminRoles as readonly string[]).includes(r));
}

/** A condition on a units.path column limiting rows to what the actor may see; undefined = no limit. */
export function unitPathScope(actor: Actor, pathColumn: AnyColumn): SQL | undefined {
  if (seesWholeTree(actor)) return undefined;
  return like(pathColumn, `${actor.unitPath}%`);
}

export function pathInScope(actor: Actor, unitPath: string): boolean {
  return seesWholeTree(actor) || unitPath.startsWith(actor.unitPath);
}
