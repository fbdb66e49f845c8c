import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setupTestApp, type Client } from '../../../../test/support/app';
import { createOrg } from '../../../../test/support/factories';
import { users } from '../../db/schema';
import { notify } from './notify';
import { attemptsOf, outboxRowOf, runDelivery, setDelivery } from './testing/fixtures';

const ctx = await setupTestApp();

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}
const received: Received[] = [];

// A real SMTP round trip on 127.0.0.1: plain connection, AUTH PLAIN/LOGIN checked, one mailbox that refuses.
const smtp = new SMTPServer({
  secure: false,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  disableReverseLookup: true,
  onAuth(auth, _session, cb) {
    if (auth.username === 'zs-mailer' && auth.password === 'Mail-Pa55') cb(null, { user: auth.username });
    else cb(new Error('Invalid username or password'));
  },
  onRcptTo(address, _session, cb) {
    if (address.address.startsWith('refuse.')) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    else cb();
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user as string | undefined,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      cb();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const port = (smtp.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

afterEach(() => {
  received.length = 0;
});

/** The header value, unfolded, with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) return null;
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

async function configureSmtp(admin: Client, over: Record<string, unknown> = {}) {
  const cur = (await admin.get('/api/v1/settings/smtp')).json();
  const res = await admin.put('/api/v1/settings/smtp', {
    host: '127.0.0.1',
    port,
    secure: false,
    user: 'zs-mailer',
    password: 'Mail-Pa55',
    from: '中枢平台 <noreply@zs.example.gov.cn>',
    version: cur.version,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function mailTo(address: string, title: string) {
  const org = await createOrg(ctx.app, ctx.deps);
  await ctx.deps.db.update(users).set({ email: address }).where(eq(users.id, org.users.headA.id));
  const r = await ctx.deps.db.transaction((tx) =>
    notify(tx, ctx.deps, { userIds: [org.users.headA.id], kind: 'matter.assigned', title, body: '请按期办理。', link: '/matters/9' }),
  );
  expect(r.outboxIds).toHaveLength(1);
  return { org, outboxId: r.outboxIds[0]! };
}

describe('e-mail through SMTP', () => {
  it('delivers a notification with the configured account, sender and an idempotent Message-ID', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    await configureSmtp(admin);
    const { outboxId } = await mailTo('head.a@example.gov.cn', '交办：安全生产检查');
    const report = await runDelivery(ctx.deps);
    expect(report).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail).toMatchObject({ from: 'noreply@zs.example.gov.cn', to: ['head.a@example.gov.cn'], user: 'zs-mailer' });
    expect(header(mail.raw, 'Subject')).toBe('【中枢】交办：安全生产检查');
    expect(header(mail.raw, 'Message-ID')).toBe(`<${outboxId}@zhongshu>`);
    expect(header(mail.raw, 'X-Zhongshu-Delivery')).toBe(outboxId);
    expect(await outboxRowOf(ctx.deps, outboxId)).toMatchObject({ status: 'delivered', attempts: 1, kind: 'email' });
    expect((await attemptsOf(ctx.deps, outboxId)).map((a) => a.ok)).toEqual([true]);
  });

  it('records an SMTP refusal with its reply code and retries later', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    await configureSmtp(admin);
    const { outboxId } = await mailTo('refuse.me@example.gov.cn', '被拒收');
    await runDelivery(ctx.deps);
    const row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('550');
    expect(received).toHaveLength(0);
  });

  it('fails (and retries) on a wrong SMTP password', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    await configureSmtp(admin, { password: 'wrong' });
    const { outboxId } = await mailTo('head.b@example.gov.cn', '密码错误');
    await setDelivery(ctx.deps, { timeoutMs: 2000 });
    try {
      await runDelivery(ctx.deps);
    } finally {
      await setDelivery(ctx.deps, { timeoutMs: 10_000 });
    }
    const row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/邮件/);
    expect(received).toHaveLength(0);
  });

  it('gives up queued mail once SMTP is switched off', async () => {
    const admin = await (await createOrg(ctx.app, ctx.deps)).login('sysadmin');
    await configureSmtp(admin);
    const { outboxId } = await mailTo('late@example.gov.cn', '关闭后');
    await configureSmtp(admin, { enabled: false });
    await runDelivery(ctx.deps);
    const row = await outboxRowOf(ctx.deps, outboxId);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.lastError).toMatch(/SMTP/);
    expect(received).toHaveLength(0);
  });
});
