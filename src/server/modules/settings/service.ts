import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/connect';
import { settings } from '../../db/schema';
import type { Clock } from '../../clock';
import { defaultPasswordPolicy, type PasswordPolicy } from '../../domain/password-policy';
import { AppError, stale } from '../../errors';

export const securityPolicySchema = z.strictObject({
  minLength: z.number().int().min(8).max(64),
  minClasses: z.number().int().min(2).max(4),
  maxAgeDays: z.number().int().min(0).max(365),
  historyCount: z.number().int().min(0).max(24),
  maxFailures: z.number().int().min(3).max(20),
  lockMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
});

const SECURITY_KEY = 'security.policy';

export async function getSecurityPolicy(db: Executor): Promise<PasswordPolicy & { version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SECURITY_KEY));
  if (!row) return { ...defaultPasswordPolicy, version: 0 };
  const parsed = securityPolicySchema.partial().safeParse(row.value);
  return { ...defaultPasswordPolicy, ...(parsed.success ? parsed.data : {}), version: row.version };
}

/** Optimistic concurrency: the caller sends the version it read; 0 means "never set". */
export async function putSecurityPolicy(
  tx: Executor,
  clock: Clock,
  userId: string,
  policy: PasswordPolicy,
  version: number,
): Promise<number> {
  const now = clock.now();
  if (version === 0) {
    const inserted = await tx
      .insert(settings)
      .values({ key: SECURITY_KEY, value: policy, version: 1, updatedAt: now, updatedBy: userId })
      .onConflictDoNothing()
      .returning({ version: settings.version });
    if (inserted.length === 0) throw stale();
    return 1;
  }
  const [row] = await tx.select().from(settings).where(eq(settings.key, SECURITY_KEY)).for('update');
  if (!row) throw new AppError('NOT_FOUND', '设置不存在');
  if (row.version !== version) throw stale();
  await tx
    .update(settings)
    .set({ value: policy, version: version + 1, updatedAt: now, updatedBy: userId })
    .where(eq(settings.key, SECURITY_KEY));
  return version + 1;
}
