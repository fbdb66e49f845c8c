import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { deliverOutboxJob } from '../../jobs/deliver-outbox';
import { createScheduler } from '../../jobs/scheduler';
import { dingtalkSign } from './adapters/dingtalk';
import { webhookSignature } from './adapters/webhook';
import { notify } from './notify';
import { addChannel, attemptsOf, disableAllChannels, outboxRowOf, runDelivery, setDelivery } from './testing/fixtures';
import { startEndpoint, type TestEndpoint } from './testing/endpoint';

const ctx = await setupTestApp();
const HOUR = 3_600_000;
const endpoints: TestEndpoint[] = [];

beforeAll(async () => {
  // Long enough that a loaded CI machine still answers the quick replies in time
  // (300 ms was seen to time out a plain 500), short enough that the hang costs little.
  await setDelivery(ctx.deps, { timeoutMs: 2000, maxAttempts: 8 });
});

afterEach(async () => {
  await disableAllChannels(ctx.deps);
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function endpoint(...script: Parameters<typeof startEndpoint>[0]) {
  const e = await startEndpoint(script);
  endpoints.push(e);
  return e;
}

/** Queues one message to the given channel through notify(), as a business module would. */
async function queue(channelId: string, title: string) {
  const org = await createOrg(ctx.app, ctx.deps);
  const r = await ctx.deps.db.transaction((tx) =>
    notify(tx, ctx.deps, { userIds: [org.users.headA.id, org.users.liaisonA.id], kind: 'matter.assigned', title, body: '请及时签收。', link: '/matters/1' }),
  );
  const rows = await Promise.all(r.outboxIds.map((id) => outboxRowOf(ctx.deps, id)));
  const mine = rows.filter((row) => row.channelId === channelId);
  expect(mine).toHaveLength(1);
  return { org, outboxId: mine[0]!.id };
}

describe('outbox delivery', () => {
  it('500, then a hang past the timeout, then 200: delivered exactly once after three recorded attempts', async () => {
    const hook = await endpoint({ status: 500, body: 'boom' }, 'hang', { status: 200, body: '{"ok":true}' });
    const channel = await addChannel(ctx.deps, { kind: 'webhook', name: '对接系统', url: hook.url, secret: 'whsec_test' });
    const { outboxId } = await queue(channel.id, '三次投递');
    const reports: unknown[] = [];
    const jobs = createScheduler(ctx.deps, [deliverOutboxJob(ctx.deps)], { autoStart: false, onRun: (_n, r) => reports.push(r) });
    try {
      await jobs.runDue();
      expect(hook.received).toHaveLength(1);
      let row = await outboxRowOf(ctx.deps, outboxId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError).toContain('500');
      // The first retry waits at least 22.5 s (30 s − 25 % jitter): a job run 10 s later sends nothing.
      ctx.clock.advance(10_000);
      await jobs.runDue();
      expect(hook.received).toHaveLength(1);

      ctx.clock.advance(HOUR);
      await jobs.runDue();
      expect(hook.received).toHaveLength(2);
      row = await outboxRowOf(ctx.deps, outboxId);
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      expect(row.lastError).toMatch(/超时/);

      ctx.clock.advance(HOUR);
      await jobs.runDue();
      expect(hook.received).toHaveLength(3);
      row = await outboxRowOf(ctx.deps, outboxId);
      expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
      expect(row.deliveredAt).toEqual(ctx.clock.now());

      ctx.clock.advance(2 * HOUR);
      await jobs.runDue();
      expect(hook.received).toHaveLength(3);
      expect(reports.at(-1)).toMatchObject({ claimed: 0 });
    } finally {
      await jobs.stop();
    }
    expect(hook.okReplies).toBe(1);

    // Every retry carried the same delivery id and a signature over its exact body.
    for (const req of hook.received) {
      expect(req.headers['x-zhongshu-delivery']).toBe(outboxId);
      expect(req.headers['x-zhongshu-signature']).toBe(webhookSignature('whsec_test', req.body));
      expect(JSON.parse(req.body)).toMatchObject({ id: outboxId, event: 'matter.assigned', title: '三次投递' });
    }
    const log = await attemptsOf(ctx.deps, outboxId);
    expect(log.map((a) => [a.ok, a.statusCode])).toEqual([
      [false, 500],
      [false, null],
      [true, 200],
    ]);
    expect(log[1]!.error).toMatch(/超时/);
    expect(log.every((a) => a.durationMs >= 0)).toBe(true);

    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const page = (await admin.get('/api/v1/outbox?status=delivered&pageSize=100')).json();
    const item = page.items.find((i: { id: string }) => i.id === outboxId);
    expect(item).toMatchObject({ status: 'delivered', attempts: 3, channel: { id: channel.id, name: '对接系统' }, title: '三次投递' });
    expect(item.attemptsLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, true]);
  });

  it('a claimed row is not claimed again while its send is in flight', async () => {
    const hook = await endpoint({ status: 200, delayMs: 150 });
    const channel = await addChannel(ctx.deps, { kind: 'webhook', name: '慢接收方', url: hook.url });
    const { outboxId } = await queue(channel.id, '并发领取');
    const first = runDelivery(ctx.deps);
    // Let the first run commit its claim before the second one looks.
    while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const second = await runDelivery(ctx.deps);
    expect(second.claimed).toBe(0);
    expect((await first).delivered).toBeGreaterThanOrEqual(1);
    expect(hook.received).toHaveLength(1);
    expect(await outboxRowOf(ctx.deps, outboxId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('DingTalk: errcode ≠ 0 in an HTTP 200 is a failure and is retried; the URL carries a valid signature', async () => {
    const hook = await endpoint(
      { status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content"}' },
      { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
    );
    const secret = 'SECdingtalk-test';
    const channel = await addChannel(ctx.deps, { kind: 'dingtalk', name: '督查群', url: `${hook.url}?access_token=t0k`, secret });
    const { outboxId } = await queue(channel.id, '钉钉消息');
    await runDelivery(ctx.deps);
    let row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('310000');
    ctx.clock.advance(HOUR);
    await runDelivery(ctx.deps);
    row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });

    for (const req of hook.received) {
      const q = new URL(req.url, 'http://x').searchParams;
      expect(q.get('access_token')).toBe('t0k');
      const ts = Number(q.get('timestamp'));
      expect(encodeURIComponent(q.get('sign')!)).toBe(dingtalkSign(secret, ts));
      expect(JSON.parse(req.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: '钉钉消息' } });
    }
    expect((await attemptsOf(ctx.deps, outboxId)).map((a) => [a.ok, a.statusCode])).toEqual([
      [false, 200],
      [true, 200],
    ]);
  });

  it('Feishu and WeCom platform errors are failures too', async () => {
    const feishu = await endpoint({ status: 200, body: '{"code":19021,"msg":"sign match fail"}' });
    const wecom = await endpoint({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    const f = await addChannel(ctx.deps, { kind: 'feishu', name: '飞书群', url: feishu.url, secret: 's' });
    const w = await addChannel(ctx.deps, { kind: 'wecom', name: '企微群', url: `${wecom.url}?key=k` });
    const org = await createOrg(ctx.app, ctx.deps);
    const r = await ctx.deps.db.transaction((tx) => notify(tx, ctx.deps, { userIds: [org.users.staff.id], kind: 'x', title: '平台错误', body: '' }));
    await runDelivery(ctx.deps);
    const rows = await Promise.all(r.outboxIds.map((id) => outboxRowOf(ctx.deps, id)));
    const byChannel = new Map(rows.map((row) => [row.channelId, row]));
    expect(byChannel.get(f.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('19021') });
    expect(byChannel.get(w.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('93000') });
    expect(JSON.parse(feishu.received[0]!.body)).toMatchObject({ msg_type: 'post', sign: expect.any(String) });
  });

  it('gives up as dead after the configured number of attempts, then never sends again', async () => {
    await setDelivery(ctx.deps, { maxAttempts: 2 });
    try {
      const hook = await endpoint({ status: 503 });
      const channel = await addChannel(ctx.deps, { kind: 'webhook', name: '总是失败', url: hook.url });
      const { outboxId } = await queue(channel.id, '最终放弃');
      await runDelivery(ctx.deps);
      ctx.clock.advance(HOUR);
      await runDelivery(ctx.deps);
      expect(await outboxRowOf(ctx.deps, outboxId)).toMatchObject({ status: 'dead', attempts: 2 });
      ctx.clock.advance(5 * HOUR);
      await runDelivery(ctx.deps);
      expect(hook.received).toHaveLength(2);
      expect(await attemptsOf(ctx.deps, outboxId)).toHaveLength(2);
    } finally {
      await setDelivery(ctx.deps, { maxAttempts: 8 });
    }
  });

  it('a channel disabled after queueing stops its messages without sending; a test message still goes out', async () => {
    const hook = await endpoint({ status: 200 });
    const channel = await addChannel(ctx.deps, { kind: 'webhook', name: '已停用', url: hook.url });
    const { outboxId } = await queue(channel.id, '停用后不发');
    await disableAllChannels(ctx.deps);
    await runDelivery(ctx.deps);
    const row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.lastError).toMatch(/停用/);
    expect(hook.received).toHaveLength(0);

    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    const res = await admin.post(`/api/v1/notification-channels/${channel.id}/test`);
    expect(res.statusCode).toBe(202);
    await runDelivery(ctx.deps);
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ event: 'channel.test', id: res.json().outboxId });
    expect(await outboxRowOf(ctx.deps, res.json().outboxId)).toMatchObject({ status: 'delivered' });
  });

  it('links become absolute with the public address set, and are left out without it', async () => {
    const hook = await endpoint({ status: 200 });
    const channel = await addChannel(ctx.deps, { kind: 'webhook', name: '链接', url: hook.url });
    await queue(channel.id, '无公网地址');
    await runDelivery(ctx.deps);
    await setDelivery(ctx.deps, { publicUrl: 'https://zs.example.gov.cn' });
    try {
      await queue(channel.id, '有公网地址');
      await runDelivery(ctx.deps);
    } finally {
      await setDelivery(ctx.deps, { publicUrl: '' });
    }
    expect(hook.received.map((r) => JSON.parse(r.body).link)).toEqual([null, 'https://zs.example.gov.cn/matters/1']);
  });
});
