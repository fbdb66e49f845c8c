import crypto from 'node:crypto';
import { hashPassword } from '../../src/server/modules/auth/password';
import { createUnit } from '../../src/server/modules/units/service';
import { createUser } from '../../src/server/modules/users/service';
import type { Deps } from '../../src/server/deps';
import type { RequestMeta } from '../../src/server/http/context';
import type { Role } from '../../src/shared/roles';
import type { App } from '../../src/server/http/app-type';
import { loginAs, type Client } from './app';

export const TEST_PASSWORD = 'Test@Pass2026';
const systemMeta: RequestMeta = { ip: '127.0.0.1', requestId: 'test-factory', actor: null };

let hashCache: Promise<string> | null = null;

export interface TestOrg {
  tag: string;
  officeId: string;
  deptAId: string;
  deptBId: string;
  townshipId: string;
  /** username per role key: leader, supervisor, staff, sysadmin, secadmin, auditor, liaisonA, headA, liaisonB, headB */
  users: Record<OrgUserKey, { id: string; username: string; unitId: string }>;
  login(key: OrgUserKey): Promise<Client>;
}

export type OrgUserKey =
  | 'leader'
  | 'supervisor'
  | 'staff'
  | 'sysadmin'
  | 'secadmin'
  | 'auditor'
  | 'liaisonA'
  | 'headA'
  | 'liaisonB'
  | 'headB';

/**
 * A fresh org tree with one account per role, unique to the calling test:
 * 县委办公室 (office roles and the 三员), 部门甲 and 部门乙 (a liaison and a
 * unit head each) and a township.
 */
export async function createOrg(app: App, deps: Deps): Promise<TestOrg> {
  const tag = crypto.randomBytes(3).toString('hex');
  hashCache ??= hashPassword(TEST_PASSWORD, deps.config);
  const passwordHash = await hashCache;
  return deps.db.transaction(async (tx) => {
    const office = await createUnit(tx, deps.clock, systemMeta, { name: `县委办公室${tag}`, type: 'office', code: `O${tag}` });
    const mk = (name: string, type: 'department' | 'township', code: string) =>
      createUnit(tx, deps.clock, systemMeta, { name: `${name}${tag}`, type, code: `${code}${tag}`, parentId: office.id });
    const deptA = await mk('部门甲', 'department', 'A');
    const deptB = await mk('部门乙', 'department', 'B');
    const township = await mk('某某镇', 'township', 'T');
    const spec: [OrgUserKey, string, Role[]][] = [
      ['leader', office.id, ['leader']],
      ['supervisor', office.id, ['supervisor']],
      ['staff', office.id, ['staff']],
      ['sysadmin', office.id, ['sysadmin']],
      ['secadmin', office.id, ['secadmin']],
      ['auditor', office.id, ['auditor']],
      ['liaisonA', deptA.id, ['liaison']],
      ['headA', deptA.id, ['unit_head']],
      ['liaisonB', deptB.id, ['liaison']],
      ['headB', deptB.id, ['unit_head']],
    ];
    const users = {} as TestOrg['users'];
    for (const [key, unitId, roles] of spec) {
      const username = `${key.toLowerCase()}_${tag}`;
      const { user } = await createUser(tx, deps, systemMeta, {
        username,
        name: `${key}${tag}`,
        unitId,
        roles,
        passwordHash,
        mustChangePassword: false,
      });
      users[key] = { id: user.id, username, unitId };
    }
    return {
      tag,
      officeId: office.id,
      deptAId: deptA.id,
      deptBId: deptB.id,
      townshipId: township.id,
      users,
      login: (key: OrgUserKey) => loginAs(app, users[key].username, TEST_PASSWORD),
    };
  });
}
