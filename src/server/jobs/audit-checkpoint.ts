import type { Deps } from '../deps';
import { recordCheckpoint } from '../modules/audit/checkpoint';
import type { Job } from './scheduler';

/**
 * An hourly signed checkpoint of the audit chain, appended to the
 * checkpoint file outside the database. It bounds what can be lost unseen:
 * only records newer than the last checkpoint can vanish without a verify
 * noticing (docs/OPERATIONS.md).
 */
export function auditCheckpointJob(deps: Deps, everyMs = 60 * 60_000): Job {
  return {
    name: 'audit-checkpoint',
    everyMs,
    // No job lock: with several processes each keeps its own file, one more witness of the chain.
    run: async () => {
      const c = await recordCheckpoint(deps);
      return { headId: c?.headId ?? null };
    },
  };
}
