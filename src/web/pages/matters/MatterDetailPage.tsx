import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Result, Space, Table, Typography } from 'antd';
import { ApartmentOutlined, DownloadOutlined } from '@ant-design/icons';
import { matterActionLabels, matterFlagLabels, userActionTypes, type MatterFlag, type UserActionType } from '../../../shared/supervision';
import { ApiError } from '../../api/client';
import { referralPackageUrl, useMatter, type MatterDetail, type MatterSummary } from '../../api/matters';
import { useMe } from '../../api/session';
import { allows } from '../../components/access';
import { fmtDate, fmtDateTime } from '../../components/format';
import { FullPageSpin } from '../../components/guards';
import { MatterHeading } from './MatterHeading';
import { ActionModal } from './ActionModal';
import { EditDraftModal } from './EditDraftModal';
import { MatterCard } from './MatterCard';
import { DeadlineDate } from './DeadlineDate';
import { AttachmentLink } from './AttachmentLink';
import { MatterTimeline } from './MatterTimeline';
import { InformedMatterView } from './InformedMatterView';
import { lookBackIsEarly } from './closingFields';
import { daysLeftText, LightTag, PriorityTag, StateTag } from './MatterTags';
import { useUnitNames } from './UnitTreeSelect';

/** Buttons in the order of the loop; 修改立项信息 (edit_draft) opens the whole 立项 form rather than a small dialog. */
const buttonOrder = userActionTypes;
const primary = new Set<UserActionType>(['assign', 'accept', 'submit_completion', 'approve_completion', 'review', 'recheck']);

function Header({ m }: { m: MatterDetail }) {
  return (
    <MatterHeading code={m.code} title={m.title}>
      <Flex wrap gap={8} align="center">
        <StateTag state={m.state} label={m.stateLabel} />
        {m.light !== 'none' && <LightTag light={m.light} />}
        <PriorityTag priority={m.priority} label={m.priorityLabel} />
        <span>
          办理期限：<DeadlineDate m={m} />
          {m.originalDeadline && m.originalDeadline !== m.deadline && (
            <Typography.Text type="secondary">（原定 {fmtDate(m.originalDeadline)}）</Typography.Text>
          )}
        </span>
        {m.deadline && <span>剩余期限：{daysLeftText(m.workingDaysLeft, m.state)}</span>}
        {m.parent ? (
          <span>
            上级事项：<Link to={`/matters/${m.parent.id}`}>{m.parent.title}</Link>
          </span>
        ) : (
          m.hasParent && <Typography.Text type="secondary">上级事项不在您的查看范围内</Typography.Text>
        )}
        {m.flags.map((f) => (
          <Typography.Text key={f} type="danger">
            {matterFlagLabels[f as MatterFlag] ?? f}
          </Typography.Text>
        ))}
      </Flex>
      {m.deadlineProvisional && <Alert type="warning" showIcon title={m.deadlineProvisionalNote} style={{ marginTop: 12 }} />}
    </MatterHeading>
  );
}

/** Where the completion stands: with the unit head, with the office for 审核, or after 审核 for 复核. */
function completionTitle(m: MatterDetail, c: NonNullable<MatterDetail['completion']>): string {
  if (!c.approvedAt) return `已报结（${fmtDateTime(c.submittedAt)}），待单位负责人审批`;
  if (m.state === 'rechecking') return `审核已通过，待复核（办结报告经单位负责人同意于 ${fmtDateTime(c.approvedAt)}）`;
  return `办结报告已经单位负责人同意（${fmtDateTime(c.approvedAt)}），待审核`;
}

/**
 * What the caller's role could do but may not now, with the server's own
 * reason (refusedActions): an action whose state allows it but whose
 * condition fails is a disabled button with the reason beside it (inline,
 * as a phone has no hover); those the state rules out are one quiet line.
 */
function Refused({ m }: { m: MatterDetail }) {
  const mine = (userActionTypes as readonly string[]).filter((a) => a !== 'edit_draft');
  const refused = (m.refusedActions ?? []).filter((r) => mine.includes(r.action));
  // A draft's missing pieces are explained by the draft notice below.
  const conditions = refused.filter((r) => r.kind === 'condition' && !(r.action === 'assign' && m.state === 'draft'));
  const byState = refused.filter((r) => r.kind === 'state');
  if (!conditions.length && !byState.length) return null;
  return (
    <div role="group" aria-label="暂不能执行的操作" style={{ marginBottom: 16 }} data-testid="refused-actions">
      {conditions.map((r) => (
        <Flex key={r.action} wrap gap={8} align="center" style={{ marginBottom: 4 }}>
          <Button disabled title={r.reason}>
            {matterActionLabels[r.action as UserActionType]}
          </Button>
          <Typography.Text type="secondary">{r.reason}</Typography.Text>
        </Flex>
      ))}
      {byState.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          事项当前为“{m.stateLabel}”状态，暂不能{byState.map((r) => matterActionLabels[r.action as UserActionType]).join('、')}。
        </Typography.Text>
      )}
    </div>
  );
}

