import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { systemClock } from './clock';
import type { Config } from './config';
import { makeDeps } from './deps';
import { databaseIsEmpty, seedBootstrap, seedDemo } from './demo/seed';
import { openRuntime } from './runtime';
import { startJobs } from './jobs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(repoRoot, 'dist', 'web');

/**
 * Process entry: lock, migrate, seed an empty database, listen, run jobs.
 * Stops cleanly on SIGINT/SIGTERM so the embedded database is closed properly.
 */
export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const say = (m: string) => console.log(`[中枢] ${m}`);
  const rt = await openRuntime(config, say);
  const deps = makeDeps(rt.database.db, rt.database.engine, systemClock, config);
  if (await databaseIsEmpty(deps)) {
    if (config.demo) {
      const s = await seedDemo(deps, say);
      say(`已载入演示数据：${s.units} 个单位，${s.users.length} 个账号，${s.matters} 个督查事项（密码见 README，ZHONGSHU_DEMO_PASSWORD）`);
    } else {
      const b = await seedBootstrap(deps);
      say('首次启动：已创建系统管理员账号，一次性密码只显示这一次，登录后须立即修改：');
      say(`  用户名 ${b.username}  密码 ${b.password}`);
    }
  }
  const app = await buildApp(deps, { webDir, logger: config.logLevel !== 'silent' });
  const jobs = config.jobs ? startJobs(deps, { onError: (job, err) => app.log.error({ err, job }, '后台任务失败') }) : null;
  const stopJobs = () => jobs?.stop() ?? Promise.resolve();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`收到 ${signal}，正在停止…`);
    await stopJobs();
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const engine = rt.database.engine === 'pglite' ? `嵌入式数据库 ${path.resolve(config.dataDir)}` : 'PostgreSQL';
  say(`已启动 http://${config.host}:${config.port}  （${engine}${config.demo ? '，演示模式' : ''}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}
