import { useState } from 'react';
import { Alert, Button, Popconfirm, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { allows } from '../../components/access';
import { feedback } from '../../components/feedback';
import { UserTable, isLocked } from '../users/UserTable';
import { usersKey, useUserList } from '../users/useUserList';
import { RolesModal } from './RolesModal';

/** 角色授权 (secadmin): grant roles and lift login locks; account details stay with the sysadmin. */
export function RolesPage() {
  const qc = useQueryClient();
  const list = useUserList();
  const [editing, setEditing] = useState<User | null>(null);
  const unlock = useMutation({
    mutationFn: (u: User) => api.post<User>(`/api/v1/users/${u.id}/unlock`, { version: u.version }),
    onSuccess: () => feedback.message?.success('已解除锁定'),
    onSettled: () => qc.invalidateQueries({ queryKey: usersKey }),
  });

  return (
    <>
      <PageHeader title="角色授权">
        <Alert
          type="info"
          showIcon
          title="按最小权限原则授予角色。系统管理员、安全保密管理员、安全审计员三员分立，不得兼任，也不得兼任业务角色。"
        />
      </PageHeader>
      <UserTable
        list={list}
        actions={(u) => (
          <Space size={4} wrap>
            {allows(u, 'setRoles', true) && (
              <Button size="small" onClick={() => setEditing(u)}>
                授权
              </Button>
            )}
            {isLocked(u) && allows(u, 'unlock', true) && (
              <Popconfirm title={`解除“${u.name}”的登录锁定？`} onConfirm={() => unlock.mutate(u)}>
                <Button size="small">解锁</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      />
      <RolesModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
