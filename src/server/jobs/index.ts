import type { Deps } from '../deps';
import { auditCheckpointJob } from './audit-checkpoint';
import { deliverOutboxJob } from './deliver-outbox';
import { sweepMattersJob } from './sweep-matters';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler';

export type { Job, JobContext, Scheduler } from './scheduler';

/**
 * Starts the background jobs of this process. main.ts calls it after
 * migrating and stops it before closing the database.
 */
export function startJobs(deps: Deps, opts: Pick<SchedulerOptions, 'onError' | 'onRun' | 'tickMs'> = {}): Scheduler {
  return createScheduler(deps, [deliverOutboxJob(deps), sweepMattersJob(deps), auditCheckpointJob(deps)], opts);
}
