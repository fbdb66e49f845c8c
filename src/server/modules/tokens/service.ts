import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connect';
import { apiTokens } from '../../db/schema';
import type { Clock } from '../../clock';
import type { Actor, RequestMeta } from '../../http/context';
import { AppError, notFound } from '../../errors';
import { isAdminRole } from '../../../shared/roles';
import { appendAudit } from '../audit/service';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../auth/tokens';

export const MAX_TOKENS_PER_USER = 20;

/**
 * An API token acts as its user, never beyond the user's own rights, and a
 * 'read' token only reads. Admin accounts get none: 等保 asks two factors
 * of admins, which a bearer token would bypass.
 */
export async function createToken(
  tx: Tx,
  clock: Clock,
  meta: RequestMeta,
  actor: Actor,
  input: { name: string; scope: 'read' | 'write'; expiresInDays?: number },
) {
  if (actor.roles.some(isAdminRole)) throw new AppError('SEPARATION_OF_DUTIES', '管理员账号不能创建 API 令牌');
  if (actor.via === 'token') throw new AppError('FORBIDDEN', '不能用 API 令牌创建新的令牌');
  const live = await tx.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)));
  if (live.length >= MAX_TOKENS_PER_USER) throw new AppError('RULE_VIOLATION', `每个账号最多 ${MAX_TOKENS_PER_USER} 个有效令牌，请先吊销不用的令牌`);
  const now = clock.now();
  const token = newSecret(API_TOKEN_PREFIX);
  const [row] = await tx
    .insert(apiTokens)
    .values({
      id: crypto.randomUUID(),
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecret(token),
      scope: input.scope,
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    })
    .returning();
  await appendAudit(tx, clock, meta, { action: 'auth.token.create', objectType: 'api_token', objectId: row!.id, detail: { name: input.name, scope: input.scope } });
  return { token, row: row! };
}

export async function revokeToken(tx: Tx, clock: Clock, meta: RequestMeta, userId: string, id: string) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw notFound('令牌');
  await appendAudit(tx, clock, meta, { action: 'auth.token.revoke', objectType: 'api_token', objectId: id });
}

export const listTokens = (db: Executor, userId: string) =>
  db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));

export function presentToken(t: typeof apiTokens.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
