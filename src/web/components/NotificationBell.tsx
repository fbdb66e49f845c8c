import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api/client';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** Polls once a minute and again whenever the window regains focus, so a returning user sees fresh counts. */
export function NotificationBell() {
  const navigate = useNavigate();
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<{ count: number }>('/api/v1/notifications/unread-count'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    meta: { silent: true },
  });
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? `通知中心（${count} 条未读）` : '通知中心';
  return (
    <Tooltip title={label}>
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          type="text"
          aria-label={label}
          icon={<BellOutlined style={{ fontSize: 18, color: '#fff' }} />}
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </Tooltip>
  );
}
