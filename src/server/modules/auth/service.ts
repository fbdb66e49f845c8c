import crypto from 'node:crypto';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { passwordHistory, sessions, units, users } from '../../db/schema';
import type { Tx } from '../../db/connect';
import type { Deps } from '../../deps';
import type { Actor, RequestMeta } from '../../http/context';
import type { Role } from '../../../shared/roles';
import { AppError } from '../../errors';
import { passwordExpired, passwordProblems } from '../../domain/password-policy';
import { appendAudit } from '../audit/service';
import { notify } from '../notifications/notify';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { hashSecret, newSecret } from './tokens';

/** The id no account has: a refused login for an unknown name updates it, i.e. nothing. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

export interface LoginResult {
  sessionToken: string;
  /** the new session's caller, as the auth hook would load it */
  actor: Actor;
}

/**
 * The one answer to every refused login: unknown name, disabled account,
 * wrong password, locked account (even with the right password). Saying
 * "N tries left" or "locked" only for real accounts would tell a stranger
 * which names exist; the owner learns of a lock through a notification instead.
 */
export const LOGIN_REFUSED = '用户名或密码错误。若多次失败账号将被锁定，请联系安全保密管理员';
const refused = () => new AppError('BAD_CREDENTIALS', LOGIN_REFUSED);

/**
 * Failed attempts are recorded (and audited) in their own committed
 * transaction before the error is thrown, so a failure still counts.
 * Every path verifies one argon2 hash (a dummy one for unknown names), so
 * the answer time does not tell the cases apart either.
 */
export async function login(deps: Deps, meta: RequestMeta, username: string, password: string, userAgent?: string): Promise<LoginResult> {
  const now = deps.clock.now();
  const policy = await deps.policy.get();
  const [user] = await deps.db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  const fail = async (reason: string, extra: Partial<typeof users.$inferInsert> = {}, alsoInTx?: (tx: Tx) => Promise<unknown>) => {
    await deps.db.transaction(async (tx) => {
      // The same statements whatever the account: for an unknown name the UPDATE matches no row, so the
      // database work (and the time it takes) does not tell a real account from a made-up one.
      const set = Object.keys(extra).length ? extra : { failedLogins: sql`${users.failedLogins}` };
      await tx.update(users).set(set).where(eq(users.id, user?.id ?? NO_USER));
      await appendAudit(tx, deps.clock, meta, {
        action: 'auth.login',
        result: 'failure',
        username,
        userId: user?.id,
        objectType: 'user',
        objectId: user?.id,
        detail: { reason },
      });
      await alsoInTx?.(tx);
    });
  };
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash(deps.config)), password);
  if (!user || !user.active) {
    await fail(user ? 'inactive' : 'unknown_user');
    throw refused();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await fail('locked');
    throw refused();
  }
  if (!passwordOk) {
    const failures = user.failedLogins + 1;
    if (failures >= policy.maxFailures) {
      const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
      await fail('bad_password_locked', { failedLogins: 0, lockedUntil: until }, (tx) =>
        notify(tx, deps, { ...lockNotice(user.username, failures, until, meta.ip), userIds: [user.id], personal: true }),
      );
      throw refused();
    }
    await fail('bad_password', { failedLogins: failures });
    throw refused();
  }
  // Demo accounts keep the published demo password (README); expiry would lock visitors out of a long-running demo.
  const expired = !deps.config.demo && passwordExpired(user.passwordChangedAt, now, policy);
  const mustChange = user.mustChangePassword || expired;
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, mustChangePassword: mustChange })
      .where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      id: crypto.randomUUID(),
      tokenHash: hashSecret(sessionToken),
      csrfToken,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: userAgent?.slice(0, 300),
    });
    await appendAudit(tx, deps.clock, meta, {
      action: 'auth.login',
      username: user.username,
      userId: user.id,
      objectType: 'user',
      objectId: user.id,
      detail: mustChange ? { mustChangePassword: true } : {},
    });
  });
  const [unit] = await deps.db.select({ name: units.name, path: units.path }).from(units).where(eq(units.id, user.unitId));
  return {
    sessionToken,
    actor: {
      userId: user.id,
      username: user.username,
      name: user.name,
      unitId: user.unitId,
      unitName: unit?.name ?? '',
      unitPath: unit?.path ?? '',
      passwordChangedAt: user.passwordChangedAt,
      roles: user.roles as Role[],
      via: 'session',
      scope: 'write',
      mustChangePassword: mustChange,
      csrfToken,
    },
  };
}

const hhmmOf = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

/** What the account's owner is told when it locks: the caller at the login form is not. */
export function lockNotice(username: string, failures: number, until: Date, ip: string) {
  return {
    kind: 'auth.locked',
    title: '您的账号因连续登录失败已被锁定',
    body: `账号“${username}”连续 ${failures} 次密码错误（最后一次来自 ${ip}），已锁定至 ${hhmmOf(until)}，到时自动解除，安全保密管理员也可提前解锁。如非本人操作，请尽快联系安全保密管理员并修改密码。`,
    link: '/password',
  };
}

export async function logout(deps: Deps, meta: RequestMeta, sessionId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(sessions).set({ endedAt: deps.clock.now() }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
    await appendAudit(tx, deps.clock, meta, { action: 'auth.logout', objectType: 'session', objectId: sessionId });
  });
}

/**
 * Checks the policy and the last N passwords, stores the new hash, ends the
 * user's other sessions (a changed password should lock out whoever knew the old one).
 */
export async function changePassword(
  deps: Deps,
  meta: RequestMeta,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const policy = await deps.policy.get();
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await deps.db.transaction((tx) =>
      appendAudit(tx, deps.clock, meta, {
        action: 'auth.password.change',
        result: 'failure',
        objectType: 'user',
        objectId: userId,
        detail: { reason: 'bad_current_password' },
      }),
    );
    throw new AppError('CURRENT_PASSWORD_WRONG', '当前密码不正确');
  }
  const problems = passwordProblems(newPassword, policy, user.username);
  if (problems.length) throw new AppError('PASSWORD_POLICY', problems.join('；'), { problems });
  await assertNotReused(deps, user.id, user.passwordHash, newPassword, policy.historyCount);
  const now = deps.clock.now();
  const hashed = await hashPassword(newPassword, deps.config);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hashed, passwordChangedAt: now, mustChangePassword: false, updatedAt: now, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: hashed, createdAt: now });
    if (meta.actor?.sessionId) {
      await tx
        .update(sessions)
        .set({ endedAt: now })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt), ne(sessions.id, meta.actor.sessionId)));
    }
    await appendAudit(tx, deps.clock, meta, { action: 'auth.password.change', objectType: 'user', objectId: user.id });
  });
}

async function assertNotReused(deps: Deps, userId: string, currentHash: string, pw: string, count: number): Promise<void> {
  if (count <= 0) return;
  const history = await deps.db
    .select({ h: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(count + 1);
  // The current password is usually also the newest history row; count it once.
  const hashes = [...new Set([currentHash, ...history.map((r) => r.h)])].slice(0, count);
  for (const h of hashes) {
    if (await verifyPassword(h, pw)) throw new AppError('PASSWORD_POLICY', `新密码不能与最近 ${count} 次使用过的密码相同`);
  }
}
