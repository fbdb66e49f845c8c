import { Link } from 'react-router';
import { Card, Empty, Grid, Table, Typography } from 'antd';
import type { MatterSummary } from '../../api/matters';
import { DeadlineDate } from '../matters/DeadlineDate';
import { MatterCard } from '../matters/MatterCard';
import { daysLeftText, StateTag } from '../matters/MatterTags';

/**
 * 红灯 / 黄灯清单: a table on wide screens and the ledger's cards on phones;
 * "查看全部" opens the ledger filtered to the same light, since the board
 * holds only the first ones by deadline.
 */
export function LightList({ title, light, list }: { title: string; light: 'red' | 'yellow'; list: { total: number; items: MatterSummary[] } }) {
  const phone = !Grid.useBreakpoint().md;
  return (
    <Card
      title={`${title}（${list.total}）`}
      size="small"
      data-testid={`board-${light}`}
      extra={<Link to={`/matters?light=${light}`}>查看全部</Link>}
      styles={{ body: phone ? { padding: 8 } : { padding: 0 } }}
    >
      {phone ? (
        list.items.length ? (
          list.items.map((m) => <MatterCard key={m.id} m={m} />)
        ) : (
          <Empty description="暂无事项" />
        )
      ) : (
        <Table<MatterSummary>
          rowKey="id"
          size="small"
          dataSource={list.items}
          pagination={list.items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          locale={{ emptyText: <Empty description="暂无事项" /> }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '标题', key: 'title', render: (_, m) => <Link to={`/matters/${m.id}`}>{m.title}</Link> },
            { title: '牵头单位', key: 'unit', render: (_, m) => m.leadUnit?.name ?? '—' },
            { title: '期限', key: 'deadline', render: (_, m) => <DeadlineDate m={m} /> },
            {
              title: '剩余',
              key: 'left',
              render: (_, m) => <Typography.Text type={light === 'red' ? 'danger' : 'warning'}>{daysLeftText(m.workingDaysLeft, m.state)}</Typography.Text>,
            },
            { title: '状态', key: 'state', render: (_, m) => <StateTag state={m.state} label={m.stateLabel} /> },
          ]}
        />
      )}
    </Card>
  );
}
