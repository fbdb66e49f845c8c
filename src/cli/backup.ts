import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { openPglite } from '../server/db/connect';
import { lockDataDir } from '../server/db/lock';
import { packBackup, unpackBackup } from './archive';
import { CliError, cliConfig } from './common';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * A consistent copy of the embedded database: the data directory is locked
 * (the server must be stopped, or this refuses), opened, dumped as one tar
 * image by PGlite itself, and gzip-compressed (archive.ts). PostgreSQL has its own tools.
 */
export function backupCommand(): Command {
  return new Command('backup')
    .description('备份嵌入式数据库为一个 .tar.gz 文件（需先停止服务）')
    .argument('<file>', '备份文件路径')
    .action(async (file: string) => {
      const config = cliConfig();
      if (config.databaseUrl) {
        throw new CliError('当前使用 PostgreSQL：请用 pg_dump -Fc 备份、pg_restore 恢复（见 docs/OPERATIONS.md）', 2);
      }
      const release = lockDataDir(config.dataDir);
      try {
        console.log(`[1/3] 打开数据目录 ${path.resolve(config.dataDir)}`);
        const db = await openPglite(path.join(config.dataDir, 'pgdata'));
        console.log('[2/3] 生成一致性快照…');
        const blob = await db.dumpDataDir!();
        await db.close();
        const buf = packBackup(Buffer.from(await blob.arrayBuffer()));
        const tmp = `${file}.partial`;
        fs.writeFileSync(tmp, buf);
        fs.renameSync(tmp, file);
        console.log(`[3/3] 已写入 ${file}（${mb(buf.length)}）`);
      } finally {
        release();
      }
    });
}

/**
 * The archive is checked whole before anything is touched; it is opened in
 * pgdata.restoring beside the data, and only a database that answers takes
 * the place of pgdata. Any failure removes pgdata.restoring and leaves the
 * data directory as it was, with one Chinese line saying why.
 */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('从备份文件恢复嵌入式数据库（需先停止服务；原数据目录改名保留）')
    .argument('<file>', '备份文件路径')
    .action(async (file: string) => {
      const config = cliConfig();
      if (config.databaseUrl) throw new CliError('当前使用 PostgreSQL：请用 pg_restore 恢复', 2);
      if (!fs.existsSync(file)) throw new CliError(`备份文件 ${file} 不存在`);
      const release = lockDataDir(config.dataDir);
      const pgdata = path.join(config.dataDir, 'pgdata');
      const fresh = `${pgdata}.restoring`;
      try {
        fs.rmSync(fresh, { recursive: true, force: true });
        console.log(`[1/3] 读取并检查备份 ${file}`);
        const read = unpackBackup(fs.readFileSync(file));
        if ('problem' in read) throw new CliError(`备份文件 ${file} 不完整或已损坏（${read.problem}），未做任何恢复，原数据未改动`);
        console.log('[2/3] 还原到临时目录并检查…');
        const db = await openPglite(fresh, new Blob([new Uint8Array(read.tar)])).catch(() => {
          throw new CliError(`备份文件 ${file} 无法还原为数据库，未做任何恢复，原数据未改动`);
        });
        try {
          await db.db.execute('SELECT count(*) FROM schema_migrations' as never).catch(() => {
            throw new CliError(`备份文件 ${file} 无法识别为中枢数据库，未做任何恢复，原数据未改动`);
          });
        } finally {
          await db.close();
        }
        if (fs.existsSync(pgdata)) {
          const kept = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          fs.renameSync(pgdata, kept);
          console.log(`      原数据已保留为 ${kept}`);
        }
        fs.renameSync(fresh, pgdata);
        console.log('[3/3] 恢复完成，可以启动服务');
      } finally {
        fs.rmSync(fresh, { recursive: true, force: true });
        release();
      }
    });
}
