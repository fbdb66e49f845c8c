import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Channel, ChannelKind } from '../../api/types';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';

export const channelKindLabels: Record<ChannelKind, string> = {
  webhook: '通用 Webhook',
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  feishu: '飞书群机器人',
};

interface ChannelValues {
  kind: ChannelKind;
  name: string;
  url: string;
  secret?: string;
  clearSecret?: boolean;
  enabled: boolean;
}

/** Empty secret field: keep what is stored (edit) or set none (create); the box clears a stored one. */
function secretOf(v: ChannelValues): { secret?: string | null } {
  if (v.clearSecret) return { secret: null };
  if (v.kind === 'wecom') return {};
  return v.secret?.trim() ? { secret: v.secret.trim() } : {};
}

export const channelsKey = ['notification-channels'];

/** The secret is write-only: the API only says whether one is set, and an empty field keeps it. */
export function ChannelModal({ open, editing, onClose }: { open: boolean; editing: Channel | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<ChannelValues>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const clearSecret = Form.useWatch('clearSecret', form) === true;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (editing) form.setFieldsValue({ kind: editing.kind, name: editing.name, url: editing.url, enabled: editing.enabled });
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: (v: ChannelValues) => {
      const body = { name: v.name.trim(), url: v.url.trim(), enabled: v.enabled, ...secretOf(v) };
      // The kind is fixed once created (the server refuses to change it).
      return editing
        ? api.patch<Channel>(`/api/v1/notification-channels/${editing.id}`, { ...body, version: editing.version })
        : api.post<Channel>('/api/v1/notification-channels', { kind: v.kind, ...body });
    },
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: () => {
      feedback.message?.success('通知渠道已保存');
      onClose();
    },
    onSettled: () => qc.invalidateQueries({ queryKey: channelsKey }),
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑通知渠道：${editing.name}` : '新建通知渠道'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<ChannelValues> form={form} layout="vertical" initialValues={{ kind: 'dingtalk', enabled: true }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="类型" name="kind" rules={[{ required: true }]} extra={editing ? '类型创建后不能修改' : undefined}>
          <Select disabled={!!editing} options={Object.entries(channelKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={50} placeholder="如：督查室工作群" />
        </Form.Item>
        <Form.Item
          label="Webhook 地址"
          name="url"
          rules={[
            { required: true, message: '请输入 Webhook 地址' },
            { pattern: /^https?:\/\/\S+$/, message: '地址须为 http:// 或 https:// 开头的有效网址' },
          ]}
        >
          <Input maxLength={1000} placeholder="https://" />
        </Form.Item>
        {kind !== 'wecom' && (
          <Form.Item
            label="签名密钥"
            name="secret"
            extra={editing?.hasSecret ? '已设置密钥；留空则保持不变' : '机器人开启“加签”时填写'}
          >
            <Input.Password autoComplete="new-password" maxLength={200} disabled={clearSecret} />
          </Form.Item>
        )}
        {editing?.hasSecret && (
          <Form.Item name="clearSecret" valuePropName="checked">
            <Checkbox>清除已设置的密钥</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="启用" name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
