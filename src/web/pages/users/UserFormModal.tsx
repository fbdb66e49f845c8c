import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OneTimePasswordResult, User } from '../../api/types';
import { UnitSelect } from '../../components/UnitSelect';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';
import { usersKey } from './useUserList';

interface UserValues {
  username: string;
  name: string;
  unitId: string;
  phone?: string | null;
  email?: string | null;
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * Creates an account (roles are granted separately by the security admin, 三员分立)
 * or edits one. Creating answers with a one-time password for `onCreated`.
 */
export function UserFormModal({
  open,
  editing,
  onClose,
  onCreated,
}: {
  open: boolean;
  editing: User | null;
  onClose: () => void;
  onCreated: (r: OneTimePasswordResult) => void;
}) {
  const qc = useQueryClient();
  const [form] = Form.useForm<UserValues>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (editing) form.setFieldsValue({ ...editing, unitId: editing.unit.id });
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: async (v: UserValues) => {
      const common = { name: v.name.trim(), unitId: v.unitId, phone: blankToNull(v.phone), email: blankToNull(v.email) };
      if (editing) {
        await api.patch<User>(`/api/v1/users/${editing.id}`, { ...common, version: editing.version });
        return null;
      }
      return api.post<OneTimePasswordResult>('/api/v1/users', { username: v.username.trim(), ...common });
    },
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: (created) => {
      onClose();
      if (created) onCreated(created);
      else feedback.message?.success('账号已保存');
    },
    onSettled: () => qc.invalidateQueries({ queryKey: usersKey }),
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑账号：${editing.name}` : '新建账号'}
      okText={editing ? '保存' : '创建'}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<UserValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          label="用户名"
          name="username"
          extra={editing ? '用户名创建后不能修改' : '登录用，以字母开头'}
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]*$/, message: '用户名须以字母开头，只能包含字母、数字和 _ . -' },
            { min: 2, max: 32, message: '用户名长度为 2～32 位' },
          ]}
        >
          <Input disabled={!!editing} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <UnitSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="phone"
          rules={[{ pattern: /^[0-9+\- ()]*$/, message: '电话号码只能包含数字、空格和 + - ( )' }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
          <Input maxLength={200} />
        </Form.Item>
        {!editing && (
          <Alert type="info" showIcon title="创建后将生成一次性初始密码；角色由安全保密管理员在“角色授权”中授予。" />
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 16 }} />}
      </Form>
    </Modal>
  );
}
