import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime configuration, read once from the environment at start.
 * Invalid values stop the process with a message naming the variable,
 * in Chinese and English, before anything touches the database.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ZHONGSHU_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ZHONGSHU_DEMO: bool.optional(),
  ZHONGSHU_DEMO_PASSWORD: z.string().min(8).default('Zhongshu@2026'),
  ZHONGSHU_DEMO_MATTERS: z.coerce.number().int().min(0).max(5000).default(70),
  ZHONGSHU_SECURE_COOKIE: bool.default(false),
  ZHONGSHU_TRUST_PROXY: z.string().default('0').transform(parseTrustProxy),
  ZHONGSHU_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  ZHONGSHU_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  ZHONGSHU_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(65536),
  ZHONGSHU_ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  ZHONGSHU_JOBS: bool.default(true),
  ZHONGSHU_DB_QUEUE_MAX: z.coerce.number().int().min(1).default(200),
  ZHONGSHU_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64,}$/, '应为至少 64 位十六进制（32 字节）/ at least 64 hex digits')
    .optional(),
  ZHONGSHU_AUDIT_KEY_FILE: z.string().min(1).optional(),
  ZHONGSHU_AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  ZHONGSHU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const ipv4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const ipv6 = /^[0-9a-f:]+(\/\d{1,3})?$/i;
const named = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `0` / empty: no proxy. A comma-separated list of addresses or CIDRs (or
 * proxy-addr's names loopback, linklocal, uniquelocal): only those hops are
 * believed, and the client is the first address from the right of
 * X-Forwarded-For that is not one of them. `1` (the old on/off switch) means
 * a reverse proxy on this host: loopback. A bare hop count is not offered:
 * it cannot tell the proxy from a client that reaches the port directly and
 * writes enough entries itself (Fastify refuses it for that reason too).
 */
export function parseTrustProxy(raw: string, ctx: z.RefinementCtx): false | string[] {
  const v = raw.trim().toLowerCase();
  if (['', '0', 'false', 'off', 'no'].includes(v)) return false;
  if (v === '1') return ['loopback'];
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(ipv4.test(p) || (p.includes(':') && ipv6.test(p)) || named.includes(p)));
  if (bad.length || parts.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `应为反向代理的地址列表（如 10.0.0.5,10.0.1.0/24；本机代理写 1 或 loopback），不可取值 ${bad.join(', ') || raw} / expected the proxies' addresses`,
    });
    return z.NEVER;
  }
  return parts;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  demoPassword: string;
  /** how many 督查 matters the demo seed drives through the loop */
  demoMatters: number;
  secureCookie: boolean;
  /**
   * Which proxies' X-Forwarded-For entries are believed: none (false) or the
   * listed addresses/CIDRs. Never "all": the leftmost entry is whatever the
   * client wrote.
   */
  trustProxy: false | string[];
  bodyLimit: number;
  loginRateLimitPerMinute: number;
  argon2: { memoryCost: number; timeCost: number };
  jobs: boolean;
  /** embedded database: units of work that may wait for the connection before new ones get 503 DB_BUSY */
  dbQueueMax: number;
  logLevel: string;
  /**
   * The audit chain's MAC key, kept outside the database: given in hex, or
   * read from (and on first start created in) the key file.
   */
  audit: { keyHex: string | undefined; keyFile: string; checkpointDir: string };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { demo: boolean } = { demo: false }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.ZHONGSHU_DATA,
    databaseUrl: e.DATABASE_URL,
    demo: e.ZHONGSHU_DEMO ?? defaults.demo,
    demoPassword: e.ZHONGSHU_DEMO_PASSWORD,
    demoMatters: e.ZHONGSHU_DEMO_MATTERS,
    secureCookie: e.ZHONGSHU_SECURE_COOKIE,
    trustProxy: e.ZHONGSHU_TRUST_PROXY,
    bodyLimit: e.ZHONGSHU_BODY_LIMIT,
    loginRateLimitPerMinute: e.ZHONGSHU_LOGIN_RATE_LIMIT,
    argon2: { memoryCost: e.ZHONGSHU_ARGON2_MEMORY_KIB, timeCost: e.ZHONGSHU_ARGON2_TIME_COST },
    jobs: e.ZHONGSHU_JOBS,
    dbQueueMax: e.ZHONGSHU_DB_QUEUE_MAX,
    logLevel: e.ZHONGSHU_LOG_LEVEL,
    audit: {
      keyHex: e.ZHONGSHU_AUDIT_KEY,
      keyFile: e.ZHONGSHU_AUDIT_KEY_FILE ?? path.join(e.ZHONGSHU_DATA, 'audit.key'),
      checkpointDir: e.ZHONGSHU_AUDIT_CHECKPOINTS ?? path.join(e.ZHONGSHU_DATA, 'audit-checkpoints'),
    },
  };
}

/** The audit MAC key of every test config; a CLI run by a test passes it as ZHONGSHU_AUDIT_KEY. */
export const TEST_AUDIT_KEY = 'a5'.repeat(32);

/** A config for tests and tools: defaults with overrides, no environment. */
export function testConfig(over: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    jobs: false,
    logLevel: 'silent',
    // cheap hashing keeps suites fast; production cost is measured in docs/PERFORMANCE.md
    argon2: { memoryCost: 8192, timeCost: 1 },
    loginRateLimitPerMinute: 10_000,
    // A fixed key and a checkpoint folder of each app's own: no file is written into ./data by a test.
    audit: over.audit ?? {
      keyHex: TEST_AUDIT_KEY,
      keyFile: '',
      checkpointDir: fs.mkdtempSync(path.join(os.tmpdir(), 'zs-audit-cp-')),
    },
    ...over,
  };
}
