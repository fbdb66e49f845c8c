import type { Deps } from '../deps';
import { sweepMatters } from '../modules/supervision/sweeper';
import { sampleQuarterLookBacks } from '../modules/supervision/lookback-sample';
import type { Job } from './scheduler';

/** 自动催办, escalation, look-backs due and the quarterly random look-back draw; what is due changes by the day, so every 15 minutes is plenty. */
export function sweepMattersJob(deps: Deps, everyMs = 15 * 60_000): Job {
  return {
    name: 'sweep-matters',
    everyMs,
    run: async (ctx) => ({ sweep: await sweepMatters(deps, ctx.guard), sampled: await sampleQuarterLookBacks(deps, ctx.guard) }),
  };
}
