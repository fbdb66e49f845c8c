import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { RequestMeta } from '../http/context';
import { units, users } from '../db/schema';
import { notify } from '../modules/notifications/notify';
import { hashPassword } from '../modules/auth/password';
import { createUnit } from '../modules/units/service';
import { createUser, oneTimePassword } from '../modules/users/service';
import { demoOfficeAccounts, demoPersonName, demoTree, type DemoUnit } from './org';
import { seedDemoMatters } from './matters';

const seedMeta: RequestMeta = { ip: '127.0.0.1', requestId: 'seed', actor: null };

export async function databaseIsEmpty(deps: Deps): Promise<boolean> {
  const [row] = (await deps.db.select({ n: sql<number>`count(*)::int` }).from(units)) as [{ n: number }];
  return row.n === 0;
}

export interface DemoSummary {
  units: number;
  users: string[];
  matters: number;
}

/**
 * Seeds 示例县 into an empty database, in one transaction (all or nothing).
 * Demo accounts share the demo password and are not forced to change it.
 * One hash serves every demo account: they share the password anyway, and it
 * keeps the first start fast.
 */
export async function seedDemo(deps: Deps, onProgress?: (msg: string) => void): Promise<DemoSummary> {
  const summary = await seedDemoOrg(deps, onProgress);
  onProgress?.('生成一年的督查督办事项');
  // Default 70: enough for the ledger and the board to look like a real year, few enough for a fast first start.
  summary.matters = await seedDemoMatters(deps, deps.config.demoMatters, onProgress);
  return summary;
}

async function seedDemoOrg(deps: Deps, onProgress?: (msg: string) => void): Promise<DemoSummary> {
  const passwordHash = await hashPassword(deps.config.demoPassword, deps.config);
  return deps.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    const usernames: string[] = [];
    let order = 0;
    let person = 0;
    const walk = async (u: DemoUnit, parentId: string | null) => {
      const row = await createUnit(tx, deps.clock, seedMeta, {
        name: u.name,
        shortName: u.shortName ?? null,
        type: u.type,
        code: u.code,
        parentId,
        sortOrder: order++,
      });
      ids.set(u.code, row.id);
      if (u.accounts) {
        for (const [suffix, role, title] of [
          ['lly', 'liaison', '联络员'],
          ['fzr', 'unit_head', '负责人'],
        ] as const) {
          const username = `${u.accounts}_${suffix}`;
          await createUser(tx, deps, seedMeta, {
            username,
            name: demoPersonName(person++),
            unitId: row.id,
            roles: [role],
            passwordHash,
            mustChangePassword: false,
            phone: `1390000${String(person).padStart(4, '0')}`,
          });
          usernames.push(`${username}（${u.name}${title}）`);
        }
      }
      for (const c of u.children ?? []) await walk(c, row.id);
    };
    onProgress?.('创建示例县组织树');
    await walk(demoTree, null);
    onProgress?.('创建演示账号');
    for (const a of demoOfficeAccounts) {
      await createUser(tx, deps, seedMeta, {
        username: a.username,
        name: a.name,
        unitId: ids.get(a.unitCode)!,
        roles: a.roles,
        passwordHash,
        mustChangePassword: false,
      });
      usernames.unshift(a.username);
    }
    const everyone = await tx.select({ id: users.id }).from(users);
    await notify(tx, deps, {
      userIds: everyone.map((u) => u.id),
      kind: 'system',
      title: '欢迎使用中枢 · 演示模式',
      body: '这里是示例县的演示数据，账号与单位均为虚构。可在“我的工作台”查看待办，在右上角铃铛查看通知。',
      link: '/workbench',
    });
    return { units: ids.size, users: usernames, matters: 0 };
  });
}

/**
 * Without demo data the first start creates only the system admin, with a
 * random one-time password that is printed once and must be changed at login.
 */
export async function seedBootstrap(deps: Deps): Promise<{ username: string; password: string }> {
  const password = oneTimePassword();
  await deps.db.transaction(async (tx) => {
    const root = await createUnit(tx, deps.clock, seedMeta, { name: '党委办公室', type: 'office', code: 'ROOT' });
    await createUser(tx, deps, seedMeta, {
      username: 'sysadmin',
      name: '系统管理员',
      unitId: root.id,
      roles: ['sysadmin'],
      password,
      mustChangePassword: true,
    });
  });
  return { username: 'sysadmin', password };
}
