import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, gte, sql } from 'drizzle-orm';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { freshDatabase } from '../../../../test/support/db';
import { auditLog } from '../../db/schema';
import { ManualClock } from '../../clock';
import { testConfig } from '../../config';
import type { Db } from '../../db/connect';
import { appendAudit } from './service';
import { auditHash, auditMac } from './hash';
import { ensureAuditKey, loadAuditKeyring } from './keyring';
import { checkpointFileOf, recordCheckpoint } from './checkpoint';
import { verifyWithCheckpoints } from './verify-files';

const ctx = await setupTestApp();
const meta = { ip: '127.0.0.1', requestId: 'chain-test', actor: null };
const DAY = 86_400_000;

describe('every value hashes as it is stored', () => {
  it("the auditor's own export (a Date in its query) leaves the chain intact", async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const auditor = await org.login('auditor');
    const xlsx = await auditor.get('/api/v1/audit/export.xlsx?from=2026-01-01');
    expect(xlsx.statusCode).toBe(200);
    const verify = await auditor.post('/api/v1/audit/verify');
    expect(verify.json(), verify.body).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('random details — dates, undefined, NaN, -0, NUL, lone surrogates, deep nesting — verify on the real database', async () => {
    const odd = fc.oneof(
      fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }),
      fc.constantFrom(undefined, NaN, Infinity, -Infinity, -0, 1e21, 1e-7, 2 ** 53 + 1, 0.1 + 0.2),
      fc.constantFrom('a\u0000b', '\ud800', 'x\udfffy', '\ud83d\ude00', '密级：无', '\u200b', '"\\'),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.double(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), odd, fc.array(tie('node'), { maxLength: 4 }), tie('obj')),
      obj: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a\u0000', '\ud801k')), tie('node'), { maxKeys: 4 }),
    }));
    await fc.assert(
      fc.asyncProperty(fc.array(value.obj as fc.Arbitrary<Record<string, unknown>>, { minLength: 1, maxLength: 3 }), async (details) => {
        for (const detail of details) {
          await ctx.deps.db.transaction((tx) => appendAudit(tx, ctx.deps.clock, meta, { action: 'test.random', username: 'u\u0000\ud800', detail }));
        }
        const r = await verifyWithCheckpoints(ctx.deps);
        expect(r, r.reason ?? '').toMatchObject({ ok: true });
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * Tampering as someone who can write the database but does not hold the
 * key: a DBA with triggers disabled, a restored copy, an edited data
 * directory. Each case gets a database of its own with a chain of twelve
 * records written over the last days, and a checkpoint taken after it.
 */
describe('tampering without the key is seen', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  async function chain(opts: { startDaysAgo?: number; checkpoint?: boolean } = {}) {
    const database = await freshDatabase();
    opened.push(database);
    const clock = new ManualClock();
    const now = Date.now();
    const config = testConfig();
    const deps = { db: database.db, clock, config, auditKeys: ctx.deps.auditKeys };
    const start = now - (opts.startDaysAgo ?? 3) * DAY;
    for (let i = 0; i < 12; i++) {
      clock.set(new Date(start + i * ((now - start) / 12)));
      await database.db.transaction((tx) => appendAudit(tx, clock, meta, { action: 'test.event', detail: { i } }));
    }
    clock.set(new Date(now));
    if (opts.checkpoint !== false) await recordCheckpoint(deps);
    const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const exec = (q: string) => database.db.execute(sql.raw(q));
    const verify = () => verifyWithCheckpoints(deps);
    return { db: database.db, deps, rows, exec, verify };
  }

  /** Without the key: disable the guards, do the harm, and re-hash every later record with the public algorithm. */
  async function asDba(exec: (q: string) => Promise<unknown>, harm: string) {
    await exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await exec(harm);
    await exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }

  async function rehashFrom(db: Db, exec: (q: string) => Promise<unknown>, fromId: number, forgeKey?: Buffer) {
    const all = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    const later = await db.select().from(auditLog).where(gte(auditLog.id, fromId)).orderBy(asc(auditLog.id));
    let prev = all.filter((r) => r.id < fromId).at(-1) ?? null;
    let seq = prev?.seq ?? 0;
    await exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    for (const r of later) {
      seq += 1;
      const link = { seq, prevAt: prev?.at ?? null };
      const prevHash = prev?.hash ?? '0'.repeat(64);
      const hash = auditHash(prevHash, { ...r, detail: r.detail }, link);
      const mac = forgeKey ? auditMac(forgeKey, hash) : r.mac;
      const at = link.prevAt ? `'${link.prevAt.toISOString()}'` : 'NULL';
      await exec(`UPDATE audit_log SET prev_hash = '${prevHash}', hash = '${hash}', seq = ${seq}, prev_at = ${at}, mac = '${mac}' WHERE id = ${r.id}`);
      prev = { ...r, hash, seq, prevAt: link.prevAt };
    }
    await exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }

  it('an untouched chain verifies, first and last id and count included', async () => {
    const c = await chain();
    const r = await c.verify();
    expect(r).toMatchObject({ ok: true, checked: 12, keyed: 12, legacy: 0, checkpoints: 1, firstId: c.rows[0]!.id, lastId: c.rows[11]!.id });
  });

  it('deleting the newest records is caught by the checkpoint', async () => {
    const c = await chain();
    await asDba(c.exec, `DELETE FROM audit_log WHERE id >= ${c.rows[10]!.id}`);
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('最新的记录被删除');
  });

  it('deleting the oldest records younger than 180 days is caught by the retention floor', async () => {
    const c = await chain({ checkpoint: false });
    await asDba(c.exec, `DELETE FROM audit_log WHERE id <= ${c.rows[2]!.id}`);
    const r = await c.verify();
    expect(r).toMatchObject({ ok: false, firstBrokenId: c.rows[3]!.id });
    expect(r.reason).toContain('未满 180 天');
  });

  it('records older than 180 days may be pruned, and the chain still verifies', async () => {
    const c = await chain({ startDaysAgo: 400 });
    // The trigger itself lets these go: they are older than 180 days by the database's clock.
    const old = c.rows.filter((r) => r.at.getTime() < Date.now() - 200 * DAY);
    expect(old.length).toBeGreaterThan(2);
    await c.exec(`DELETE FROM audit_log WHERE id <= ${old.at(-1)!.id}`);
    const r = await c.verify();
    expect(r, r.reason ?? '').toMatchObject({ ok: true, checked: 12 - old.length, firstId: old.at(-1)!.id + 1 });
  });

  it('rewriting a record and re-hashing everything after it fails on the MAC', async () => {
    const c = await chain({ checkpoint: false });
    const victim = c.rows[4]!;
    await asDba(c.exec, `UPDATE audit_log SET detail = '{"i":"forged"}' WHERE id = ${victim.id}`);
    await rehashFrom(c.db, c.exec, victim.id);
    const r = await c.verify();
    expect(r).toMatchObject({ ok: false, firstBrokenId: victim.id });
    expect(r.reason).toContain('签名');
  });

  it('re-signing with a key of the attacker’s own is refused too', async () => {
    const c = await chain({ checkpoint: false });
    const victim = c.rows[6]!;
    await asDba(c.exec, `UPDATE audit_log SET result = 'failure' WHERE id = ${victim.id}`);
    await rehashFrom(c.db, c.exec, victim.id, Buffer.alloc(32, 7));
    const r = await c.verify();
    expect(r).toMatchObject({ ok: false, firstBrokenId: victim.id });
  });

  it('deleting a record in the middle and re-chaining the rest shows the gap', async () => {
    const c = await chain({ checkpoint: false });
    await asDba(c.exec, `DELETE FROM audit_log WHERE id = ${c.rows[5]!.id}`);
    await rehashFrom(c.db, c.exec, c.rows[6]!.id);
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(r.firstBrokenId).toBe(c.rows[6]!.id);
  });

  /** Rewrites every record into the unsigned pre-0010 form, re-hashed, optionally forging one record's action. */
  async function downgradeAll(c: Awaited<ReturnType<typeof chain>>, forgeId?: number) {
    await c.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    let prev = '0'.repeat(64);
    for (const r of c.rows) {
      const action = r.id === forgeId ? 'test.forged' : r.action;
      const hash = auditHash(prev, { ...r, action });
      await c.exec(
        `UPDATE audit_log SET action = '${action}', prev_hash = '${prev}', hash = '${hash}', seq = NULL, prev_at = NULL, key_id = NULL, mac = NULL WHERE id = ${r.id}`,
      );
      prev = hash;
    }
    await c.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }

  it('turning every record into an unsigned old-style one is caught by the checkpoint', async () => {
    const c = await chain();
    await downgradeAll(c, c.rows[3]!.id);
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('检查点');
  });

  it('turning every record into an unsigned old-style one is caught without any checkpoint too', async () => {
    const c = await chain({ checkpoint: false });
    await downgradeAll(c);
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('没有任何签名记录');
  });

  it('an edited checkpoint file is refused', async () => {
    const c = await chain();
    const file = checkpointFileOf(c.deps.config.audit.checkpointDir);
    const line = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as { count: number };
    fs.writeFileSync(file, `${JSON.stringify({ ...line, count: line.count - 2 })}\n`);
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('签名无效');
    fs.appendFileSync(file, 'not a checkpoint\n');
    expect((await c.verify()).ok).toBe(false);
  });
});

describe('the audit key', () => {
  it('is created once in its file, outside the database, only while no record is signed, and read back the same', () => {
    const dir = fs.mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/zs-key-`);
    const cfg = { keyHex: undefined, keyFile: `${dir}/audit.key`, checkpointDir: dir };
    // A process that finds signed records but no key stops instead of signing with a key of its own.
    expect(() => ensureAuditKey(cfg, true)).toThrow(/已有签名记录/);
    expect(() => loadAuditKeyring(cfg)).toThrow(/找不到审计日志密钥/);
    expect(fs.existsSync(cfg.keyFile)).toBe(false);
    ensureAuditKey(cfg, false);
    const a = loadAuditKeyring(cfg);
    ensureAuditKey(cfg, true);
    const b = loadAuditKeyring(cfg);
    expect(b.current.id).toBe(a.current.id);
    expect(fs.statSync(cfg.keyFile).mode & 0o777).toBe(0o600);
    // Rotation: a new last line signs from now on; the old key still verifies what it signed.
    fs.appendFileSync(cfg.keyFile, `${'c3'.repeat(32)}\n`);
    const c = loadAuditKeyring(cfg);
    expect(c.current.id).not.toBe(a.current.id);
    expect(c.byId.has(a.current.id)).toBe(true);
    fs.writeFileSync(cfg.keyFile, 'short\n');
    expect(() => loadAuditKeyring(cfg)).toThrow(/审计日志密钥/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
