import { AppError } from '../../errors';
import type { Actor } from '../../http/context';
import { isAdminRole } from '../../../shared/roles';

/**
 * 三员: the system admin maintains business accounts, but may not reset,
 * edit or disable another admin's account — that would let one admin act as
 * another (e.g. log in as the auditor). Admin accounts are kept with the
 * `zhongshu user` command on the server.
 */
export function assertMayManageAccount(actor: Actor, target: { id: string; roles: string[] }): void {
  if (target.id !== actor.userId && target.roles.some(isAdminRole)) {
    throw new AppError('SEPARATION_OF_DUTIES', '三员分立：系统管理员不能维护其他管理员账号，请在服务器上使用 zhongshu user 命令');
  }
}
