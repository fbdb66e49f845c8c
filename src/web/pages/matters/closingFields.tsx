import { Alert, Checkbox, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { REFERRAL_MIN_REMINDERS, type ReferralGround } from '../../../shared/supervision';
import type { ActionFields, MatterDetail } from '../../api/matters';

/**
 * The fields of closing that means closed (办结, 回头看, 问责移交): a reason
 * for each open milestone, the look-back's due day and the early look-back,
 * and which referral grounds the record bears out. The server checks the
 * same (domain/supervision/closing.ts); these say it before the user sends.
 */

export const need = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** Milestones neither done nor waived: 办结 must settle each. */
const openMilestones = (m: MatterDetail) => m.milestones.filter((ms) => !ms.doneAt && !ms.waived);

export function waiversOf(v: { waivers?: Record<string, string | undefined> }): ActionFields['waivers'] {
  const list = Object.entries(v.waivers ?? {}).map(([milestoneId, reason]) => ({ milestoneId, reason: reason?.trim() ?? '' }));
  return list.length ? list : undefined;
}

/** Before the scheduled day (and not marked due by the sweeper or a sample), a look-back is early. */
export const lookBackIsEarly = (m: MatterDetail, today = dayjs().format('YYYY-MM-DD')) =>
  m.state === 'closed' && !m.lookBackDue && !!m.lookBackDueOn && today < m.lookBackDueOn;

/** 办结 with milestones neither done nor waived: a reason for each, or the server refuses to close. */
export function Waivers({ matter }: { matter: MatterDetail }) {
  const open = openMilestones(matter);
  if (!open.length) return null;
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`尚有 ${open.length} 个节点未完成：办结须逐项说明免于完成的理由（记入办理过程）`} />
      {open.map((ms) => (
        <Form.Item key={ms.id} name={['waivers', ms.id]} label={`节点“${ms.title}”（${ms.deadline}）免于完成的理由`} rules={need('免于完成的理由')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
      ))}
    </>
  );
}

/** 回头看: its due day, and before it the explicit early look-back with a reason. */
export function LookBackTiming({ matter, early }: { matter: MatterDetail; early?: boolean }) {
  if (!matter.lookBackDueOn) return null;
  if (!lookBackIsEarly(matter)) return <p>回头看到期日：{matter.lookBackDueOn}</p>;
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`回头看应于 ${matter.lookBackDueOn} 起进行；提前回头看须说明理由`} />
      <Form.Item name="early" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('未到回头看日期，请勾选“提前回头看”并说明理由'))) }]}>
        <Checkbox>提前回头看</Checkbox>
      </Form.Item>
      {early && (
        <Form.Item name="reason" label="提前回头看的理由" rules={need('提前回头看的理由')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
      )}
    </>
  );
}

/** Why a factual ground is not open: the record does not bear it out (the server checks the same). */
export function groundGap(g: ReferralGround, m: MatterDetail): string | null {
  if (g === 'repeated_reminders' && (m.counts.reminders ?? 0) < REFERRAL_MIN_REMINDERS) return `已催办 ${m.counts.reminders ?? 0} 次，须至少 ${REFERRAL_MIN_REMINDERS} 次`;
  if (g === 'recheck_failed' && (m.counts.recheckFailures ?? 0) + (m.counts.reopens ?? 0) === 0) return '没有复核未通过或回头看重新办理的记录';
  return null;
}
