import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { ChannelModal, channelKindLabels, channelsKey } from './ChannelModal';
import { DeliveryCard } from './DeliveryCard';


/** 通知渠道 (sysadmin): group robots and webhooks that in-app notices are also pushed to. */
export function ChannelsPage() {
  const qc = useQueryClient();
  const [modal, setModal] = useState<{ open: boolean; editing: Channel | null }>({ open: false, editing: null });
  const channels = useQuery({
    queryKey: channelsKey,
    queryFn: () => api.get<{ items: Channel[] }>('/api/v1/notification-channels'),
  });
  const remove = useMutation({
    mutationFn: (c: Channel) => api.del<{ deleted: boolean }>(`/api/v1/notification-channels/${c.id}`),
    // A channel that has sent messages is kept (disabled) so the delivery records still name it.
    onSuccess: (r) =>
      r.deleted
        ? feedback.message?.success('已删除')
        : feedback.message?.info('该渠道已发送过消息，为保留投递记录已改为停用'),
    onSettled: () => qc.invalidateQueries({ queryKey: channelsKey }),
  });
  const navigate = useNavigate();
  // Delivery is asynchronous (the outbox job sends it); the result shows up in 投递记录.
  const test = useMutation({
    mutationFn: (c: Channel) => api.post<{ outboxId: string }>(`/api/v1/notification-channels/${c.id}/test`),
    onSuccess: () =>
      feedback.notification?.success({
        title: '测试消息已排队发送',
        description: '请稍后在群内查看；发送结果可在“投递记录”中查看。',
        actions: (
          <Button size="small" onClick={() => navigate('/admin/outbox')}>
            查看投递记录
          </Button>
        ),
      }),
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
          { title: '类型', key: 'kind', render: (_, c) => c.kindLabel ?? channelKindLabels[c.kind] ?? c.kind },
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
      <DeliveryCard />
      <ChannelModal open={modal.open} editing={modal.editing} onClose={() => setModal({ open: false, editing: null })} />
    </>
  );
}
