import { Link } from 'react-router';
import { Card, Flex, Typography } from 'antd';
import type { MatterSummary } from '../../api/matters';
import { fmtDate } from '../../components/format';
import { daysLeftText, LightTag, PriorityTag, StateTag } from './MatterTags';

/** One matter as a card: the phone layout, where nine columns cannot fit. */
export function MatterCard({ m }: { m: MatterSummary }) {
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Flex justify="space-between" gap={8} align="start">
        <Link to={`/matters/${m.id}`} style={{ fontWeight: 600 }}>
          {m.title}
        </Link>
        <LightTag light={m.light} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.code} · {m.sourceLabel} · {m.leadUnit?.name ?? '未定牵头单位'}
      </Typography.Text>
      <Flex wrap gap={4} align="center" style={{ marginTop: 6 }}>
        <StateTag state={m.state} label={m.stateLabel} />
        <PriorityTag priority={m.priority} label={m.priorityLabel} />
        <Typography.Text style={{ fontSize: 12 }}>
          期限 {fmtDate(m.deadline)}
          {daysLeftText(m.workingDaysLeft, m.state) !== '—' && `（剩余 ${daysLeftText(m.workingDaysLeft, m.state)}）`}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

