import { Link } from 'react-router';
import { Alert, Card, Descriptions } from 'antd';
import type { MatterInformedView } from '../../api/matters';
import { MatterHeading } from './MatterHeading';
import { MatterTimeline } from './MatterTimeline';

/**
 * 事项详情 for a unit kept informed: a former lead unit after a justified
 * 退回, or a unit a leader's 批示 names. It reads what concerns it — its own
 * events and the ruling, or the 批示 — and where the matter went; it cannot
 * act, and the new unit's work is not shown (the server sends none of it).
 */
export function InformedMatterView({ m }: { m: MatterInformedView }) {
  const former = m.access === 'former_unit';
  const ref = m.sourceRef ?? {};
  return (
    <>
      <MatterHeading code={m.code} title={m.title} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="informed-notice"
        title={former ? `贵单位的退回申请已同意，事项已改由${m.leadUnit?.name ?? '其他单位'}牵头办理` : '领导批示点名贵单位'}
        description={
          former
            ? '以下是与贵单位有关的办理记录（交办、退回和研判结果），供查阅；贵单位无需再办理此事项。'
            : '以下是点名贵单位的领导批示，供查阅；事项由牵头单位办理。'
        }
      />
      <Card title="事项信息" size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'source', label: '来源', children: m.sourceLabel },
            { key: 'leader', label: '批示领导', children: m.instructingLeader?.name ?? ref.leaderName ?? '—' },
            ...(ref.text ? [{ key: 'ref', label: '批示内容', children: `${ref.date ? `${ref.date} ` : ''}${ref.text}` }] : []),
            ...(ref.reference ? [{ key: 'refno', label: '文号或来文', children: ref.reference }] : []),
            { key: 'lead', label: '现牵头单位', children: m.leadUnit?.name ?? '—' },
          ]}
        />
      </Card>
      <Card title={former ? '与本单位有关的办理记录' : '领导批示'} size="small" style={{ marginBottom: 16 }}>
        <MatterTimeline matter={m} />
      </Card>
      <Link to="/notifications">返回通知中心</Link>
    </>
  );
}
