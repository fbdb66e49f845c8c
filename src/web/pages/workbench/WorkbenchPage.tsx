import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useMe } from '../../api/session';
import type { WorkbenchItem } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { fmtDate, isInternalLink } from '../../components/format';

const expiryWarningDays = 14;

function PasswordExpiryReminder({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return null;
  const days = dayjs(expiresAt).diff(dayjs(), 'day');
  if (days > expiryWarningDays) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={days >= 0 ? `您的密码将于 ${fmtDate(expiresAt)} 到期（还剩 ${days} 天）` : '您的密码已到期'}
      description={
        <span>
          到期后须修改密码才能继续使用，请及时 <Link to="/password">修改密码</Link>。
        </span>
      }
    />
  );
}

function TodoCard({ item }: { item: WorkbenchItem }) {
  const card = (
    <Card hoverable={isInternalLink(item.link)} style={{ height: '100%' }}>
      <Statistic title={item.title} value={item.count} suffix="项" />
      {item.description && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} ellipsis={{ rows: 2 }}>
          {item.description}
        </Typography.Paragraph>
      )}
    </Card>
  );
  return isInternalLink(item.link) ? (
    <Link to={item.link} aria-label={`${item.title}：${item.count} 项`}>
      {card}
    </Link>
  ) : (
    card
  );
}

/** The business user's home: one card per kind of to-do, contributed by each module. */
export function WorkbenchPage() {
  const me = useMe().data;
  const wb = useQuery({
    queryKey: ['workbench'],
    queryFn: () => api.get<{ items: WorkbenchItem[] }>('/api/v1/workbench'),
    refetchOnWindowFocus: true,
    meta: { silent: true },
  });
  return (
    <>
      <PageHeader title="我的工作台">
        <Typography.Text type="secondary">
          {me ? `${me.name}，您好！${me.unit.name}` : ''}
        </Typography.Text>
      </PageHeader>
      <PasswordExpiryReminder expiresAt={me?.passwordExpiresAt ?? null} />
      {wb.isPending ? (
        <Skeleton active />
      ) : wb.isError ? (
        <Alert type="error" showIcon title="待办事项加载失败" description={wb.error.message} />
      ) : wb.data.items.length === 0 ? (
        <Card>
          <Empty description="暂无待办事项，工作都已处理完毕" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {wb.data.items.map((item) => (
            <Col key={item.key} xs={24} sm={12} lg={8} xl={6}>
              <TodoCard item={item} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
