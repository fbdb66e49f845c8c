import { Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Radio, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  MAX_DEADLINE_WORKING_DAYS,
  referralGroundLabels,
  referralGrounds,
  referralRecipientLabels,
  referralRecipients,
  reviewChecklistItems,
  reviewChecklistLabels,
  type ReferralGround,
  type ReferralRecipient,
  type ReviewChecklistItem,
  type UserActionType,
} from '../../../shared/supervision';
import type { ActionFields, MatterDetail, UploadedFile } from '../../api/matters';
import { UnitSelect } from '../../components/UnitSelect';
import { EvidenceUpload, uploadedIds } from './EvidenceUpload';
import { DeadlinePreview } from './DeadlinePreview';
import { UnitsMultiSelect } from './UnitTreeSelect';
import { groundGap, LookBackTiming, need, Waivers, waiversOf } from './closingFields';

/** Everything an action dialog may hold; each action renders and sends only its own part. */
export interface ActionValues {
  comment?: string;
  reason?: string;
  text?: string;
  report?: string;
  /** the yes/no of two-outcome actions (approve/reject, pass/fail, justified/not) */
  yes?: boolean;
  leadUnitId?: string | null;
  deadline?: Dayjs | null;
  /** a working-day rule instead of a date (研判 of a justified return) */
  days?: number | null;
  milestonesDone?: string[];
  /** 领导批示: the units it names (told, and kept informed) */
  unitIds?: string[];
  evidence?: UploadFile<UploadedFile>[];
  /** photos and files of a 进展反馈 or 复核 (optional) */
  attachments?: UploadFile<UploadedFile>[];
  checklist?: ReviewChecklistItem[];
  recipients?: ReferralRecipient[];
  ground?: ReferralGround;
  /** 办结 with open milestones: the reason each is waived, by milestone id */
  waivers?: Record<string, string | undefined>;
  /** 回头看 before its due day (the reason goes in `reason`) */
  early?: boolean;
}

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');
const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** The new unit's time limit: N working days from today, else a date, else (neither) the matter's own rule. */
function ruleOf(v: ActionValues): ActionFields['deadlineRule'] {
  if (v.days) return { kind: 'working_days', days: v.days };
  return v.deadline ? { kind: 'date', date: day(v.deadline)! } : undefined;
}

/** Outcomes for the actions that have two, worded as the office says them. */
export const outcomes: Partial<Record<UserActionType, [string, string]>> = {
  rule_return: ['退回理由成立（改派）', '退回理由不成立'],
  decide_extension: ['同意延期', '不同意'],
  approve_completion: ['同意报结', '退回'],
  review: ['审核通过', '退回重办'],
  recheck: ['复核通过', '复核未通过'],
  look_back: ['回头看通过', '重新办理'],
};

/** The uploaded attachments' ids, or nothing when there are none (the field stays off the body). */
function attachmentIdsOf(v: ActionValues): string[] | undefined {
  const ids = uploadedIds(v.attachments);
  return ids.length ? ids : undefined;
}

/** The action's API body from the dialog's values; fields of the other outcome are never sent. */
export function toFields(action: UserActionType, v: ActionValues): ActionFields {
  const comment = trimmed(v.comment);
  switch (action) {
    case 'return':
    case 'suspend':
      return { reason: trimmed(v.reason), comment };
    case 'report_progress':
      return { text: trimmed(v.text), milestonesDone: v.milestonesDone?.length ? v.milestonesDone : undefined, attachmentIds: attachmentIdsOf(v), comment };
    case 'request_help':
    case 'answer_help':
    case 'add_instruction':
      return { text: trimmed(v.text), unitIds: v.unitIds?.length ? v.unitIds : undefined, comment };
    case 'request_extension':
      return { deadline: day(v.deadline), reason: trimmed(v.reason), comment };
    case 'decide_extension':
      return v.yes ? { approved: true, deadline: day(v.deadline), comment } : { approved: false, comment };
    case 'resume':
      return { deadline: day(v.deadline), comment };
    case 'submit_completion':
      return { report: trimmed(v.report), evidenceIds: uploadedIds(v.evidence), comment };
    case 'approve_completion':
      return { approved: !!v.yes, comment };
    case 'review':
      return v.yes
        ? { approved: true, checklist: Object.fromEntries(reviewChecklistItems.map((i) => [i, !!v.checklist?.includes(i)])), waivers: waiversOf(v), comment }
        : { approved: false, deadline: day(v.deadline), comment };
    case 'recheck':
      return v.yes
        ? { passed: true, waivers: waiversOf(v), attachmentIds: attachmentIdsOf(v), comment }
        : { passed: false, deadline: day(v.deadline), attachmentIds: attachmentIdsOf(v), comment };
    case 'look_back': {
      const early = v.early ? { early: true, reason: trimmed(v.reason) } : {};
      return v.yes ? { passed: true, ...early, comment } : { passed: false, deadline: day(v.deadline), ...early, comment };
    }
    case 'rule_return':
      return v.yes
        ? { justified: true, leadUnitId: v.leadUnitId ?? undefined, deadlineRule: ruleOf(v), comment }
        : { justified: false, comment };
    case 'refer_accountability':
      return { ground: v.ground, reason: trimmed(v.reason), recipients: v.recipients, comment };
    default:
      return { comment };
  }
}

