import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Notification, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { fmtDateTime, isInternalLink, isWebLink } from '../../components/format';
import { feedback } from '../../components/feedback';

type NotificationPage = Page<Notification> & { unread: number };

const pageSize = 20;

function NotificationCard({ n, onRead, busy }: { n: Notification; onRead: () => void; busy: boolean }) {
  const unread = !n.readAt;
  const weight = unread ? 600 : 400;
  const link = n.link ?? '';
  // Following a notice's link counts as reading it.
  const title = isInternalLink(link) ? (
    <Link to={link} onClick={unread ? onRead : undefined} style={{ fontWeight: weight }}>
      {n.title}
    </Link>
  ) : isWebLink(link) ? (
    <a href={link} target="_blank" rel="noopener noreferrer" onClick={unread ? onRead : undefined} style={{ fontWeight: weight }}>
      {n.title}
    </a>
  ) : (
    <Typography.Text strong={unread}>{n.title}</Typography.Text>
  );
  return (
    <Card size="small" style={{ borderInlineStart: unread ? '3px solid #b3261e' : undefined }}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Flex gap={8} align="center" wrap>
            {unread ? <Badge status="error" text="未读" /> : <Tag>已读</Tag>}
            {title}
          </Flex>
          {n.body && (
            <Typography.Paragraph style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {n.body}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtDateTime(n.createdAt)}
          </Typography.Text>
        </div>
        {unread && (
          <Button size="small" icon={<CheckOutlined />} onClick={onRead} loading={busy}>
            标为已读
          </Button>
        )}
      </Flex>
    </Card>
  );
}

export function NotificationsPage() {
  const qc = useQueryClient();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notifications', 'list', { onlyUnread, page }],
    queryFn: () =>
      api.get<NotificationPage>('/api/v1/notifications', { unread: onlyUnread ? 'true' : undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  // The bell's count and this list must agree after any change.
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post('/api/v1/notifications/read-all'),
    onSuccess: () => feedback.message?.success('已全部标为已读'),
    onSettled: refresh,
  });

  const unread = list.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title="通知中心"
        extra={
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={unread === 0}>
            全部标为已读
          </Button>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="筛选"
          value={onlyUnread ? 'unread' : 'all'}
          options={[
            { label: '全部', value: 'all' },
            { label: `未读（${unread}）`, value: 'unread' },
          ]}
          onChange={(v) => {
            setOnlyUnread(v === 'unread');
            setPage(1);
          }}
        />
      </Flex>
      {list.isPending ? (
        <Skeleton active />
      ) : !list.data || list.data.items.length === 0 ? (
        <Card>
          <Empty description={onlyUnread ? '没有未读通知' : '暂无通知'} />
        </Card>
      ) : (
        <Flex vertical gap={8}>
          {list.data.items.map((n) => (
            <NotificationCard
              key={n.id}
              n={n}
              busy={markRead.isPending && markRead.variables === n.id}
              onRead={() => markRead.mutate(n.id)}
            />
          ))}
          <Pagination
            style={{ marginTop: 8, alignSelf: 'flex-end' }}
            current={page}
            pageSize={pageSize}
            total={list.data.total}
            onChange={setPage}
            showSizeChanger={false}
            showTotal={(t) => `共 ${t} 条`}
          />
        </Flex>
      )}
    </>
  );
}
