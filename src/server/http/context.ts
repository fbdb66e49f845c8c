import type { Role } from '../../shared/roles';

/** Who is calling, resolved once per request by the auth hook. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  unitId: string;
  unitName: string;
  passwordChangedAt: Date;
  /** materialised path of the actor's unit, for subtree scoping */
  unitPath: string;
  roles: Role[];
  via: 'session' | 'token';
  /** token scope; sessions are 'write' */
  scope: 'read' | 'write';
  sessionId?: string;
  /** the session's CSRF token, handed to the web app by GET /me; never logged */
  csrfToken?: string;
  mustChangePassword: boolean;
}

/** The identity part of an Actor, from a user row and its unit (sessions, API tokens, the demo seeder). */
export function actorIdentity(
  u: { id: string; username: string; name: string; unitId: string; passwordChangedAt: Date; roles: string[] },
  unit: { name: string; path: string },
) {
  return {
    userId: u.id,
    username: u.username,
    name: u.name,
    unitId: u.unitId,
    unitName: unit.name,
    unitPath: unit.path,
    passwordChangedAt: u.passwordChangedAt,
    roles: u.roles as Role[],
  };
}

/** What every audit record and command needs to know about the request. */
export interface RequestMeta {
  ip: string;
  requestId: string;
  actor: Actor | null;
}
