import { describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg, type TestOrg } from '../../../../test/support/factories';
import { uploadEvidence } from '../../../../test/support/evidence';
import { createMatter, fullChecklist } from '../../../../test/support/matters';
import { defaultSupervisionSettings, type SupervisionSettings } from '../../domain/supervision';
import { advisoryGuard } from '../../jobs/lock';
import { loadWorkCalendar } from '../calendar/service';
import { lightThresholds } from './light-thresholds';
import { sampleQuarterLookBacks } from './lookback-sample';
import { loadSupervisionSettings } from './settings-service';
import { sweepMatters } from './sweeper';
import { matters } from './tables';

/**
 * 督办设置 are global (one row per database), so the tests of this file run
 * in order and each reads the current version before it saves.
 */
const ctx = await setupTestApp();
const url = '/api/v1/supervision/settings';
const hasChinese = /[\u4e00-\u9fa5]/;
const guard = () => advisoryGuard(ctx.deps.db, 'sweep-matters');

async function current(c: Client): Promise<{ settings: SupervisionSettings; version: number }> {
  const r = await c.get(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Saves a change on top of what is stored, as the supervisor. */
async function change(org: TestOrg, over: Partial<SupervisionSettings>) {
  const sup = await org.login('supervisor');
  const now = await current(sup);
  const r = await sup.put(url, { settings: { ...now.settings, ...over }, version: now.version });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { settings: SupervisionSettings; version: number };
}

async function auditCount(): Promise<number> {
  const r = (await ctx.deps.db.execute(sql`SELECT count(*)::int AS n FROM audit_log`)) as { rows: { n: number }[] };
  return r.rows[0]!.n;
}

/** 交办 → 签收 → 报结 → 单位审核 → 督查室审核: a closed matter. */
async function closeMatter(org: TestOrg, over: Record<string, unknown> = {}) {
  const sup = await org.login('supervisor');
  const liaison = await org.login('liaisonA');
  const head = await org.login('headA');
  let m = await createMatter(sup, org, over);
  const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
    const r = await c.post(`/api/v1/matters/${m.id}/actions/${action}`, { version: m.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    m = r.json();
  };
  await step(liaison, 'accept');
  await step(liaison, 'submit_completion', { report: '已完成', evidenceIds: [await uploadEvidence(liaison)] });
  await step(head, 'approve_completion', { approved: true });
  await step(sup, 'review', { approved: true, checklist: fullChecklist });
  expect(m.state).toBe('closed');
  return m.id as string;
}

describe('督办设置', () => {
  it('business roles read the defaults; only the supervisor saves; a stale version is 409; each change is audited with before/after', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    for (const key of ['leader', 'supervisor', 'staff', 'liaisonA', 'headA'] as const) {
      const got = await current(await org.login(key));
      expect(got).toMatchObject({ settings: { ...defaultSupervisionSettings }, version: 0 });
    }
    for (const key of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect((await (await org.login(key)).get(url)).statusCode, key).toBe(403);
    }
    const body = { settings: { ...defaultSupervisionSettings, yellowWorkingDays: 5 }, version: 0 };
    for (const key of ['leader', 'staff', 'liaisonA', 'headA', 'sysadmin', 'secadmin', 'auditor'] as const) {
      const r = await (await org.login(key)).put(url, body);
      expect(r.statusCode, key).toBe(403);
    }
    expect((await current(await org.login('leader'))).version).toBe(0);

    const sup = await org.login('supervisor');
    const saved = await sup.put(url, {
      settings: { ...body.settings, lookBackDaysByCategory: { ' 教育 ': 10, 安全生产: 60 }, lookBackSamplePercent: 12.5 },
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      settings: { yellowWorkingDays: 5, escalateAfterRedWorkingDays: 3, lookBackDays: 30, lookBackDaysByCategory: { 教育: 10, 安全生产: 60 }, lookBackSamplePercent: 12.5 },
      version: 1,
    });
    expect(await current(await org.login('liaisonA'))).toMatchObject({ settings: { yellowWorkingDays: 5 }, version: 1 });

    const again = await sup.put(url, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('STALE_VERSION');
    expect(again.json().error.message).toMatch(hasChinese);
    expect((await current(sup)).settings.yellowWorkingDays).toBe(5);

    const back = await sup.put(url, { settings: defaultSupervisionSettings, version: 1 });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ settings: { ...defaultSupervisionSettings }, version: 2 });

    const audits = (await ctx.deps.db.execute(
      sql`SELECT detail FROM audit_log WHERE action = 'supervision.settings.put' ORDER BY id`,
    )) as { rows: { detail: { before: SupervisionSettings; after: SupervisionSettings } }[] };
    expect(audits.rows).toHaveLength(2);
    expect(audits.rows[0]!.detail.before.yellowWorkingDays).toBe(3);
    expect(audits.rows[0]!.detail.after).toMatchObject({ yellowWorkingDays: 5, lookBackDaysByCategory: { 教育: 10 } });
    expect(audits.rows[1]!.detail.before.yellowWorkingDays).toBe(5);
    expect(audits.rows[1]!.detail.after.yellowWorkingDays).toBe(3);
  });

  it('refuses bad input with a Chinese message and changes nothing', async () => {
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const before = await current(sup);
    const ok = before.settings;
    const manyCategories = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`分类${i}`, 10]));
    const bad: [string, unknown, number][] = [
      ['yellow 0', { settings: { ...ok, yellowWorkingDays: 0 }, version: before.version }, 400],
      ['yellow 21', { settings: { ...ok, yellowWorkingDays: 21 }, version: before.version }, 400],
      ['yellow 2.5', { settings: { ...ok, yellowWorkingDays: 2.5 }, version: before.version }, 400],
      ['escalate 31', { settings: { ...ok, escalateAfterRedWorkingDays: 31 }, version: before.version }, 400],
      ['escalate 0', { settings: { ...ok, escalateAfterRedWorkingDays: 0 }, version: before.version }, 400],
      ['look-back 366', { settings: { ...ok, lookBackDays: 366 }, version: before.version }, 400],
      ['look-back 0', { settings: { ...ok, lookBackDays: 0 }, version: before.version }, 400],
      ['percent 101', { settings: { ...ok, lookBackSamplePercent: 101 }, version: before.version }, 400],
      ['percent -1', { settings: { ...ok, lookBackSamplePercent: -1 }, version: before.version }, 400],
      ['category days 0', { settings: { ...ok, lookBackDaysByCategory: { 教育: 0 } }, version: before.version }, 400],
      ['category days 366', { settings: { ...ok, lookBackDaysByCategory: { 教育: 366 } }, version: before.version }, 400],
      ['category days text', { settings: { ...ok, lookBackDaysByCategory: { 教育: '十' } }, version: before.version }, 400],
      ['category name empty', { settings: { ...ok, lookBackDaysByCategory: { '  ': 10 } }, version: before.version }, 400],
      ['category name 21', { settings: { ...ok, lookBackDaysByCategory: { [`${'长'.repeat(21)}`]: 10 } }, version: before.version }, 400],
      ['51 categories', { settings: { ...ok, lookBackDaysByCategory: manyCategories }, version: before.version }, 400],
      ['categories as a list', { settings: { ...ok, lookBackDaysByCategory: [['教育', 10]] }, version: before.version }, 400],
      ['category marked 机密', { settings: { ...ok, lookBackDaysByCategory: { '机密★1年': 10 } }, version: before.version }, 422],
      ['yellow as text', { settings: { ...ok, yellowWorkingDays: '3' }, version: before.version }, 400],
      ['settings null', { settings: null, version: before.version }, 400],
      ['field missing', { settings: { yellowWorkingDays: 3 }, version: before.version }, 400],
      ['unknown setting', { settings: { ...ok, redWorkingDays: 3 }, version: before.version }, 400],
      ['unknown top-level field', { settings: ok, version: before.version, force: true }, 400],
      ['no version', { settings: ok }, 400],
      ['version as text', { settings: ok, version: 'x' }, 400],
      ['negative version', { settings: ok, version: -1 }, 400],
    ];
    const audits = await auditCount();
    for (const [label, payload, status] of bad) {
      const r = await sup.put(url, payload);
      expect(r.statusCode, `${label}: ${r.body}`).toBe(status);
      expect(r.json().error.code, label).toMatch(/^[A-Z_]+$/);
      expect(r.json().error.message, label).toMatch(hasChinese);
    }
    const outOfRange = await sup.put(url, { settings: { ...ok, yellowWorkingDays: 21 }, version: before.version });
    expect(outOfRange.json().error.message).toContain('黄灯预警工作日数应在 1 到 20 之间');
    expect(await current(sup)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('recomputes the yellow thresholds of open matters: a green matter turns yellow in the ledger filter when the limit grows', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    let sup = await org.login('supervisor');
    const open = await createMatter(sup, org, { deadline: { kind: 'date', date: '2026-03-20' } });
    const draft = await createMatter(sup, org, { deadline: { kind: 'date', date: '2026-03-20' }, assign: false });
    ctx.clock.set('2026-03-12T09:00:00+08:00'); // 6 working days left: 13, 16–20 March
    sup = await org.login('supervisor');
    const ledger = async (light: string) =>
      ((await sup.get(`/api/v1/matters?leadUnitId=${org.deptAId}&light=${light}`)).json().items as { id: string; light: string }[]).map((i) => i.id);
    expect(await ledger('green')).toEqual([open.id]);
    expect(await ledger('yellow')).toEqual([]);
    const thresholds = async (id: string) =>
      ((await ctx.deps.db.execute(sql`SELECT light_mode, yellow_from::text AS y, red_from::text AS r FROM matters WHERE id = ${id}`)) as {
        rows: { light_mode: string; y: string | null; r: string | null }[];
      }).rows[0]!;
    const draftBefore = await thresholds(draft.id);

    await change(org, { yellowWorkingDays: 6 });
    sup = await org.login('supervisor');
    expect(await ledger('yellow')).toEqual([open.id]);
    expect(await ledger('green')).toEqual([]);
    expect((await sup.get(`/api/v1/matters/${open.id}`)).json().light).toBe('yellow');
    expect(await thresholds(open.id)).toEqual({ light_mode: 'clock', y: '2026-03-12', r: '2026-03-21' });
    expect(await thresholds(draft.id)).toEqual(draftBefore);

    // A matter written after the change gets the new limit at once.
    const later = await createMatter(sup, org, { deadline: { kind: 'date', date: '2026-03-20' } });
    expect((await thresholds(later.id)).y).toBe('2026-03-12');

    // Shrinking the limit turns them green again; the audit says how many were recomputed.
    await change(org, { yellowWorkingDays: 3 });
    sup = await org.login('supervisor');
    expect((await ledger('green')).sort()).toEqual([open.id, later.id].sort());
    const [last] = ((await ctx.deps.db.execute(
      sql`SELECT detail FROM audit_log WHERE action = 'supervision.settings.put' ORDER BY id DESC LIMIT 1`,
    )) as { rows: { detail: { recomputedMatters: number } }[] }).rows;
    expect(last!.detail.recomputedMatters).toBeGreaterThanOrEqual(2);
  });

  it('matter writes racing a settings change all end with thresholds from the settings in force', async () => {
    ctx.clock.set('2026-03-02T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const ms: { id: string; version: number }[] = [];
    for (let i = 0; i < 6; i++) ms.push(await createMatter(sup, org, { title: `并发${i}${org.tag}`, deadline: { kind: 'date', date: `2026-03-${20 + (i % 3)}` } }));
    const now = await current(sup);
    const results = await Promise.all([
      sup.put(url, { settings: { ...now.settings, yellowWorkingDays: 9 }, version: now.version }),
      ...ms.map((m) => sup.post(`/api/v1/matters/${m.id}/actions/remind`, { version: m.version, comment: '请加快办理' })),
    ]);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const [calendar, settings] = await Promise.all([loadWorkCalendar(ctx.deps.db), loadSupervisionSettings(ctx.deps.db)]);
    expect(settings.yellowWorkingDays).toBe(9);
    const rows = await ctx.deps.db.select().from(matters).where(inArray(matters.id, ms.map((m) => m.id)));
    expect(rows).toHaveLength(ms.length);
    for (const r of rows) {
      expect(r.snapshot.counts.reminders, r.id).toBeGreaterThan(0);
      const t = lightThresholds(r.snapshot, calendar, settings);
      expect({ lightMode: r.lightMode, yellowFrom: r.yellowFrom, redFrom: r.redFrom }, r.id).toEqual({ lightMode: t.lightMode, yellowFrom: t.yellowFrom, redFrom: t.redFrom });
    }
    await change(org, { yellowWorkingDays: 3 });
  });

  it('the sweeper escalates after the configured number of red working days', async () => {
    ctx.clock.set('2026-04-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const sup = await org.login('supervisor');
    const m = await createMatter(sup, org, { deadline: { kind: 'date', date: '2026-04-17' }, instructingLeaderId: org.users.leader.id });
    await change(org, { escalateAfterRedWorkingDays: 1 });
    const events = async () =>
      ((await (await org.login('supervisor')).get(`/api/v1/matters/${m.id}`)).json().timeline as { type: string; payload: { trigger?: string } }[]).map(
        (e) => `${e.type}${e.payload.trigger ? `:${e.payload.trigger}` : ''}`,
      );
    ctx.clock.set('2026-04-20T09:00:00+08:00'); // the first working day after the deadline: 1 red working day
    await sweepMatters(ctx.deps, guard());
    await sweepMatters(ctx.deps, guard());
    const seen = await events();
    expect(seen.filter((e) => e === 'reminded:red' || e === 'escalated')).toEqual(['reminded:red', 'escalated']);
    await change(org, { escalateAfterRedWorkingDays: 3 });
  });

  it('the sweeper takes look-back days per category; the quarterly draw takes the sample percent', async () => {
    ctx.clock.set('2027-02-01T09:00:00+08:00');
    const org = await createOrg(ctx.app, ctx.deps);
    const category = `回头看${org.tag}`;
    await change(org, { lookBackDays: 30, lookBackDaysByCategory: { [category]: 5 }, lookBackSamplePercent: 0 });
    const soon = await closeMatter(org, { categories: [category] });
    const plain = await closeMatter(org);
    const lookBackDue = async (id: string) => (await (await org.login('supervisor')).get(`/api/v1/matters/${id}`)).json().lookBackDue;

    ctx.clock.set('2027-02-05T09:00:00+08:00');
    await sweepMatters(ctx.deps, guard());
    expect(await lookBackDue(soon)).toBeNull();
    ctx.clock.set('2027-02-06T09:00:00+08:00'); // 5 days after closing
    await sweepMatters(ctx.deps, guard());
    expect(await lookBackDue(soon)).toBe('scheduled');
    expect(await lookBackDue(plain)).toBeNull();

    // 2027Q1 holds these two closed matters only; with 0 % none is drawn, with 100 % the other one is.
    ctx.clock.set('2027-04-02T09:00:00+08:00');
    expect(await sampleQuarterLookBacks(ctx.deps, guard())).toBe(0);
    await change(org, { lookBackSamplePercent: 100 });
    expect(await sampleQuarterLookBacks(ctx.deps, guard())).toBe(1);
    expect(await lookBackDue(plain)).toBe('sample');
  });
});
