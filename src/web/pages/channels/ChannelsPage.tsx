import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { ChannelModal, channelKindLabels, channelsKey } from './ChannelModal';

interface TestResult {
  ok?: boolean;
  statusCode?: number | null;
  error?: string | null;
}

/** 通知渠道 (sysadmin): group robots and webhooks that in-app notices are also pushed to. */
export function ChannelsPage() {
  const qc = useQueryClient();
  const [modal, setModal] = useState<{ open: boolean; editing: Channel | null }>({ open: false, editing: null });
  const channels = useQuery({
    queryKey: channelsKey,
    queryFn: () => api.get<{ items: Channel[] }>('/api/v1/notification-channels'),
  });
  const remove = useMutation({
    mutationFn: (c: Channel) => api.del(`/api/v1/notification-channels/${c.id}`),
    onSuccess: () => feedback.message?.success('已删除'),
    onSettled: () => qc.invalidateQueries({ queryKey: channelsKey }),
  });
  const test = useMutation({
    mutationFn: (c: Channel) => api.post<TestResult | undefined>(`/api/v1/notification-channels/${c.id}/test`),
    onSuccess: (r) => {
      if (r && r.ok === false) {
        feedback.notification?.error({
          title: '测试消息发送失败',
          description: [r.statusCode ? `HTTP ${r.statusCode}` : null, r.error].filter(Boolean).join('：') || undefined,
        });
      } else feedback.message?.success('测试消息已发送，请在群内查看');
    },
  });

  return (
    <>
      <PageHeader
        title="通知渠道"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
            新建渠道
          </Button>
        }
      />
      <Table<Channel>
        rowKey="id"
        loading={channels.isPending}
        dataSource={channels.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: '还没有配置通知渠道' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: Channel['kind']) => channelKindLabels[k] ?? k },
          {
            title: '地址',
            dataIndex: 'url',
            render: (u: string) => (
              <Typography.Text ellipsis={{ tooltip: u }} style={{ maxWidth: 260 }}>
                {u}
              </Typography.Text>
            ),
          },
          { title: '签名', dataIndex: 'hasSecret', render: (v: boolean) => (v ? '已设置' : '—') },
          { title: '状态', dataIndex: 'enabled', render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, c) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => test.mutate(c)} loading={test.isPending && test.variables?.id === c.id}>
                  发送测试
                </Button>
                <Button size="small" onClick={() => setModal({ open: true, editing: c })}>
                  编辑
                </Button>
                <Popconfirm title={`删除渠道“${c.name}”？`} onConfirm={() => remove.mutate(c)}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <ChannelModal open={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  );
}
