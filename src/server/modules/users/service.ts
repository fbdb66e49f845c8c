import crypto from 'node:crypto';
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { passwordHistory, sessions, units, users } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Actor, RequestMeta } from '../../http/context';
import { AppError, notFound, stale } from '../../errors';
import { separationViolation } from '../../domain/separation';
import type { Role } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { hashPassword } from '../auth/password';
import { textMatch } from '../../db/search';
import { unitPathScope } from '../units/scope';
import { getUnit } from '../units/service';
import { assertMayManageAccount } from './policy';

export interface UserInput {
  username: string;
  name: string;
  unitId: string;
  phone?: string | null;
  email?: string | null;
}

/** A one-time password that satisfies any policy up to 4 classes. */
export function oneTimePassword(): string {
  const raw = crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Zs-${raw.slice(0, 6)}${raw.slice(6, 12).toUpperCase()}7`;
}

export async function getUserRow(db: Executor, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u ?? null;
}

/**
 * Creates an account. Through the API (sysadmin) an account starts without
 * roles: granting them is the security admin's job (三员分立). The CLI and the
 * demo seed may pass roles directly, still under the separation rule.
 */
export async function createUser(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'config'>,
  meta: RequestMeta,
  input: UserInput & { roles?: Role[]; password?: string; passwordHash?: string; mustChangePassword?: boolean },
) {
  const violation = separationViolation(input.roles ?? []);
  if (violation) throw new AppError('SEPARATION_OF_DUTIES', violation);
  const unit = await getUnit(tx, input.unitId);
  if (!unit) throw new AppError('VALIDATION_FAILED', '所属单位不存在');
  if (!unit.active) throw new AppError('RULE_VIOLATION', '所属单位已停用');
  const [dup] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
  if (dup) throw new AppError('DUPLICATE', `用户名“${input.username}”已被使用`);
  const password = input.password ?? oneTimePassword();
  const hash = input.passwordHash ?? (await hashPassword(password, deps.config));
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(users)
    .values({
      id,
      username: input.username,
      name: input.name,
      unitId: input.unitId,
      phone: input.phone ?? null,
      email: input.email ?? null,
      roles: input.roles ?? [],
      active: true,
      passwordHash: hash,
      passwordChangedAt: now,
      mustChangePassword: input.mustChangePassword ?? true,
      failedLogins: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(passwordHistory).values({ userId: id, passwordHash: hash, createdAt: now });
  await appendAudit(tx, deps.clock, meta, {
    action: 'user.create',
    objectType: 'user',
    objectId: id,
    detail: { username: input.username, name: input.name, unitId: input.unitId, roles: input.roles ?? [] },
  });
  return { user: row!, password: input.password || input.passwordHash ? null : password };
}

export interface UserPatch {
  name?: string;
  unitId?: string;
  phone?: string | null;
  email?: string | null;
  active?: boolean;
  version: number;
}

/** `mayAct` runs before the version compare: a caller refused the account hears so (422 三员), not 409. */
async function lockForUpdate(tx: Tx, id: string, version: number, mayAct?: (cur: typeof users.$inferSelect) => void) {
  const [cur] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!cur) throw notFound('用户');
  mayAct?.(cur);
  if (cur.version !== version) throw stale();
  return cur;
}

export async function updateUser(tx: Tx, deps: Pick<Deps, 'clock'>, meta: RequestMeta, id: string, patch: UserPatch) {
  const cur = await lockForUpdate(tx, id, patch.version, (c) => meta.actor && assertMayManageAccount(meta.actor, c));
  if (patch.unitId && patch.unitId !== cur.unitId) {
    const unit = await getUnit(tx, patch.unitId);
    if (!unit || !unit.active) throw new AppError('VALIDATION_FAILED', '所属单位不存在或已停用');
  }
  if (patch.active === false && meta.actor?.userId === id) throw new AppError('RULE_VIOLATION', '不能停用自己的账号');
  const { version: _v, ...changes } = patch;
  const now = deps.clock.now();
  const [row] = await tx
    .update(users)
    .set({ ...changes, version: cur.version + 1, updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  if (patch.active === false) await endSessions(tx, id, now);
  await appendAudit(tx, deps.clock, meta, { action: 'user.update', objectType: 'user', objectId: id, detail: changes });
  return row!;
}

/** 三员: the security admin grants roles; nobody changes their own. */
export async function setRoles(tx: Tx, deps: Pick<Deps, 'clock'>, meta: RequestMeta, id: string, roles: Role[], version: number) {
  if (meta.actor?.userId === id) throw new AppError('SEPARATION_OF_DUTIES', '不能修改自己的角色');
  const violation = separationViolation(roles);
  if (violation) throw new AppError('SEPARATION_OF_DUTIES', violation);
  const cur = await lockForUpdate(tx, id, version);
  const now = deps.clock.now();
  const [row] = await tx
    .update(users)
    .set({ roles: [...new Set(roles)], version: cur.version + 1, updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  // A change of rights takes effect at once: open sessions carry the old ones.
  await endSessions(tx, id, now);
  await appendAudit(tx, deps.clock, meta, {
    action: 'user.roles.set',
    objectType: 'user',
    objectId: id,
    detail: { from: cur.roles, to: roles },
  });
  return row!;
}

export async function resetPassword(tx: Tx, deps: Pick<Deps, 'clock' | 'config'>, meta: RequestMeta, id: string, version: number) {
  const cur = await lockForUpdate(tx, id, version, (c) => meta.actor && assertMayManageAccount(meta.actor, c));
  const password = oneTimePassword();
  const hash = await hashPassword(password, deps.config);
  const now = deps.clock.now();
  const [row] = await tx
    .update(users)
    .set({
      passwordHash: hash,
      passwordChangedAt: now,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      version: cur.version + 1,
      updatedAt: now,
    })
    .where(eq(users.id, id))
    .returning();
  await endSessions(tx, id, now);
  await appendAudit(tx, deps.clock, meta, { action: 'user.password.reset', objectType: 'user', objectId: id });
  return { user: row!, password };
}

export async function unlockUser(tx: Tx, deps: Pick<Deps, 'clock'>, meta: RequestMeta, id: string, version: number) {
  const cur = await lockForUpdate(tx, id, version);
  const [row] = await tx
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, version: cur.version + 1, updatedAt: deps.clock.now() })
    .where(eq(users.id, id))
    .returning();
  await appendAudit(tx, deps.clock, meta, { action: 'user.unlock', objectType: 'user', objectId: id });
  return row!;
}

async function endSessions(tx: Tx, userId: string, now: Date) {
  await tx.update(sessions).set({ endedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
}

export interface UserQuery {
  unitId?: string;
  q?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

/** Users the actor may see, scoped by org subtree in the query itself. */
export async function listUsers(db: Executor, actor: Actor, query: UserQuery) {
  const where: (SQL | undefined)[] = [unitPathScope(actor, units.path)];
  if (query.unitId) where.push(eq(users.unitId, query.unitId));
  if (query.role) where.push(sql`${query.role} = ANY(${users.roles})`);
  if (query.active !== undefined) where.push(eq(users.active, query.active));
  if (query.q) where.push(or(textMatch(users.name, query.q), ilike(users.username, `%${escapeLike(query.q)}%`)));
  const cond = and(...where);
  const rows = await db
    .select({ u: users, unit: { id: units.id, name: units.name } })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(cond)
    .orderBy(asc(units.path), asc(users.username))
    .limit(query.limit)
    .offset(query.offset);
  const [{ total }] = (await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(cond)) as [{ total: number }];
  return { rows, total };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
