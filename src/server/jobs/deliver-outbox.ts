import type { Clock } from '../clock';
import type { Db } from '../db/connect';
import { deliverDue } from '../modules/notifications/delivery';
import type { Job } from './scheduler';

/** Sends due outbox rows (robots, webhooks, e-mail); a few seconds of latency is fine for notifications. */
export function deliverOutboxJob(deps: { db: Db; clock: Clock }, everyMs = 5_000): Job {
  return {
    name: 'deliver-outbox',
    everyMs,
    run: (ctx) => deliverDue(deps, ctx.guard, { signal: ctx.signal }),
  };
}
