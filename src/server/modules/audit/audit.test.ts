import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { testEngine } from '../../../../test/support/env';
import { freshDatabase } from '../../../../test/support/db';
import { auditLog } from '../../db/schema';
import { openRuntime } from '../../runtime';
import { testConfig } from '../../config';
import { systemClock } from '../../clock';
import { appendAudit } from './service';

const ctx = await setupTestApp();
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** Changes one audit row behind the trigger's back, as an attacker with database access would. */
async function tamper(exec: (q: string) => Promise<unknown>, id: number) {
  await exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  await exec(`UPDATE audit_log SET result = 'failure', detail = '{"forged":true}' WHERE id = ${id}`);
  await exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
}

describe('audit log', () => {
  it('records who did what to which object, from where, with the request id', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const admin = await org.login('sysadmin');
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${org.townshipId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'x-request-id': `req-${org.tag}-0001` },
      payload: { sortOrder: 9, version: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.requestId, `req-${org.tag}-0001`));
    expect(row).toMatchObject({
      username: org.users.sysadmin.username,
      role: 'sysadmin',
      action: 'unit.update',
      objectType: 'unit',
      objectId: org.townshipId,
      result: 'success',
      ip: '127.0.0.1',
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    // The trigger compares with the database's own clock: records younger than 180 days are kept.
    ctx.clock.set(new Date());
    const org = await createOrg(ctx.app, ctx.deps);
    await org.login('staff');
    const [last] = await ctx.deps.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    await expect(ctx.deps.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE id = ${last!.id}`)).rejects.toThrow();
    await expect(ctx.deps.db.execute(sql`DELETE FROM audit_log WHERE id = ${last!.id}`)).rejects.toThrow();
    await expect(ctx.deps.db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
  });

  it('the auditor verifies the chain, and a tampered row is named', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const auditor = await org.login('auditor');
    const ok = await auditor.post('/api/v1/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenId: null });
    const rows = await ctx.deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(3);
    const victim = rows[2]!.id;
    await tamper((q) => ctx.deps.db.execute(sql.raw(q)), victim);
    const bad = await auditor.post('/api/v1/audit/verify');
    expect(bad.json()).toMatchObject({ ok: false, firstBrokenId: victim });
  });

  it('the auditor filters and exports to Excel with Chinese headers', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    await org.login('headB');
    const auditor = await org.login('auditor');
    const list = await auditor.get(`/api/v1/audit?username=${org.users.headB.username}&action=auth.login`);
    expect(list.json().items[0]).toMatchObject({ action: 'auth.login', actionLabel: '登录', result: 'success' });
    const xlsx = await auditor.get(`/api/v1/audit/export.xlsx?username=${org.users.headB.username}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(2).value).toBe('时间');
    expect(ws.getRow(2).getCell(5).value).toBe('登录');
  });
});

describe('zhongshu audit verify', () => {
  it('exits non-zero naming the first altered record', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-audit-'));
    const env: Record<string, string> = { ...process.env, ZHONGSHU_DATA: tmp } as Record<string, string>;
    delete env.DATABASE_URL;
    // A database of its own: the tests above deliberately broke this file's chain.
    if (testEngine() === 'postgres') {
      const own = await freshDatabase();
      await own.close();
      env.DATABASE_URL = own.url!;
    }
    const config = testConfig({ dataDir: tmp, databaseUrl: env.DATABASE_URL });
    // The CLI reads the same key and checkpoint folder from its environment.
    env.ZHONGSHU_AUDIT_KEY = config.audit.keyHex!;
    env.ZHONGSHU_AUDIT_CHECKPOINTS = config.audit.checkpointDir;
    const rt = await openRuntime(config);
    const meta = { ip: '127.0.0.1', requestId: 'cli-test', actor: null };
    for (let i = 0; i < 5; i++) {
      await rt.database.db.transaction((tx) => appendAudit(tx, systemClock, meta, { action: 'test.event', detail: { i } }));
    }
    const [victim] = await rt.database.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(eq(auditLog.action, 'test.event'))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .offset(2);
    const cli = () =>
      spawnSync(process.execPath, [path.join(repoRoot, 'bin/zhongshu.mjs'), 'audit', 'verify'], { env, encoding: 'utf8', cwd: repoRoot });
    if (testEngine() === 'pglite') await rt.close();
    const good = cli();
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('审计日志完好');
    const rt2 = testEngine() === 'pglite' ? await openRuntime(config) : rt;
    await tamper((q) => rt2.database.db.execute(sql.raw(q)), victim!.id);
    await rt2.close();
    const bad = cli();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`第 ${victim!.id} 号记录`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);
});
