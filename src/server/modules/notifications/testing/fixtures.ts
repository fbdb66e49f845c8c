import { asc, eq } from 'drizzle-orm';
import { notificationChannels, outbox, outboxAttempts } from '../../../db/schema';
import type { Deps } from '../../../deps';
import type { RequestMeta } from '../../../http/context';
import { advisoryGuard } from '../../../jobs/lock';
import { createChannel, type ChannelInput } from '../channels';
import { deliverDue, type DeliveryOptions } from '../delivery';
import { getDeliverySettings, saveDeliverySettings, type DeliverySettings } from '../settings';

/** Shared set-up for the notification tests (test-only code). */
export const systemMeta: RequestMeta = { ip: '127.0.0.1', requestId: 'notifications-test', actor: null };

export const addChannel = (deps: Deps, input: ChannelInput) =>
  deps.db.transaction((tx) => createChannel(tx, deps.clock, systemMeta, input));

/** Channels are global, so each test switches its own off afterwards to keep other tests' notify() calls unaffected. */
export const disableAllChannels = (deps: Deps) => deps.db.update(notificationChannels).set({ enabled: false });

export async function setDelivery(deps: Deps, over: Partial<DeliverySettings>): Promise<void> {
  const cur = await getDeliverySettings(deps.db);
  const { version, ...value } = cur;
  await deps.db.transaction((tx) => saveDeliverySettings(tx, deps.clock, null, { ...value, ...over }, version));
}

/** One job run, through the same advisory-lock guard the scheduler uses. */
export const runDelivery = (deps: Deps, opts: DeliveryOptions = {}) =>
  deliverDue(deps, advisoryGuard(deps.db, 'deliver-outbox'), opts);

export async function outboxRowOf(deps: Deps, id: string) {
  const [row] = await deps.db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

export const attemptsOf = (deps: Deps, id: string) =>
  deps.db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id)).orderBy(asc(outboxAttempts.id));
