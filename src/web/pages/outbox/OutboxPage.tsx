import { useState } from 'react';
import { Select, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OutboxAttempt, OutboxItem, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { fmtDateTime } from '../../components/format';

/** The statuses the API filters by; it also sends each row's own Chinese statusLabel. */
const statusTags: Record<string, { color: string; label: string }> = {
  pending: { color: 'blue', label: '待发送' },
  delivered: { color: 'green', label: '已送达' },
  dead: { color: 'red', label: '已放弃' },
};

const statusTag = (o: OutboxItem) => (
  <Tag color={statusTags[o.status]?.color}>{o.statusLabel ?? statusTags[o.status]?.label ?? o.status}</Tag>
);

function AttemptsLog({ log }: { log: OutboxAttempt[] | undefined }) {
  if (!log?.length) return <Typography.Text type="secondary">尚无投递尝试</Typography.Text>;
  return (
    <Table<OutboxAttempt>
      rowKey="at"
      size="small"
      pagination={false}
      dataSource={log}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '时间', dataIndex: 'at', render: fmtDateTime },
        { title: '结果', dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
        { title: '状态码', dataIndex: 'statusCode', render: (v: number | null) => v ?? '—' },
        { title: '耗时', dataIndex: 'durationMs', render: (v: number | null) => (v == null ? '—' : `${v} ms`) },
        { title: '错误', dataIndex: 'error', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** 投递记录 (sysadmin): what the outbox sent where, with every attempt, to diagnose a silent robot or mail server. */
export function OutboxPage() {
  const [status, setStatus] = useState<string>('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const outbox = useQuery({
    queryKey: ['outbox', status, page, pageSize],
    queryFn: () => api.get<Page<OutboxItem>>('/api/v1/outbox', { status, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

  return (
    <>
      <PageHeader
        title="投递记录"
        extra={
          <Select
            aria-label="投递状态"
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 140 }}
            options={[{ value: '', label: '全部状态' }, ...Object.entries(statusTags).map(([value, t]) => ({ value, label: t.label }))]}
          />
        }
      />
      <Table<OutboxItem>
        rowKey="id"
        size="small"
        loading={outbox.isFetching}
        dataSource={outbox.data?.items}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (o) => <AttemptsLog log={o.attemptsLog} /> }}
        columns={[
          { title: '创建时间', dataIndex: 'createdAt', render: fmtDateTime },
          {
            title: '消息',
            key: 'title',
            render: (_, o) => (
              <span>
                {o.test && <Tag>测试</Tag>}
                {o.title ?? '—'}
              </span>
            ),
          },
          { title: '方式', key: 'kind', render: (_, o) => o.kindLabel ?? o.kind },
          {
            title: '发往',
            key: 'target',
            render: (_, o) => (
              <Typography.Text ellipsis={{ tooltip: o.target }} style={{ maxWidth: 240 }}>
                {o.channel?.name || o.target}
              </Typography.Text>
            ),
          },
          { title: '状态', key: 'status', render: (_, o) => statusTag(o) },
          { title: '尝试次数', dataIndex: 'attempts' },
          { title: '最近错误', dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
          { title: '送达时间', dataIndex: 'deliveredAt', render: fmtDateTime },
          { title: '下次重试', dataIndex: 'nextAttemptAt', render: fmtDateTime },
        ]}
        pagination={{
          current: page,
          pageSize,
          total: outbox.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
