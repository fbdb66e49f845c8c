import type { Clock } from '../clock';
import type { Db } from '../db/connect';
import type { Guard } from '../modules/notifications/delivery';
import { advisoryGuard } from './lock';

export interface JobContext {
  /** the injected clock's time; jobs compute what is due from it, never from Date.now() */
  now(): Date;
  /** aborted when the scheduler stops; long jobs check it between units of work */
  signal: AbortSignal;
  /** runs fn in a transaction holding this job's advisory lock, or not at all if another process holds it */
  guard: Guard;
}

export interface Job {
  name: string;
  everyMs: number;
  run(ctx: JobContext): Promise<unknown>;
}

export interface Scheduler {
  /** starts every job that is due by the clock and not already running; resolves when those runs end */
  runDue(): Promise<void>;
  /** stops the timer, asks running jobs to stop, and waits for them */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** how often the real timer looks for due jobs */
  tickMs?: number;
  /** false leaves ticking to the caller (tests drive runDue with a ManualClock) */
  autoStart?: boolean;
  onError?: (job: string, err: unknown) => void;
  onRun?: (job: string, result: unknown) => void;
}

interface JobState {
  job: Job;
  nextRunAt: number;
  running: Promise<void> | null;
}

/**
 * Runs registered jobs on intervals measured by the injected clock. A job
 * never overlaps itself in this process (a due tick is skipped while it
 * runs), and across processes its advisory-lock guard decides who works.
 * The next run is timed from the end of the last, so a slow run cannot pile
 * up behind itself.
 */
export function createScheduler(deps: { db: Db; clock: Clock }, jobs: Job[], opts: SchedulerOptions = {}): Scheduler {
  const abort = new AbortController();
  const start = deps.clock.now().getTime();
  const states: JobState[] = jobs.map((job) => ({ job, nextRunAt: start, running: null }));
  let stopped = false;

  const launch = (s: JobState): Promise<void> => {
    const ctx: JobContext = { now: () => deps.clock.now(), signal: abort.signal, guard: advisoryGuard(deps.db, s.job.name) };
    s.running = (async () => {
      try {
        // Run first: `onRun?.(…, await run())` would skip the run itself when no onRun is given.
        const result = await s.job.run(ctx);
        opts.onRun?.(s.job.name, result);
      } catch (err) {
        opts.onError?.(s.job.name, err);
      } finally {
        s.nextRunAt = deps.clock.now().getTime() + s.job.everyMs;
        s.running = null;
      }
    })();
    return s.running;
  };

  const runDue = async (): Promise<void> => {
    if (stopped) return;
    const now = deps.clock.now().getTime();
    const started = states.filter((s) => !s.running && s.nextRunAt <= now).map(launch);
    await Promise.all(started);
  };

  let timer: NodeJS.Timeout | null = null;
  if (opts.autoStart ?? true) {
    timer = setInterval(() => void runDue(), opts.tickMs ?? 1000);
    // The HTTP server keeps the process alive; the job timer alone should not.
    timer.unref();
  }

  return {
    runDue,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      abort.abort();
      await Promise.all(states.map((s) => s.running));
    },
  };
}
