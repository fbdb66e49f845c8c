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

/** What every audit record and command needs to know about the request. */
export interface RequestMeta {
  ip: string;
  requestId: string;
  actor: Actor | null;
}
