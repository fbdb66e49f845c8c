import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminRoles, businessRoles, isAdminRole, roleLabels, type Role } from '../../../shared/roles';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { feedback } from '../../components/feedback';
import { usersKey } from '../users/useUserList';

/**
 * 三员分立: an admin role is held alone — never with another admin role, never
 * with business roles. Checked here so the user learns it before submitting;
 * the server enforces it regardless (SEPARATION_OF_DUTIES).
 */
function separationProblem(roles: readonly Role[]): string | null {
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return '三员分立：系统管理员、安全保密管理员、安全审计员不能由同一账号兼任';
  if (admins.length === 1 && roles.length > 1) return '三员分立：管理员账号不能同时拥有业务角色';
  return null;
}

export function RolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const [error, setError] = useState<string | null>(null);
  const roles = Form.useWatch('roles', form) ?? [];

  useEffect(() => {
    if (user) form.setFieldsValue({ roles: user.roles });
    setError(null);
  }, [user, form]);

  const save = useMutation({
    mutationFn: (v: { roles: Role[] }) => api.put<User>(`/api/v1/users/${user?.id}/roles`, { roles: v.roles, version: user?.version }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: () => {
      feedback.message?.success('角色已更新');
      onClose();
    },
    onSettled: () => qc.invalidateQueries({ queryKey: usersKey }),
  });

  const problem = separationProblem(roles);
  return (
    <Modal
      open={!!user}
      title={user ? `角色授权：${user.name}（${user.unit.name}）` : ''}
      okText="保存"
      onOk={() => form.submit()}
      okButtonProps={{ disabled: !!problem }}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Typography.Text strong>业务角色</Typography.Text>
        <Form.Item name="roles" style={{ marginBottom: 8 }}>
          <Checkbox.Group style={{ display: 'grid', gap: 6, marginTop: 8 }}>
            {businessRoles.map((r) => (
              <Checkbox key={r} value={r}>
                {roleLabels[r]}
              </Checkbox>
            ))}
            <Typography.Text strong style={{ marginTop: 12 }}>
              管理员角色（三员，须单独授予）
            </Typography.Text>
            {adminRoles.map((r) => (
              <Checkbox key={r} value={r}>
                {roleLabels[r]}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 8 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
