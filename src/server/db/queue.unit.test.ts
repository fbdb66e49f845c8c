import { describe, expect, it } from 'vitest';
import { AdmissionQueue } from './queue';
import { dbBusy } from './errors';

const turn = () => new Promise<void>((r) => setImmediate(r));
const gate = () => {
  let open: () => void = () => undefined;
  const shut = new Promise<void>((r) => (open = r));
  return { shut, open };
};

describe('AdmissionQueue', () => {
  it('runs one unit at a time, in the order the units arrived', async () => {
    const q = new AdmissionQueue(100, dbBusy);
    const log: string[] = [];
    let running = 0;
    const unit = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await turn();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const names = ['a', 'b', 'c', 'd', 'e'];
    expect(await Promise.all(names.map((n) => q.run(unit(n))))).toEqual(names);
    expect(log).toEqual(names.flatMap((n) => [`start ${n}`, `end ${n}`]));
    expect(q.length).toBe(0);
  });

  it('serves work that arrived meanwhile before the next unit of a caller that just finished one', async () => {
    const q = new AdmissionQueue(100, dbBusy);
    const done: string[] = [];
    // A "request" of twenty units one after the other, and another that arrives on the loop's next turn
    // (as a request read from a socket would): it must not wait for the whole chain.
    const a = (async () => {
      for (let i = 0; i < 20; i++) done.push(await q.run(async () => `A${i}`));
    })();
    await turn();
    done.push(await q.run(async () => 'B'));
    await a;
    expect(done.indexOf('B')).toBeLessThanOrEqual(2);
    expect(done).toHaveLength(21);
  });

  it('refuses with DB_BUSY past its bound, and accepts again once the queue drains', async () => {
    const q = new AdmissionQueue(2, dbBusy);
    const g = gate();
    const held = q.run(() => g.shut);
    await turn(); // the held unit has the connection; two may wait
    const w1 = q.run(async () => 1);
    const w2 = q.run(async () => 2);
    await expect(q.run(async () => 3)).rejects.toMatchObject({ code: 'DB_BUSY', status: 503 });
    expect(q.length).toBe(2);
    g.open();
    await held;
    expect(await Promise.all([w1, w2])).toEqual([1, 2]);
    expect(await q.run(async () => 4)).toBe(4);
  });

  it('a unit that throws or rejects does not stall the ones behind it', async () => {
    const q = new AdmissionQueue(10, dbBusy);
    const bad = q.run(async () => {
      throw new Error('boom');
    });
    const sync = q.run((() => {
      throw new Error('sync boom');
    }) as () => Promise<never>);
    const good = q.run(async () => 'ok');
    await expect(bad).rejects.toThrow('boom');
    await expect(sync).rejects.toThrow('sync boom');
    expect(await good).toBe('ok');
  });
});
