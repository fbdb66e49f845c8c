import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setupTestApp } from '../../test/support/app';
import { createOrg } from '../../test/support/factories';
import { createMatter } from '../../test/support/matters';
import { notice2027 } from '../../test/support/notice-2027';
import { auditLog, officialHolidayYears } from '../server/db/schema';
import { matters } from '../server/modules/supervision/tables';
import { loadOfficialFile } from './calendar';
import { CliError } from './common';

// `zhongshu calendar load-official` on the test database: the same checks,
// audit and recalculation as the calendar page (the route has its own test).
const ctx = await setupTestApp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-cal-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('zhongshu calendar load-official', () => {
  it('is a command of the CLI', () => {
    const r = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../bin/zhongshu.mjs'), 'calendar', '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toContain('load-official <file>');
  });

  it('refuses a missing, non-JSON, oversize or invalid file in one Chinese line, writing nothing', async () => {
    const cases: [string, RegExp][] = [
      [path.join(tmp, 'absent.json'), /无法读取文件/],
      [write('broken.json', '{"year": 2027,'), /不是有效的 JSON/],
      [write('big.json', ' '.repeat(70 * 1024)), /超过 64 KB/],
      [write('noyear.json', '{"papers": []}'), /缺少 1900–2100 之间的年份/],
      [write('empty.json', JSON.stringify({ ...notice2027(), days: [] })), /^节假日文件无效：日期列表为空/],
      [write('bundled.json', JSON.stringify({ ...notice2027(), year: 2026, days: [{ name: '元旦', date: '2026-01-01', isOffDay: true }] })), /已随系统提供/],
    ];
    for (const [file, message] of cases) {
      const e = await loadOfficialFile(ctx.deps, file).catch((x: unknown) => x);
      expect(e, file).toBeInstanceOf(CliError);
      expect((e as CliError).message).toMatch(message);
    }
    expect(await ctx.deps.db.select().from(officialHolidayYears)).toEqual([]);
  });

  it('loads the file, recounts the deadlines it changes and says how many', async () => {
    ctx.clock.set('2026-12-02T09:30:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const m = await createMatter(await org.login('supervisor'), org, { deadline: { kind: 'working_days', days: 50 } });
    const out = await loadOfficialFile(ctx.deps, write('2027.json', JSON.stringify(notice2027(), null, 4)));
    expect(out).toMatch(/^已载入 2027 年节假日安排；重算了 [1-9]\d* 个在办事项的办理期限/);
    const [row] = await ctx.deps.db.select({ deadline: sql<string>`${matters.snapshot}->>'deadline'` }).from(matters).where(eq(matters.id, m.id));
    expect(row!.deadline).toBe('2027-02-19');
    const [audit] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'calendar.official_year.put'));
    expect(audit).toMatchObject({ objectId: '2027', ip: 'cli', userId: null });
  });
});
