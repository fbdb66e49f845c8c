import { describe, expect, it } from 'vitest';
import { lights } from '../../../shared/supervision';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { createMatter } from '../../../../test/support/matters';
import type { Actor } from '../../http/context';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connect';
import { ledgerPage, withinBudget } from './ledger';

const ctx = await setupTestApp();

describe('ledger light filter', () => {
  it('light=… returns exactly the matters shown with that light, day by day across the National Day holidays', async () => {
    ctx.clock.set('2026-09-28T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    let sup = await org.login('supervisor');
    for (const days of [1, 2, 3, 5, 8]) {
      await createMatter(sup, org, { title: `灯${days}天${org.tag}`, deadline: { kind: 'working_days', days } });
    }
    await createMatter(sup, org, { title: `灯草稿${org.tag}`, assign: false });
    const q = encodeURIComponent(org.tag);
    const seen = new Set<string>();
    for (const day of ['2026-09-28', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-12', '2026-10-14', '2026-10-20']) {
      ctx.clock.set(`${day}T09:00:00+08:00`);
      sup = await org.login('supervisor'); // the session idles out across days
      const all = (await sup.get(`/api/v1/matters?q=${q}&pageSize=200`)).json().items as { id: string; light: string }[];
      expect(all).toHaveLength(6);
      for (const light of lights) {
        const r = (await sup.get(`/api/v1/matters?q=${q}&light=${light}&pageSize=200`)).json();
        const expected = all.filter((m) => m.light === light).map((m) => m.id).sort();
        expect({ day, light, ids: r.items.map((m: { id: string }) => m.id).sort() }).toEqual({ day, light, ids: expected });
        expect(r.total).toBe(expected.length);
        if (expected.length) seen.add(light);
      }
      const twoLights = (await sup.get(`/api/v1/matters?q=${q}&light=red&light=yellow&pageSize=200`)).json();
      expect(twoLights.total).toBe(all.filter((m) => m.light === 'red' || m.light === 'yellow').length);
    }
    expect([...seen].sort()).toEqual(['green', 'none', 'red', 'yellow']);
  });
});

describe('ledger total', () => {
  it('is exact up to the cap, then the cap with totalExact false', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    for (let i = 0; i < 4; i++) await createMatter(sup, org, { title: `计数${i}${org.tag}` });
    const r = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(org.tag)}&pageSize=2`)).json();
    expect(r).toMatchObject({ total: 4, totalExact: true, page: 1, pageSize: 2 });
    expect(r.items).toHaveLength(2);
    const actor = { userId: 'x', roles: ['supervisor'], unitPath: '/' } as unknown as Actor;
    const query = { q: org.tag, sort: 'deadline', order: 'asc' } as const;
    expect(await ledgerPage(ctx.deps.db, actor, query, '2026-05-06', 2, 0, { cap: 3 })).toMatchObject({ total: 3, totalExact: false });
    expect(await ledgerPage(ctx.deps.db, actor, query, '2026-05-06', 2, 0, { cap: 4 })).toMatchObject({ total: 4, totalExact: true });
  });

  it.runIf(ctx.database.engine === 'postgres')('gives up a count over its time budget and says only that more rows follow a full page', async () => {
    const slow = async (x: Executor) => {
      await x.execute(sql`SELECT pg_sleep(0.5)`);
      return 1;
    };
    expect(await withinBudget(ctx.deps.db, 50, slow)).toBeNull();
    expect(await withinBudget(ctx.deps.db, 5000, async () => 7)).toBe(7);
    // The connection keeps no timeout afterwards: SET LOCAL ended with the transaction.
    const res = (await ctx.deps.db.execute(sql`SHOW statement_timeout`)) as unknown as { rows: { statement_timeout: string }[] };
    const [row] = res.rows;
    expect(row!.statement_timeout).toBe('0');
  });
});
