import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OneTimePasswordResult, User } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { SecretOnceModal } from '../../components/SecretOnceModal';
import { allows } from '../../components/access';
import { feedback } from '../../components/feedback';
import { UserFormModal } from './UserFormModal';
import { UserTable } from './UserTable';
import { usersKey, useUserList } from './useUserList';

/** 用户管理 (sysadmin): accounts, units, activation and password resets; not roles (that is the secadmin's). */
export function UsersPage() {
  const qc = useQueryClient();
  const list = useUserList();
  const [modal, setModal] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });
  const [issued, setIssued] = useState<OneTimePasswordResult | null>(null);

  const setActive = useMutation({
    mutationFn: (u: User) => api.patch<User>(`/api/v1/users/${u.id}`, { active: !u.active, version: u.version }),
    onSuccess: (u) => feedback.message?.success(u.active ? '账号已启用' : '账号已停用'),
    onSettled: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
  const reset = useMutation({
    mutationFn: (u: User) => api.post<OneTimePasswordResult>(`/api/v1/users/${u.id}/reset-password`, { version: u.version }),
    onSuccess: setIssued,
    onSettled: () => qc.invalidateQueries({ queryKey: usersKey }),
  });

  return (
    <>
      <PageHeader
        title="用户管理"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
            新建账号
          </Button>
        }
      />
      <UserTable
        list={list}
        actions={(u) => (
          <Space size={4} wrap>
            {allows(u, 'edit', true) && (
              <Button size="small" onClick={() => setModal({ open: true, editing: u })}>
                编辑
              </Button>
            )}
            {allows(u, 'resetPassword', true) && (
              <Popconfirm
                title={`重置“${u.name}”的密码？`}
                description="将生成一次性密码，该用户下次登录须修改密码。"
                onConfirm={() => reset.mutate(u)}
              >
                <Button size="small">重置密码</Button>
              </Popconfirm>
            )}
            {allows(u, u.active ? 'deactivate' : 'activate', true) && (
              <Popconfirm
                title={u.active ? `停用“${u.name}”？停用后该账号不能登录。` : `启用“${u.name}”？`}
                onConfirm={() => setActive.mutate(u)}
              >
                <Button size="small" danger={u.active}>
                  {u.active ? '停用' : '启用'}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      />
      <UserFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
        onCreated={setIssued}
      />
      <SecretOnceModal
        open={issued !== null}
        title={issued ? `“${issued.user.name}”的一次性密码` : ''}
        label={issued ? `用户名 ${issued.user.username} 的一次性密码` : ''}
        secret={issued?.oneTimePassword ?? null}
        note="密码只显示这一次，请通过安全渠道告知本人；首次登录时须修改密码。"
        onClose={() => setIssued(null)}
      />
    </>
  );
}
