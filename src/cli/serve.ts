import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { repoRoot, serve, webDir } from '../server/main';
import { cliConfig } from './common';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it is missing or older than its sources (first `npm start` on a fresh clone). */
function buildWebIfNeeded(): void {
  const index = path.join(webDir, 'index.html');
  const src = path.join(repoRoot, 'src', 'web');
  if (!fs.existsSync(src)) return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(src)) return;
  console.log('[中枢] 正在构建网页前端（首次启动需要十几秒）…');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('网页前端构建失败 / web build failed');
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('启动服务（默认嵌入式数据库 ./data；设置 DATABASE_URL 则使用 PostgreSQL）')
    .option('--build-web', '启动前按需构建网页前端（npm start 使用）')
    .option('--demo-default', '空数据库时默认载入演示数据（npm start 使用；ZHONGSHU_DEMO=0 可关闭）')
    .action(async (opts: { buildWeb?: boolean; demoDefault?: boolean }) => {
      if (opts.buildWeb) buildWebIfNeeded();
      await serve(cliConfig(Boolean(opts.demoDefault)));
    });
}
