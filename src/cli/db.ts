import { Command } from 'commander';
import { databaseIsEmpty, seedDemo } from '../server/demo/seed';
import { CliError, cliConfig, withDeps } from './common';

export function migrateCommand(): Command {
  return new Command('migrate').description('应用数据库迁移（服务启动时也会自动执行）').action(async () => {
    await withDeps(async () => console.log('数据库结构已是最新'));
  });
}

export function demoCommand(): Command {
  return new Command('demo').description('向空数据库载入演示数据（示例县）').action(async () => {
    await withDeps(async (deps) => {
      if (!(await databaseIsEmpty(deps))) throw new CliError('数据库不是空的，未载入演示数据');
      const s = await seedDemo(deps, (m) => console.log(m));
      console.log(`已载入演示数据：${s.units} 个单位，${s.users.length} 个账号`);
    }, { ...cliConfig(true), demo: true });
  });
}