/** What waits on someone now: a return to rule on, an extension or help request, a completion to approve or review. */
function Pending({ m, unitName }: { m: MatterDetail; unitName: (id: string) => string }) {
  const items = [
    m.pendingReturn && (
      <Alert key="r" type="warning" showIcon title={`${unitName(m.pendingReturn.unitId)} 申请退回（${fmtDateTime(m.pendingReturn.at)}）`} description={m.pendingReturn.reason} />
    ),
    m.pendingExtension && (
      <Alert key="e" type="warning" showIcon title={`申请延期至 ${m.pendingExtension.requested}（${fmtDateTime(m.pendingExtension.at)}）`} description={m.pendingExtension.reason} />
    ),
    m.pendingHelp && <Alert key="h" type="info" showIcon title={`申请督帮（${fmtDateTime(m.pendingHelp.at)}）`} description={m.pendingHelp.text} />,
    m.completion && m.state !== 'closed' && (
      <Alert
        key="c"
        type="info"
        showIcon
        title={completionTitle(m, m.completion)}
        description={
          <>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.completion.report}</div>
            {m.completion.evidenceIds.map((id) => (
              <AttachmentLink key={id} id={id} />
            ))}
          </>
        }
      />
    ),
    m.lookBackDue && <Alert key="l" type="info" showIcon title="回头看到期，待督查员复查" />,
    !m.lookBackDue && m.state === 'closed' && m.lookBackDueOn && (
      <Alert key="lo" type="info" showIcon title={`回头看到期日：${m.lookBackDueOn}`} description={lookBackIsEarly(m) ? '此前回头看须说明提前的理由。' : undefined} />
    ),
  ].filter(Boolean);
  if (!items.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {items}
    </Space>
  );
}

function Plan({ m, narrow }: { m: MatterDetail; narrow: boolean }) {
  const rule = m.deadlineRule;
  const ref = m.sourceRef ?? {};
  const handler = (id: string | undefined) => (id && m.handlers[id] ? `（承办人：${m.handlers[id]}）` : '');
  return (
    <Descriptions
      size="small"
      bordered
      column={narrow ? 1 : 2}
      items={[
        { key: 'source', label: '来源', children: m.sourceLabel },
        { key: 'leader', label: '批示领导', children: m.instructingLeader?.name ?? ref.leaderName ?? '—' },
        ...(ref.text || ref.date ? [{ key: 'ref', label: '批示内容', span: narrow ? 1 : 2, children: `${ref.date ? `${ref.date} ` : ''}${ref.text ?? ''}` }] : []),
        ...(ref.reference ? [{ key: 'refno', label: '文号或来文', span: narrow ? 1 : 2, children: ref.reference }] : []),
        { key: 'lead', label: '牵头单位', children: m.leadUnit ? `${m.leadUnit.name}${handler(m.leadUnit.id)}` : '—' },
        {
          key: 'co',
          label: '协办单位',
          children: m.coUnits.length ? m.coUnits.map((u) => (u ? `${u.name}${handler(u.id)}` : '')).join('、') : '—',
        },
        {
          key: 'rule',
          label: '时限要求',
          children: rule ? (rule.kind === 'date' ? `${rule.date} 前完成` : `交办后 ${rule.days} 个工作日内完成`) : '—',
        },
        { key: 'cadence', label: '进展反馈', children: m.progressCadenceDays ? `每 ${m.progressCadenceDays} 个工作日` : '不要求定期反馈' },
        { key: 'recheck', label: '实地复核', children: m.recheckRequired ? '需要' : '不需要' },
        { key: 'cat', label: '分类', children: m.categories.join('、') || '—' },
        { key: 'opened', label: '立项时间', children: fmtDateTime(m.openedAt) },
        { key: 'assigned', label: '交办时间', children: fmtDateTime(m.assignedAt) },
        {
          key: 'ms',
          label: '节点安排',
          span: narrow ? 1 : 2,
          children: m.milestones.length
            ? m.milestones.map((x) => (
                <div key={x.id}>
                  {x.doneAt ? '✔' : x.waived ? '—' : '○'} {x.title}（{x.deadline}）{x.doneAt ? ` 完成于 ${fmtDate(x.doneAt)}` : ''}
                  {x.waived && <Typography.Text type="secondary">{` 办结时免于完成（${fmtDate(x.waived.at)}）：${x.waived.reason}`}</Typography.Text>}
                </div>
              ))
            : '—',
        },
        {
          key: 'req',
          label: '办理要求',
          span: narrow ? 1 : 2,
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{m.requirement || '—'}</div>,
        },
        ...(m.closedAt ? [{ key: 'closed', label: '办结时间', children: fmtDateTime(m.closedAt) }] : []),
      ]}
    />
  );
}

/** Why a complete-looking draft cannot be assigned yet, as far as the page can tell (the server has the last word). */
function draftGap(m: MatterDetail): string | null {
  if (!m.leadUnit) return '尚未确定牵头单位';
  if (!m.deadlineRule) return '尚未确定完成时限';
  return null;
}

