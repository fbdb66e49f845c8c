import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Segmented, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MAX_DEADLINE_WORKING_DAYS, matterPriorities, matterPriorityLabels, matterSourceLabels, matterSources, type MatterPriority, type MatterSource } from '../../../shared/supervision';
import { useLeaders, type DeadlineRule, type MatterCreateBody, type MatterDetail } from '../../api/matters';
import { UnitSelect } from '../../components/UnitSelect';
import { UnitsMultiSelect, useUnitNames } from './UnitTreeSelect';
import { DeadlinePreview } from './DeadlinePreview';

/**
 * The 立项 plan form, shared by 立项 (NewMatterPage) and 修改立项信息
 * (edit_draft on the detail page), so both ask the same questions the same way.
 */
export interface PlanFormValues {
  title: string;
  requirement: string;
  source: MatterSource;
  sourceRef: { leaderName?: string; date?: Dayjs | null; text?: string };
  priority: MatterPriority;
  categories: string[];
  leadUnitId: string | null;
  coUnitIds: string[];
  handlers: Record<string, string | undefined>;
  deadlineKind: 'date' | 'working_days';
  deadlineDate: Dayjs | null;
  deadlineDays: number | null;
  milestones: { title: string; deadline: Dayjs | null }[];
  progressCadenceDays: number | null;
  recheckRequired: boolean;
  instructingLeaderId: string | null;
}

export const initialPlanValues: PlanFormValues = {
  title: '',
  requirement: '',
  source: 'instruction',
  sourceRef: {},
  priority: 'normal',
  categories: [],
  leadUnitId: null,
  coUnitIds: [],
  handlers: {},
  deadlineKind: 'working_days',
  deadlineDate: null,
  deadlineDays: 10,
  milestones: [],
  progressCadenceDays: null,
  recheckRequired: false,
  instructingLeaderId: null,
};

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/** A draft's plan as the form's values (修改立项信息 starts from what the draft holds). */
export function planValuesOf(m: MatterDetail): PlanFormValues {
  const rule = m.deadlineRule;
  const ref = m.sourceRef ?? {};
  return {
    title: m.title,
    requirement: m.requirement,
    source: m.source,
    sourceRef: { leaderName: ref.leaderName, date: ref.date ? dayjs(ref.date) : null, text: ref.text },
    priority: m.priority,
    categories: m.categories,
    leadUnitId: m.leadUnit?.id ?? null,
    coUnitIds: m.coUnits.filter((u) => !!u).map((u) => u!.id),
    handlers: { ...m.handlers },
    deadlineKind: rule?.kind ?? 'working_days',
    deadlineDate: rule?.kind === 'date' ? dayjs(rule.date) : null,
    deadlineDays: rule?.kind === 'working_days' ? rule.days : null,
    milestones: m.milestones.map((x) => ({ title: x.title, deadline: dayjs(x.deadline) })),
    progressCadenceDays: m.progressCadenceDays,
    recheckRequired: m.recheckRequired,
    instructingLeaderId: m.instructingLeader?.id ?? null,
  };
}

/** The form's values as the body of POST /matters, less `assign` (and `parentId`). */
export function planBody(v: PlanFormValues): Omit<MatterCreateBody, 'assign'> {
  const units = [v.leadUnitId, ...(v.coUnitIds ?? [])].filter((u): u is string => !!u);
  const handlers = Object.fromEntries(units.map((u) => [u, v.handlers?.[u]?.trim()]).filter((e): e is [string, string] => !!e[1]));
  const ref = v.sourceRef ?? {};
  return {
    title: v.title.trim(),
    requirement: v.requirement?.trim() ?? '',
    source: v.source,
    // The 批示 reference only means something for a leader's instruction.
    sourceRef:
      v.source === 'instruction'
        ? { leaderName: ref.leaderName?.trim() || undefined, date: day(ref.date), text: ref.text?.trim() || undefined }
        : undefined,
    priority: v.priority,
    categories: v.categories ?? [],
    leadUnitId: v.leadUnitId ?? null,
    coUnitIds: v.coUnitIds ?? [],
    handlers: Object.keys(handlers).length ? handlers : undefined,
    deadline:
      v.deadlineKind === 'date'
        ? v.deadlineDate
          ? { kind: 'date', date: day(v.deadlineDate)! }
          : null
        : v.deadlineDays
          ? { kind: 'working_days', days: v.deadlineDays }
          : null,
    milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), deadline: day(m.deadline)! })),
    progressCadenceDays: v.progressCadenceDays ?? null,
    recheckRequired: v.recheckRequired,
    instructingLeaderId: v.instructingLeaderId ?? null,
  };
}

/** The rule the deadline fields hold so far, for the preview; null while incomplete. */
function ruleOf(kind: PlanFormValues['deadlineKind'] | undefined, date: Dayjs | null | undefined, days: number | null | undefined): DeadlineRule | null {
  if (kind === 'date') return date ? { kind: 'date', date: day(date)! } : null;
  return typeof days === 'number' && days > 0 ? { kind: 'working_days', days } : null;
}

