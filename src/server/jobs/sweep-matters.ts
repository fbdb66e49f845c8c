import type { Deps } from '../deps';
import { sweepMatters } from '../modules/supervision/sweeper';
import type { Job } from './scheduler';

/** 自动催办, escalation and look-backs due; what is due changes by the day, so every 15 minutes is plenty. */
export function sweepMattersJob(deps: Deps, everyMs = 15 * 60_000): Job {
  return { name: 'sweep-matters', everyMs, run: (ctx) => sweepMatters(deps, ctx.guard) };
}
