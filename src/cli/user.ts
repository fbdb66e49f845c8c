import { Command, Option } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { units, users } from '../server/db/schema';
import { allRoles, type Role } from '../shared/roles';
import { createUser, resetPassword } from '../server/modules/users/service';
import { CliError, cliMeta, withDeps } from './common';

/**
 * Account work for the operator on the server: the only way to create or
 * reset admin accounts, which no admin may do for another (三员).
 */
export function userCommands(): Command {
  const user = new Command('user').description('账号维护（服务器操作员使用）');
  user
    .command('create')
    .description('创建账号，打印一次性密码（首次登录须修改）')
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--name <name>', '姓名')
    .requiredOption('--unit <code>', '所属单位编码')
    .addOption(new Option('--role <role...>', '角色，可多个').choices([...allRoles]).default([]))
    .option('--email <email>', '邮箱')
    .option('--phone <phone>', '电话')
    .action(async (o: { username: string; name: string; unit: string; role: Role[]; email?: string; phone?: string }) => {
      await withDeps(async (deps) => {
        const [unit] = await deps.db.select().from(units).where(eq(units.code, o.unit));
        if (!unit) throw new CliError(`单位编码 ${o.unit} 不存在`);
        const { password } = await deps.db.transaction((tx) =>
          createUser(tx, deps, cliMeta, { username: o.username, name: o.name, unitId: unit.id, roles: o.role, email: o.email, phone: o.phone }),
        );
        console.log(`已创建账号 ${o.username}（${unit.name}），一次性密码：${password}`);
      }).catch(rethrowAppError);
    });
  user
    .command('reset-password <username>')
    .description('重置密码并解除锁定，打印一次性密码')
    .action(async (username: string) => {
      await withDeps(async (deps) => {
        const [u] = await deps.db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
        if (!u) throw new CliError(`账号 ${username} 不存在`);
        const { password } = await deps.db.transaction((tx) => resetPassword(tx, deps, cliMeta, u.id, u.version));
        console.log(`已重置 ${username} 的密码，一次性密码：${password}`);
      }).catch(rethrowAppError);
    });
  return user;
}

function rethrowAppError(e: unknown): never {
  if (e instanceof Error && 'code' in e && typeof (e as { status?: unknown }).status === 'number') {
    throw new CliError(e.message);
  }
  throw e;
}
