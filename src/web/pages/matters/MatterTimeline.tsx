import type { ReactNode } from 'react';
import { Tag, Timeline, Typography } from 'antd';
import {
  describeReferralGround,
  referralRecipientLabels,
  reminderTriggerLabels,
  reviewChecklistItems,
  reviewChecklistLabels,
  type ReferralRecipient,
  type ReminderTrigger,
  type ReviewChecklistItem,
} from '../../../shared/supervision';
import type { MatterDetail, TimelineEvent } from '../../api/matters';
import { fmtDateTime } from '../../components/format';
import { AttachmentLink } from './AttachmentLink';
import { useUnitNames } from './UnitTreeSelect';

type Payload = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A deadline change, the one thing every reader of a timeline looks for. */
function deadlineChange(p: Payload): ReactNode {
  const c = (p.change as Payload | null | undefined) ?? p;
  const to = str(c.newDeadline);
  if (!to) return null;
  const from = str(c.oldDeadline);
  return <div>办理期限：{from ? `${from} → ${to}` : to}</div>;
}

function Quote({ label, text }: { label: string; text: unknown }) {
  const t = str(text);
  if (!t) return null;
  return (
    <div>
      {label}：<span style={{ whiteSpace: 'pre-wrap' }}>{t}</span>
    </div>
  );
}

/** Milestones a closing waived, each with the supervisor's reason. */
function Waived({ p }: { p: Payload }) {
  const list = (p.waived as { milestoneId: string; title: string; reason: string }[] | undefined) ?? [];
  return list.map((w) => (
    <div key={w.milestoneId} data-testid="timeline-waived">
      节点“{w.title}”免于完成：<span style={{ whiteSpace: 'pre-wrap' }}>{w.reason}</span>
    </div>
  ));
}

/** The event-specific part of a timeline entry, from its payload (server/domain/supervision/events.ts). */
/** What the timeline reads of a matter: the events, and the milestones when the reader may see them (not a limited view). */
type TimelineOf = Pick<MatterDetail, 'timeline'> & Partial<Pick<MatterDetail, 'milestones' | 'unitNames'>>;

