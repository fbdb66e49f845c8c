import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Executor } from '../../db/connect';
import { settings } from '../../db/schema';
import { stale } from '../../errors';

export const SMTP_KEY = 'notify.smtp';
export const DELIVERY_KEY = 'notify.delivery';

export interface SmtpSettings {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
}

export interface DeliverySettings {
  /** per attempt, covering connect, send and reply */
  timeoutMs: number;
  /** attempts before a message is given up as dead */
  maxAttempts: number;
  /** the platform's address as users reach it, to turn in-app links into absolute ones; '' when unknown */
  publicUrl: string;
}

export const defaultSmtp: SmtpSettings = { enabled: false, host: '', port: 465, secure: true, user: '', password: '', from: '' };
export const defaultDelivery: DeliverySettings = { timeoutMs: 10_000, maxAttempts: 8, publicUrl: '' };

// Stored values are parsed leniently field by field, so a value written by an
// older version (or by hand) degrades to defaults instead of breaking delivery.
const storedSmtp = z
  .object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    password: z.string(),
    from: z.string(),
  })
  .partial();
const storedDelivery = z
  .object({ timeoutMs: z.number().int().positive(), maxAttempts: z.number().int().positive(), publicUrl: z.string() })
  .partial();

async function readSetting(db: Executor, key: string): Promise<{ value: unknown; version: number } | null> {
  const [row] = await db.select({ value: settings.value, version: settings.version }).from(settings).where(eq(settings.key, key));
  return row ?? null;
}

/** Optimistic concurrency as for the security policy: version 0 means "never saved". */
async function writeSetting(tx: Executor, clock: Clock, userId: string | null, key: string, value: unknown, version: number): Promise<number> {
  const now = clock.now();
  if (version === 0) {
    const inserted = await tx
      .insert(settings)
      .values({ key, value, version: 1, updatedAt: now, updatedBy: userId })
      .onConflictDoNothing()
      .returning({ version: settings.version });
    if (inserted.length === 0) throw stale();
    return 1;
  }
  const [row] = await tx.select({ version: settings.version }).from(settings).where(eq(settings.key, key)).for('update');
  if (!row || row.version !== version) throw stale();
  await tx.update(settings).set({ value, version: version + 1, updatedAt: now, updatedBy: userId }).where(eq(settings.key, key));
  return version + 1;
}

export async function getSmtpSettings(db: Executor): Promise<SmtpSettings & { version: number }> {
  const row = await readSetting(db, SMTP_KEY);
  const parsed = storedSmtp.safeParse(row?.value ?? {});
  return { ...defaultSmtp, ...(parsed.success ? parsed.data : {}), version: row?.version ?? 0 };
}

export const smtpConfigured = (s: SmtpSettings): boolean => s.enabled && s.host !== '' && s.from !== '';

export async function saveSmtpSettings(tx: Executor, clock: Clock, userId: string | null, value: SmtpSettings, version: number) {
  return writeSetting(tx, clock, userId, SMTP_KEY, value, version);
}

export async function getDeliverySettings(db: Executor): Promise<DeliverySettings & { version: number }> {
  const row = await readSetting(db, DELIVERY_KEY);
  const parsed = storedDelivery.safeParse(row?.value ?? {});
  return { ...defaultDelivery, ...(parsed.success ? parsed.data : {}), version: row?.version ?? 0 };
}

export async function saveDeliverySettings(tx: Executor, clock: Clock, userId: string | null, value: DeliverySettings, version: number) {
  return writeSetting(tx, clock, userId, DELIVERY_KEY, value, version);
}

/** In-app links are paths like /matters/…; robots and e-mail need them absolute, or not at all. */
export function absoluteLink(link: string | null | undefined, publicUrl: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!publicUrl || !link.startsWith('/')) return null;
  return publicUrl.replace(/\/+$/, '') + link;
}
