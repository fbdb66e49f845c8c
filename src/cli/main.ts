import { Command } from 'commander';
import { serveCommand } from './serve';
import { migrateCommand, demoCommand } from './db';
import { userCommands } from './user';
import { backupCommand, restoreCommand } from './backup';
import { auditCommands } from './audit';
import { calendarCommands } from './calendar';
import { ConfigError } from '../server/config';
import { AuditKeyError } from '../server/modules/audit/keyring';
import { DataDirLockedError } from '../server/db/lock';
import { CliError } from './common';

const program = new Command()
  .name('zhongshu')
  .description('中枢 Zhongshu 命令行：启动服务、数据库迁移、演示数据、账号、备份恢复、审计校验、节假日安排')
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(demoCommand());
program.addCommand(userCommands());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(auditCommands());
program.addCommand(calendarCommands());

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof DataDirLockedError || e instanceof ConfigError || e instanceof AuditKeyError || e instanceof CliError) {
    console.error(e.message);
    process.exit(e instanceof CliError ? e.exitCode : 2);
  }
  throw e;
}