/** Server field paths of the deadline, renamed onto the form's own fields (for markNestedErrors). */
export const deadlineErrorFields = (deadlineKind: PlanFormValues['deadlineKind'] | undefined): Record<string, string> => ({
  'deadline.date': 'deadlineDate',
  'deadline.days': 'deadlineDays',
  deadline: deadlineKind === 'date' ? 'deadlineDate' : 'deadlineDays',
});

/**
 * The plan's fields, inside the caller's Form. `planOnly` leaves out what a
 * draft edit cannot change (办理要求 and the 批示 reference are fixed at 立项).
 */
export function MatterPlanFields({ planOnly = false }: { planOnly?: boolean }) {
  const form = Form.useFormInstance<PlanFormValues>();
  const leaders = useLeaders();
  const unitName = useUnitNames();
  const source = Form.useWatch('source', form);
  const deadlineKind = Form.useWatch('deadlineKind', form);
  const deadlineDate = Form.useWatch('deadlineDate', form);
  const deadlineDays = Form.useWatch('deadlineDays', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const coUnitIds = Form.useWatch('coUnitIds', form);
  const units = [leadUnitId, ...(coUnitIds ?? [])].filter((u): u is string => !!u);

  return (
    <>
      <Form.Item label="事项标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入事项标题' }]}>
        <Input maxLength={200} showCount />
      </Form.Item>
      {!planOnly && (
        <Form.Item label="办理要求" name="requirement">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
        </Form.Item>
      )}
      <Flex wrap gap={16}>
        <Form.Item label="来源" name="source" rules={[{ required: true }]} style={{ minWidth: 200 }}>
          <Select options={matterSources.map((s) => ({ value: s, label: matterSourceLabels[s] }))} />
        </Form.Item>
        <Form.Item label="优先级" name="priority">
          <Segmented options={matterPriorities.map((p) => ({ value: p, label: matterPriorityLabels[p] }))} />
        </Form.Item>
      </Flex>
      {!planOnly && source === 'instruction' && (
        <Card size="small" title="批示信息" style={{ marginBottom: 24 }}>
          <Flex wrap gap={16}>
            <Form.Item label="批示领导" name={['sourceRef', 'leaderName']}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="批示日期" name={['sourceRef', 'date']}>
              <DatePicker />
            </Form.Item>
          </Flex>
          <Form.Item label="批示内容" name={['sourceRef', 'text']} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
        </Card>
      )}
      <Form.Item label="分类标签" name="categories" extra="输入后回车，可添加多个（最多 10 个）">
        <Select mode="tags" maxCount={10} tokenSeparators={[',', '，', '、']} suffixIcon={null} />
      </Form.Item>
      <Form.Item label="牵头单位" name="leadUnitId" extra="交办时必填">
        <UnitSelect />
      </Form.Item>
      <Form.Item label="协办单位" name="coUnitIds">
        <UnitsMultiSelect exclude={leadUnitId} />
      </Form.Item>
      {units.map((u) => (
        <Form.Item key={u} label={`承办人（${unitName(u)}）`} name={['handlers', u]}>
          <Input maxLength={50} placeholder="可不填" />
        </Form.Item>
      ))}
      <Form.Item label="完成时限" required>
        <Flex wrap gap={12} align="start">
          <Form.Item name="deadlineKind" noStyle>
            <Segmented
              options={[
                { value: 'working_days', label: '按工作日' },
                { value: 'date', label: '按日期' },
              ]}
            />
          </Form.Item>
          {deadlineKind === 'date' ? (
            <Form.Item name="deadlineDate" noStyle>
              <DatePicker aria-label="完成日期" />
            </Form.Item>
          ) : (
            <Form.Item name="deadlineDays" noStyle>
              <InputNumber aria-label="工作日数" min={1} max={MAX_DEADLINE_WORKING_DAYS} suffix="个工作日" style={{ width: 160 }} />
            </Form.Item>
          )}
        </Flex>
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() => (
          <DeadlinePreview
            rule={ruleOf(deadlineKind, deadlineDate, deadlineDays)}
            from="交办之日（今天）"
            // After a refused save the field itself shows the server's message; once is enough.
            hideError={form.getFieldError(deadlineKind === 'date' ? 'deadlineDate' : 'deadlineDays').length > 0}
          />
        )}
      </Form.Item>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <Form.Item label="节点安排">
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="start" wrap>
                <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请输入节点名称' }]}>
                  <Input placeholder="节点名称" maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'deadline']} rules={[{ required: true, message: '请选择节点时限' }]}>
                  <DatePicker placeholder="节点时限" />
                </Form.Item>
                <Button type="text" aria-label="删除节点" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', deadline: null })}>
              添加节点
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Flex wrap gap={16}>
        <Form.Item label="进展反馈周期" name="progressCadenceDays" extra="每 N 个工作日反馈一次，不填则不要求">
          <InputNumber min={1} max={60} suffix="个工作日" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="需要实地复核" name="recheckRequired" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item label="批示领导（系统账号）" name="instructingLeaderId" extra="升级督办和办理结果将通知该领导">
        <Select
          allowClear
          loading={leaders.isPending}
          options={(leaders.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unit.name}）` }))}
        />
      </Form.Item>
    </>
  );
}
