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
  ZHONGSHU_TRUST_PROXY: bool.default(false),
  ZHONGSHU_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  ZHONGSHU_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  ZHONGSHU_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(65536),
  ZHONGSHU_ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  ZHONGSHU_JOBS: bool.default(true),
  ZHONGSHU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  trustProxy: boolean;
  bodyLimit: number;
  loginRateLimitPerMinute: number;
  argon2: { memoryCost: number; timeCost: number };
  jobs: boolean;
  logLevel: string;
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
    logLevel: e.ZHONGSHU_LOG_LEVEL,
  };
}

/** A config for tests and tools: defaults with overrides, no environment. */
export function testConfig(over: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    jobs: false,
    logLevel: 'silent',
    // cheap hashing keeps suites fast; production cost is measured in docs/PERFORMANCE.md
    argon2: { memoryCost: 8192, timeCost: 1 },
    loginRateLimitPerMinute: 10_000,
    ...over,
  };
}