/** 改派 is a new assignment from today: preview the rule the dialog will send (or, with neither field, the matter's own). */
function ReassignPreview({ matter }: { matter: MatterDetail }) {
  const form = Form.useFormInstance<ActionValues>();
  const days = Form.useWatch('days', form);
  const deadline = Form.useWatch('deadline', form);
  return <DeadlinePreview rule={ruleOf({ days, deadline }) ?? matter.deadlineRule} from="改派之日（今天）" />;
}

function Outcome({ action }: { action: UserActionType }) {
  const [yes, no] = outcomes[action] ?? ['是', '否'];
  return (
    <Form.Item name="yes" label="结论" rules={[{ required: true, message: '请选择结论' }]}>
      <Radio.Group
        options={[
          { value: true, label: yes },
          { value: false, label: no },
        ]}
      />
    </Form.Item>
  );
}

const comment = (label: string, required = false) => (
  <Form.Item name="comment" label={label} rules={required ? need(label) : undefined}>
    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
  </Form.Item>
);

/** The same words as the server's refusal of a 报结 without evidence (unit-commands.ts). */
const EVIDENCE_REQUIRED = '请至少上传一份佐证材料';
/** As many files as the API takes on one action (actionBody: attachmentIds, evidenceIds). */
const MAX_FILES = 20;

/** A file still uploading is not sent yet, and one that failed is not sent at all: say so rather than drop it. */
const uploadsSettled = {
  validator: (_: unknown, files: UploadFile<UploadedFile>[] | undefined) => {
    if ((files ?? []).some((f) => f.status === 'uploading')) return Promise.reject(new Error('文件仍在上传，请稍候再提交'));
    if ((files ?? []).some((f) => f.status === 'error')) return Promise.reject(new Error('有文件上传失败，请删除后重新上传'));
    if (uploadedIds(files).length > MAX_FILES) return Promise.reject(new Error(`一次最多上传 ${MAX_FILES} 个文件`));
    return Promise.resolve();
  },
};

/** Optional photos and files an action carries (进展反馈, 复核): uploaded as picked, sent as attachmentIds. */
const attachmentsField = (label: string) => (
  <Form.Item name="attachments" label={label} valuePropName="fileList" rules={[uploadsSettled]}>
    <EvidenceUpload label="上传附件" />
  </Form.Item>
);

const laterDate = (label: string, required = false) => (
  <Form.Item name="deadline" label={label} rules={required ? [{ required: true, message: `请选择${label}` }] : undefined}>
    <DatePicker style={{ width: '100%' }} />
  </Form.Item>
);

