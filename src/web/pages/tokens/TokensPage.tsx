import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Radio, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiToken } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { SecretOnceModal } from '../../components/SecretOnceModal';
import { fmtDateTime } from '../../components/format';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';

interface NewToken {
  name: string;
  scope: 'read' | 'write';
  expiresInDays?: number | null;
}

const tokensKey = ['me', 'tokens'];

function statusOf(t: ApiToken) {
  if (t.revokedAt) return <Tag>已吊销</Tag>;
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return <Tag color="orange">已过期</Tag>;
  return <Tag color="green">有效</Tag>;
}

/** Personal API tokens for scripts and integrations; the token text is shown once, only its hash is kept. */
export function TokensPage() {
  const qc = useQueryClient();
  const [form] = Form.useForm<NewToken>();
  const [creating, setCreating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api.get<{ items: ApiToken[] }>('/api/v1/me/tokens') });
  const create = useMutation({
    mutationFn: (v: NewToken) =>
      api.post<{ token: string; item: ApiToken }>('/api/v1/me/tokens', {
        name: v.name,
        scope: v.scope,
        ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}),
      }),
    meta: { silent: true },
    onMutate: () => setFormError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setFormError(e.message);
    },
    onSuccess: (r) => {
      setCreating(false);
      form.resetFields();
      setSecret(r.token);
      void qc.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/me/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => feedback.message?.success('令牌已吊销'),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });

  return (
    <>
      <PageHeader
        title="API 令牌"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建令牌
          </Button>
        }
      >
        <Alert
          type="info"
          showIcon
          title="令牌代表您本人调用接口，请妥善保管；不再使用时请及时吊销。管理员账号不能创建令牌。"
        />
      </PageHeader>
      <Table<ApiToken>
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '权限', dataIndex: 'scope', render: (s: string) => (s === 'write' ? '读写' : '只读') },
          { title: '状态', key: 'status', render: (_, t) => statusOf(t) },
          { title: '创建时间', dataIndex: 'createdAt', render: fmtDateTime },
          { title: '到期时间', dataIndex: 'expiresAt', render: (v: string | null) => (v ? fmtDateTime(v) : '长期') },
          { title: '最近使用', dataIndex: 'lastUsedAt', render: fmtDateTime },
          {
            title: '操作',
            key: 'actions',
            render: (_, t) =>
              !t.revokedAt && (
                <Popconfirm title="吊销后使用该令牌的程序将无法访问，确定吊销？" onConfirm={() => revoke.mutate(t.id)}>
                  <Button size="small" danger>
                    吊销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title="新建 API 令牌"
        okText="创建"
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<NewToken>
          form={form}
          layout="vertical"
          initialValues={{ scope: 'read', expiresInDays: 90 }}
          onFinish={(v) => create.mutate(v)}
          preserve={false}
        >
          <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写令牌用途' }]}>
            <Input maxLength={50} placeholder="如：数据同步脚本" />
          </Form.Item>
          <Form.Item label="权限" name="scope">
            <Radio.Group
              options={[
                { label: '只读', value: 'read' },
                { label: '读写', value: 'write' },
              ]}
            />
          </Form.Item>
          <Form.Item label="有效期（天）" name="expiresInDays" extra="最长 366 天；留空表示长期有效，建议设置有效期">
            <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} role="alert" />}
        </Form>
      </Modal>
      <SecretOnceModal
        open={secret !== null}
        title="令牌已创建"
        label="API 令牌"
        secret={secret}
        note="令牌只显示这一次，关闭后无法再次查看，请立即复制并妥善保存。"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