function Highlights({ e, matter, unitName }: { e: TimelineEvent; matter: TimelineOf; unitName: (id: string) => string }) {
  const p = e.payload ?? {};
  const yesNo = (v: unknown, yes: string, no: string) => <Tag color={v ? 'green' : 'orange'}>{v ? yes : no}</Tag>;
  switch (e.type) {
    case 'reminded':
      return (
        <div>
          第 {String(p.number)} 次催办 · {reminderTriggerLabels[p.trigger as ReminderTrigger] ?? ''}
        </div>
      );
    case 'returned':
    case 'suspended':
      return <Quote label="理由" text={p.reason} />;
    case 'return_ruled':
      return (
        <>
          {yesNo(p.justified, '退回理由成立', '退回理由不成立，原单位继续办理')}
          {p.justified === true && <div>改由 {unitName(str(p.leadUnitId) ?? '')} 牵头</div>}
          {deadlineChange(p)}
        </>
      );
    case 'progress_reported': {
      const done = (p.milestonesDone as string[] | undefined) ?? [];
      return (
        <>
          <Quote label="进展" text={p.text} />
          {done.length > 0 && <div>完成节点：{done.map((id) => matter.milestones?.find((m) => m.id === id)?.title ?? id).join('、')}</div>}
        </>
      );
    }
    case 'extension_requested':
      return (
        <>
          <div>
            申请延期：{str(p.deadline)} → {str(p.requested)}
          </div>
          <Quote label="理由" text={p.reason} />
        </>
      );
    case 'extension_decided':
      return (
        <>
          {yesNo(p.approved, '同意延期', '不同意延期')}
          {deadlineChange(p)}
        </>
      );
    case 'help_requested':
    case 'help_answered':
      return <Quote label="内容" text={p.text} />;
    case 'instruction_added': {
      const named = (p.unitIds as string[] | undefined) ?? [];
      return (
        <>
          <Quote label="批示" text={p.text} />
          {named.length > 0 && <div>点名单位：{named.map(unitName).join('、')}</div>}
        </>
      );
    }
    case 'completion_submitted':
      return (
        <>
          <Quote label="办结报告" text={p.report} />
          <div>
            佐证材料：{((p.evidenceIds as string[] | undefined) ?? []).map((id) => <AttachmentLink key={id} id={id} />)}
          </div>
          {str(p.extensionWithdrawn) && (
            <div data-testid="timeline-withdrawn">
              <Tag color="orange">撤回</Tag>报结时撤回了延期申请（申请延至 {str(p.extensionWithdrawn)}），已通知督查员
            </div>
          )}
        </>
      );
    case 'completion_decided':
      return yesNo(p.approved, '单位负责人同意报结', '单位负责人退回');
    case 'reviewed': {
      const list = (p.checklist as Partial<Record<ReviewChecklistItem, boolean>> | undefined) ?? {};
      const checked = reviewChecklistItems.filter((i) => i in list);
      return (
        <>
          {yesNo(p.approved, '审核通过', '退回重办')}
          {checked.length > 0 && (
            <div>
              审结标准：
              {checked.map((i) => (
                <span key={i} style={{ marginInlineEnd: 8 }}>
                  {list[i] ? '✔' : '✘'} {reviewChecklistLabels[i]}
                </span>
              ))}
            </div>
          )}
          <Waived p={p} />
          {deadlineChange(p)}
        </>
      );
    }
    case 'rechecked':
    case 'looked_back': {
      const early = p.early as { reason: string; dueOn: string } | undefined;
      return (
        <>
          {yesNo(p.passed, '通过', e.type === 'rechecked' ? '复核未通过' : '重新办理')}
          {early && <div>提前回头看（到期日 {early.dueOn}）：{early.reason}</div>}
          <Waived p={p} />
          {deadlineChange(p)}
        </>
      );
    }
    case 'accountability_referred':
      return (
        <>
          <div>移交依据：{describeReferralGround(p.ground as Payload | undefined)}</div>
          <Quote label="理由" text={p.reason} />
          <div>移交：{((p.recipients as ReferralRecipient[] | undefined) ?? []).map((r) => referralRecipientLabels[r]).join('、')}</div>
        </>
      );
    case 'escalated':
      return <div>已逾期 {String(p.overdueWorkingDays)} 个工作日，升级督办</div>;
    // deadline_recalculated: a year's notice was loaded after the deadline was counted across it; its comment (说明) says so.
    case 'assigned':
    case 'resumed':
    case 'deadline_recalculated':
      return deadlineChange(p);
    default:
      return null;
  }
}

/** 办理过程: every event of the matter, oldest first, as the server recorded it. */
export function MatterTimeline({ matter }: { matter: TimelineOf }) {
  const known = useUnitNames();
  // The server names the units the events mention: a liaison's own unit list holds only their unit.
  const unitName = (id: string) => matter.unitNames?.[id] ?? known(id);
  return (
    <Timeline
      items={matter.timeline.map((e) => ({
        key: e.seq,
        content: (
          <div data-testid="timeline-event">
            <div>
              <Typography.Text strong>{e.typeLabel}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {fmtDateTime(e.at)} · {e.actor?.name ?? '系统'} · {e.stateLabel}
              </Typography.Text>
            </div>
            <Highlights e={e} matter={matter} unitName={unitName} />
            {e.comment && (
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {e.type === 'deadline_recalculated' ? '说明' : '意见'}：{e.comment}
              </Typography.Paragraph>
            )}
            {(e.attachmentIds?.length ?? 0) > 0 && (
              <div data-testid="timeline-attachments">
                附件：
                {e.attachmentIds!.map((id) => (
                  <AttachmentLink key={id} id={id} />
                ))}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