/** 拆分子事项: each sub-matter the user may see, with its unit, state, light and deadline. */
function SubMatters({ m, narrow }: { m: MatterDetail; narrow: boolean }) {
  const hidden = m.children.length - m.subMatters.length;
  const open = m.children.filter((c) => c.open).length;
  return (
    <Card title={`子事项（${m.children.length}）`} size="small" style={{ marginBottom: 16 }} data-testid="sub-matters">
      {m.children.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {open ? `${open} 项未办结；全部子事项办结后，本事项才能办结。` : '子事项已全部办结。'}
          {hidden > 0 && ` 另有 ${hidden} 项不在您的查看范围内。`}
        </Typography.Paragraph>
      )}
      {narrow ? (
        m.subMatters.length ? m.subMatters.map((c) => <MatterCard key={c.id} m={c} />) : <Empty description="暂无子事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<MatterSummary>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.subMatters}
          locale={{ emptyText: <Empty description="暂无子事项" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: '标题', key: 'title', render: (_, c) => <Link to={`/matters/${c.id}`}>{c.title}</Link> },
            { title: '牵头单位', key: 'lead', render: (_, c) => c.leadUnit?.name ?? '—' },
            { title: '状态', key: 'state', render: (_, c) => <StateTag state={c.state} label={c.stateLabel} /> },
            { title: '红黄绿灯', key: 'light', render: (_, c) => <LightTag light={c.light} /> },
            { title: '办理期限', key: 'deadline', render: (_, c) => <DeadlineDate m={c} /> },
          ]}
        />
      )}
    </Card>
  );
}

/** 事项详情: plan, what is pending, the full timeline, and exactly the actions the server allows this user now. */
export function MatterDetailPage() {
  const { id = '' } = useParams();
  const matter = useMatter(id);
  const unitName = useUnitNames();
  const narrow = !Grid.useBreakpoint().md;
  const [action, setAction] = useState<UserActionType | null>(null);
  const [editing, setEditing] = useState(false);
  const me = useMe().data;
  const navigate = useNavigate();

  if (matter.isPending) return <FullPageSpin />;
  if (matter.isError) {
    const e = matter.error;
    return (
      <Result
        status={e instanceof ApiError && e.status === 404 ? '404' : 'error'}
        title={e instanceof ApiError && e.status === 404 ? '事项不存在或无权查看' : '无法加载事项'}
        subTitle={e.message}
        extra={<Link to="/matters">返回督查台账</Link>}
      />
    );
  }
  // A unit kept informed (former lead unit, unit a 批示 names) gets the limited view, with no actions.
  if (matter.data.access !== 'full') return <InformedMatterView m={matter.data} />;
  const m = matter.data;
  const actions = buttonOrder.filter((a) => allows(m, a));
  const roles = me?.roles ?? [];
  const isSupervisor = roles.includes('supervisor');
  // A sub-matter links to its parent only while the parent is open (the server's link_child rule).
  const canSplit = isSupervisor && m.state !== 'closed';
  // 问责移交材料: the supervisor and leaders (the auditor takes it from the audit log); only once the matter was referred.
  const referred = m.timeline.some((e) => e.type === 'accountability_referred');
  const canDownloadReferral = referred && roles.some((r) => r === 'supervisor' || r === 'leader' || r === 'auditor');
  const gap = m.state === 'draft' && allows(m, 'edit_draft') && !allows(m, 'assign') ? (draftGap(m) ?? '立项信息尚不完整或时限已过') : null;

  return (
    <>
      <Header m={m} />
      {(actions.length > 0 || canSplit || canDownloadReferral) && (
        <Flex wrap gap={8} style={{ marginBottom: 16 }} role="toolbar" aria-label="办理操作">
          {actions.map((a) => (
            <Button key={a} type={primary.has(a) ? 'primary' : 'default'} onClick={() => (a === 'edit_draft' ? setEditing(true) : setAction(a))}>
              {matterActionLabels[a]}
            </Button>
          ))}
          {canSplit && (
            <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/matters/new?parent=${m.id}`)}>
              拆分子事项
            </Button>
          )}
          {canDownloadReferral && (
            <Button icon={<DownloadOutlined />} href={referralPackageUrl(m.id)} download>
              问责移交材料
            </Button>
          )}
        </Flex>
      )}
      <Refused m={m} />
      {gap && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`草稿${gap}，暂不能交办`}
          description="请点“修改立项信息”补全牵头单位和完成时限（日期须在今天之后），保存后即可交办。"
        />
      )}
      <Pending m={m} unitName={unitName} />
      <Card title="事项信息" size="small" style={{ marginBottom: 16 }}>
        <Plan m={m} narrow={narrow} />
      </Card>
      {m.children.length > 0 && <SubMatters m={m} narrow={narrow} />}
      <Card title="办理过程" size="small">
        <MatterTimeline matter={m} />
      </Card>
      <ActionModal matter={m} action={action} onClose={() => setAction(null)} />
      {allows(m, 'edit_draft') && <EditDraftModal matter={m} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
