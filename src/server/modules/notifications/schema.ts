import { z } from 'zod';

/** Request schemas. Every limit here is also what keeps a bad request from reaching the database. */

export const idParams = z.strictObject({ id: z.uuid('编号格式不正确') });

const page = z.coerce.number('页码须为数字').int('页码须为整数').min(1, '页码至少为 1').max(100_000, '页码过大').default(1);
const pageSize = z.coerce
  .number('每页条数须为数字')
  .int('每页条数须为整数')
  .min(1, '每页至少 1 条')
  .max(100, '每页最多 100 条')
  .default(20);
const version = z.number('版本号须为数字').int('版本号须为整数').min(1, '版本号不正确').max(2_147_483_647, '版本号不正确');

export const inboxQuery = z.object({
  unread: z.enum(['true', 'false'], 'unread 只能为 true 或 false').optional(),
  page,
  pageSize,
});

export function isHttpUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = z
  .string('地址须为文本')
  .trim()
  .min(1, '请填写地址')
  .max(1000, '地址不能超过 1000 个字符')
  .refine(isHttpUrl, '地址须为 http:// 或 https:// 开头的有效网址');
const channelName = z.string('名称须为文本').trim().min(1, '请填写名称').max(50, '名称不能超过 50 个字符');
const channelSecret = z.string('密钥须为文本').trim().min(1, '密钥不能为空（不设密钥请传 null）').max(200, '密钥不能超过 200 个字符');
export const channelKinds = ['webhook', 'dingtalk', 'wecom', 'feishu'] as const;

/** WeCom group robots have no signing; a secret there would be silently useless. */
export const WECOM_SECRET_MESSAGE = '企业微信群机器人不支持签名密钥，地址中的 key 即为凭证';

export const channelCreateBody = z
  .strictObject({
    kind: z.enum(channelKinds, '通道类型只能是 webhook、dingtalk、wecom 或 feishu'),
    name: channelName,
    url: httpUrl,
    secret: channelSecret.nullable().optional(),
    enabled: z.boolean('enabled 须为 true 或 false').optional(),
  })
  .refine((v) => !(v.kind === 'wecom' && v.secret), { message: WECOM_SECRET_MESSAGE, path: ['secret'] });

export const channelPatchBody = z.strictObject({
  name: channelName.optional(),
  url: httpUrl.optional(),
  secret: channelSecret.nullable().optional(),
  enabled: z.boolean('enabled 须为 true 或 false').optional(),
  version,
});

export const outboxQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead'], '状态只能是 pending、delivered 或 dead').optional(),
  page,
  pageSize,
});

const mailbox = /^(?:[^<>\r\n]{0,200}<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

export const smtpBody = z
  .strictObject({
    enabled: z.boolean('enabled 须为 true 或 false').default(true),
    host: z
      .string('服务器地址须为文本')
      .trim()
      .max(255, '服务器地址不能超过 255 个字符')
      .regex(/^[A-Za-z0-9.:[\]-]*$/, '服务器地址格式不正确'),
    port: z.number('端口须为数字').int('端口须为整数').min(1, '端口须在 1–65535 之间').max(65535, '端口须在 1–65535 之间'),
    secure: z.boolean('secure 须为 true 或 false'),
    user: z.string('用户名须为文本').trim().max(255, '用户名不能超过 255 个字符').nullable().optional(),
    password: z.string('密码须为文本').max(256, '密码不能超过 256 个字符').nullable().optional(),
    from: z
      .string('发件人须为文本')
      .trim()
      .max(320, '发件人不能超过 320 个字符')
      .refine((v) => v === '' || mailbox.test(v), '发件人须为邮箱地址，如 中枢平台 <noreply@example.gov.cn>'),
    version: z.number('版本号须为数字').int('版本号须为整数').min(0, '版本号不正确').max(2_147_483_647, '版本号不正确'),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && !v.host) ctx.addIssue({ code: 'custom', path: ['host'], message: '启用邮件时须填写服务器地址' });
    if (v.enabled && !v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: '启用邮件时须填写发件人' });
  });

export const deliveryBody = z.strictObject({
  timeoutMs: z
    .number('超时须为数字')
    .int('超时须为整数（毫秒）')
    .min(100, '超时不能少于 100 毫秒')
    .max(60_000, '超时不能超过 60000 毫秒'),
  maxAttempts: z.number('尝试次数须为数字').int('尝试次数须为整数').min(1, '至少尝试 1 次').max(20, '最多尝试 20 次'),
  publicUrl: httpUrl.nullable().optional(),
  version: z.number('版本号须为数字').int('版本号须为整数').min(0, '版本号不正确').max(2_147_483_647, '版本号不正确'),
});
