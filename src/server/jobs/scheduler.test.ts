import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/support/app';
import { startJobs } from '.';
import { advisoryGuard, jobLockKey } from './lock';
import { createScheduler, type Job, type JobContext } from './scheduler';

const ctx = await setupTestApp();

/** A job whose runs the test opens and closes by hand. */
function gatedJob(name: string, everyMs: number) {
  const runs: JobContext[] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const job: Job = {
    name,
    everyMs,
    run: async (c) => {
      runs.push(c);
      await gate;
      return runs.length;
    },
  };
  return {
    job,
    runs,
    hold: () => {
      gate = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
  };
}

describe('scheduler', () => {
  it('runs a job at start and then every interval, measured on the injected clock', async () => {
    const j = gatedJob('interval', 60_000);
    const s = createScheduler(ctx.deps, [j.job], { autoStart: false });
    await s.runDue();
    expect(j.runs).toHaveLength(1);
    await s.runDue();
    ctx.clock.advance(59_000);
    await s.runDue();
    expect(j.runs).toHaveLength(1);
    ctx.clock.advance(1_000);
    await s.runDue();
    expect(j.runs).toHaveLength(2);
    expect(j.runs[1]!.now()).toEqual(ctx.clock.now());
    await s.stop();
  });

  it('never overlaps a job with itself', async () => {
    const j = gatedJob('overlap', 1_000);
    const s = createScheduler(ctx.deps, [j.job], { autoStart: false });
    j.hold();
    const first = s.runDue();
    ctx.clock.advance(10_000);
    await s.runDue();
    await s.runDue();
    expect(j.runs).toHaveLength(1);
    j.release();
    await first;
    ctx.clock.advance(1_000);
    await s.runDue();
    expect(j.runs).toHaveLength(2);
    await s.stop();
  });

  it('reports a failing run and keeps the schedule', async () => {
    const errors: [string, unknown][] = [];
    let calls = 0;
    const job: Job = {
      name: 'flaky',
      everyMs: 1_000,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    };
    const s = createScheduler(ctx.deps, [job], { autoStart: false, onError: (n, e) => errors.push([n, e]) });
    await s.runDue();
    ctx.clock.advance(1_000);
    await s.runDue();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe('flaky');
    await s.stop();
  });

  it('stop() aborts the signal, waits for the running job and runs nothing afterwards', async () => {
    const j = gatedJob('stoppable', 1_000);
    const s = createScheduler(ctx.deps, [j.job], { autoStart: false });
    j.hold();
    void s.runDue();
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(j.runs[0]!.signal.aborted).toBe(true);
    expect(stopped).toBe(false);
    j.release();
    await stopping;
    ctx.clock.advance(60_000);
    await s.runDue();
    expect(j.runs).toHaveLength(1);
  });

  it('ticks on its own timer when started for real, and startJobs() returns a stoppable scheduler', async () => {
    const j = gatedJob('ticking', 1_000);
    const s = createScheduler(ctx.deps, [j.job], { tickMs: 10 });
    while (j.runs.length === 0) await new Promise((r) => setTimeout(r, 5));
    await s.stop();
    const jobs = startJobs(ctx.deps, { tickMs: 60_000 });
    await jobs.stop();
  });
});

describe('advisory lock guard', () => {
  it('runs the body in a transaction and releases the lock at its end', async () => {
    const guard = advisoryGuard(ctx.deps.db, 'guarded');
    expect(await guard(async () => 'first')).toEqual({ ran: true, value: 'first' });
    expect(await guard(async () => 'second')).toEqual({ ran: true, value: 'second' });
    expect(jobLockKey('guarded')).toBe(jobLockKey('guarded'));
    expect(jobLockKey('guarded')).not.toBe(jobLockKey('other'));
  });

  it.runIf(ctx.deps.engine === 'postgres')('skips the run while another process holds the job lock (PostgreSQL)', async () => {
    const other = new pg.Client({ connectionString: ctx.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(727100, $1::int)', [jobLockKey('deliver-outbox')]);
      let ran = false;
      const guard = advisoryGuard(ctx.deps.db, 'deliver-outbox');
      expect(await guard(async () => (ran = true))).toEqual({ ran: false });
      expect(ran).toBe(false);
      // Another job's lock is independent.
      expect((await advisoryGuard(ctx.deps.db, 'another-job')(async () => 1)).ran).toBe(true);
      await other.query('COMMIT');
      expect(await guard(async () => 'now')).toEqual({ ran: true, value: 'now' });
    } finally {
      await other.end();
    }
  });
});