/** The fields one action needs; `yes` is the outcome chosen so far (for two-outcome actions). */
export function ActionFormFields({ action, matter, yes, early }: { action: UserActionType; matter: MatterDetail; yes?: boolean; early?: boolean }) {
  switch (action) {
    case 'return':
      return <Form.Item name="reason" label="退回理由" rules={need('退回理由')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} /></Form.Item>;
    case 'suspend':
      return <Form.Item name="reason" label="暂缓理由" rules={need('暂缓理由')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} /></Form.Item>;
    case 'report_progress': {
      const open = matter.milestones.filter((m) => !m.doneAt);
      return (
        <>
          <Form.Item name="text" label="进展情况" rules={need('进展情况')}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={10000} />
          </Form.Item>
          {open.length > 0 && (
            <Form.Item name="milestonesDone" label="本次完成的节点（牵头单位填写）">
              <Checkbox.Group options={open.map((m) => ({ value: m.id, label: `${m.title}（${m.deadline}）` }))} />
            </Form.Item>
          )}
          {attachmentsField('附件（现场照片、材料，可不填）')}
        </>
      );
    }
    case 'request_help':
      return <Form.Item name="text" label="需要协调解决的问题" rules={need('需要协调解决的问题')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>;
    case 'answer_help':
      return <Form.Item name="text" label="督帮答复" rules={need('督帮答复')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>;
    case 'add_instruction':
      return (
        <>
          <Form.Item name="text" label="批示内容" rules={need('批示内容')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>
          <Form.Item name="unitIds" label="点名单位" extra="被点名的单位将收到通知并可查看此批示（承办单位本已可见）">
            <UnitsMultiSelect placeholder="可选，批示中点名的单位" />
          </Form.Item>
        </>
      );
    case 'request_extension':
      return (
        <>
          {laterDate('申请延期至', true)}
          <Form.Item name="reason" label="延期理由" rules={need('延期理由')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} /></Form.Item>
        </>
      );
    case 'decide_extension':
      return (
        <>
          <Outcome action={action} />
          {yes === true && laterDate(`延期至（不填则按申请的 ${matter.pendingExtension?.requested ?? ''}）`)}
          {comment(yes === false ? '不同意延期的理由' : '意见', yes === false)}
        </>
      );
    case 'resume':
      return (
        <>
          {laterDate('恢复办理后的时限（不填则按暂缓的工作日顺延）')}
          {comment('说明')}
        </>
      );
    case 'remind':
      return comment('催办意见');
    case 'submit_completion':
      return (
        <>
          <Form.Item name="report" label="办结报告" rules={need('办结报告')}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={10000} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label="佐证材料"
            valuePropName="fileList"
            required
            rules={[
              { validator: (_, files: ActionValues['evidence']) => (uploadedIds(files).length ? Promise.resolve() : Promise.reject(new Error(EVIDENCE_REQUIRED))) },
              uploadsSettled,
            ]}
          >
            <EvidenceUpload />
          </Form.Item>
        </>
      );
    case 'approve_completion':
      return (
        <>
          <Outcome action={action} />
          {comment(yes === false ? '退回报结的理由' : '意见', yes === false)}
        </>
      );
    case 'review':
      return (
        <>
          <Outcome action={action} />
          {yes === true && (
            <Form.Item
              name="checklist"
              label="审结标准（须全部满足）"
              rules={[{ validator: (_, v: ReviewChecklistItem[] | undefined) => ((v?.length ?? 0) === reviewChecklistItems.length ? Promise.resolve() : Promise.reject(new Error('审结标准须逐项核对，全部满足才能审核通过'))) }]}
            >
              <Checkbox.Group options={reviewChecklistItems.map((i) => ({ value: i, label: reviewChecklistLabels[i] }))} />
            </Form.Item>
          )}
          {yes === true && <Waivers matter={matter} />}
          {yes === false && laterDate('重办时限（可不填）')}
          {comment(yes === false ? '退回重办意见' : '审核意见', yes === false)}
        </>
      );
    case 'recheck':
    case 'look_back':
      return (
        <>
          {action === 'look_back' && <LookBackTiming matter={matter} early={early} />}
          <Outcome action={action} />
          {action === 'recheck' && yes === true && <Waivers matter={matter} />}
          {yes === false && laterDate('重办时限（可不填）')}
          {comment(yes === false ? (action === 'recheck' ? '复核未通过的情况' : '重新办理的理由') : '意见', yes === false)}
          {action === 'recheck' && attachmentsField('复核材料（现场照片、核查记录，可不填）')}
        </>
      );
    case 'rule_return':
      return (
        <>
          {matter.pendingReturn && <p>退回理由：{matter.pendingReturn.reason}</p>}
          <Outcome action={action} />
          {yes === true && (
            <>
              <Form.Item name="leadUnitId" label="新的牵头单位" rules={[{ required: true, message: '请选择新的牵头单位' }]}>
                <UnitSelect exclude={matter.leadUnit?.id} />
              </Form.Item>
              {laterDate('新的完成日期（与工作日数二选一；都不填则沿用原规则，从今天重新计算）')}
              <Form.Item name="days" label="或：自今日起的工作日数">
                <InputNumber min={1} max={MAX_DEADLINE_WORKING_DAYS} suffix="个工作日" style={{ width: 180 }} />
              </Form.Item>
              <ReassignPreview matter={matter} />
            </>
          )}
          {comment('研判意见', true)}
        </>
      );
    case 'refer_accountability':
      return (
        <>
          <Form.Item name="ground" label="移交依据" rules={[{ required: true, message: '请选择移交依据' }]}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={referralGrounds.map((g) => {
                const gap = groundGap(g, matter);
                return { value: g, disabled: !!gap, label: gap ? `${referralGroundLabels[g]}（${gap}）` : referralGroundLabels[g] };
              })}
            />
          </Form.Item>
          <Form.Item name="reason" label="移交理由" rules={need('移交理由')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="recipients" label="移交对象" rules={[{ required: true, message: '请选择移交对象' }]}>
            <Checkbox.Group options={referralRecipients.map((r) => ({ value: r, label: referralRecipientLabels[r] }))} />
          </Form.Item>
        </>
      );
    case 'assign': {
      // 交办 takes the draft's own plan; the dialog shows what will go out (修改立项信息 changes it).
      const rule = matter.deadlineRule;
      return (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'lead', label: '牵头单位', children: matter.leadUnit?.name ?? '—' },
              { key: 'co', label: '协办单位', children: matter.coUnits.map((u) => u?.name).filter(Boolean).join('、') || '—' },
              {
                key: 'rule',
                label: '完成时限',
                children: rule ? (rule.kind === 'date' ? `${rule.date} 前完成` : `自交办之日起 ${rule.days} 个工作日内完成`) : '—',
              },
            ]}
          />
          {rule && <DeadlinePreview rule={rule} from="交办之日（今天）" />}
          {comment('交办意见（可不填）')}
        </>
      );
    }
    default:
      // accept: a confirmation with an optional note.
      return comment('备注（可不填）');
  }
}
