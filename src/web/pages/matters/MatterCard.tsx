import { Link } from 'react-router';
import { Card, Checkbox, Flex, Typography } from 'antd';
import type { MatterSummary } from '../../api/matters';
import { DeadlineDate } from './DeadlineDate';
import { daysLeftText, LightTag, PriorityTag, StateTag } from './MatterTags';

/**
 * One matter as a card: the phone layout, where nine columns cannot fit.
 * With `selection` the card carries a checkbox (the ledger's 批量催办 on phones).
 */
export function MatterCard({ m, selection }: { m: MatterSummary; selection?: { checked: boolean; disabled: boolean; onChange: (checked: boolean) => void } }) {
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Flex justify="space-between" gap={8} align="start">
        <Flex gap={8} align="start">
          {selection && (
            <Checkbox
              checked={selection.checked}
              disabled={selection.disabled}
              aria-label={`选择 ${m.title}`}
              onChange={(e) => selection.onChange(e.target.checked)}
            />
          )}
          <Link to={`/matters/${m.id}`} style={{ fontWeight: 600 }}>
            {m.title}
          </Link>
        </Flex>
        <LightTag light={m.light} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.code} · {m.sourceLabel} · {m.leadUnit?.name ?? '未定牵头单位'}
      </Typography.Text>
      <Flex wrap gap={4} align="center" style={{ marginTop: 6 }}>
        <StateTag state={m.state} label={m.stateLabel} />
        <PriorityTag priority={m.priority} label={m.priorityLabel} />
        <Typography.Text style={{ fontSize: 12 }}>
          期限 <DeadlineDate m={m} />
          {daysLeftText(m.workingDaysLeft, m.state) !== '—' && `（${(m.workingDaysLeft ?? 0) < 0 ? '' : '剩余 '}${daysLeftText(m.workingDaysLeft, m.state)}）`}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

