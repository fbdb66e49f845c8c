import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { createMatter } from '../../../../test/support/matters';
import { isCommonTerm } from '../../db/search';

const ctx = await setupTestApp();

describe('ledger text search', () => {
  it('finds every title holding the term, for 1, 2 and more characters, common or rare, whichever index serves it', async () => {
    ctx.clock.set('2026-05-06T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const titles = [
      ...Array.from({ length: 24 }, (_, i) => `高标准农田建设第${i + 1}批`),
      '农村人居环境整治',
      '秸秆禁烧巡查',
      '河湖长制问题整改',
      'Road Safety 整治',
    ];
    for (const title of titles) await createMatter(sup, org, { title });
    await ctx.deps.db.execute(sql`ANALYZE matters`);
    // 农田 is in most titles here, 禁 in one (4 %), 雪 in none: the statistics tell them apart.
    expect(await isCommonTerm(ctx.deps.db, 'matters_title_bigrams', '农田', 0.1)).toBe(true);
    expect(await isCommonTerm(ctx.deps.db, 'matters_title_bigrams', '禁', 0.1)).toBe(false);
    expect(await isCommonTerm(ctx.deps.db, 'matters_title_bigrams', '雪')).toBe(false);
    expect(await isCommonTerm(ctx.deps.db, 'matters_title_bigrams', '农田建设')).toBe(false);
    for (const term of ['农田', '农', '禁', '整治', '整', '人居环境', 'road', 'ROAD SAFETY', '第1', '不存在']) {
      const expected = titles.filter((t) => t.toLowerCase().includes(term.toLowerCase())).sort();
      const found: string[] = [];
      for (let page = 1; ; page++) {
        const r = (await sup.get(`/api/v1/matters?q=${encodeURIComponent(term)}&pageSize=10&page=${page}`)).json();
        expect(r.total, term).toBe(expected.length);
        found.push(...r.items.map((m: { title: string }) => m.title));
        if (r.items.length < 10) break;
      }
      expect({ term, found: found.sort() }).toEqual({ term, found: expected });
    }
  });
});
