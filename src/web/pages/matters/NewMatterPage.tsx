import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Segmented, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { matterPriorities, matterPriorityLabels, matterSourceLabels, matterSources, type MatterPriority, type MatterSource } from '../../../shared/supervision';
import { createMatter, mattersKey, useLeaders, type MatterCreateBody } from '../../api/matters';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { feedback } from '../../components/feedback';
import { ForbiddenPage } from '../errors/ErrorPages';
import { markNestedErrors } from './serverErrors';
import { UnitsMultiSelect, useUnitNames } from './UnitTreeSelect';

interface NewMatterValues {
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

const initial: NewMatterValues = {
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

function toBody(v: NewMatterValues, assign: boolean): MatterCreateBody {
  const units = [v.leadUnitId, ...v.coUnitIds].filter((u): u is string => !!u);
  const handlers = Object.fromEntries(
    units.map((u) => [u, v.handlers?.[u]?.trim()]).filter((e): e is [string, string] => !!e[1]),
  );
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
    assign,
  };
}

/** 立项 (supervisor): open a matter as a draft, or open and assign it in one step. */
export function NewMatterPage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewMatterValues>();
  const [error, setError] = useState<string | null>(null);
  const leaders = useLeaders();
  const unitName = useUnitNames();
  const source = Form.useWatch('source', form);
  const deadlineKind = Form.useWatch('deadlineKind', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const coUnitIds = Form.useWatch('coUnitIds', form);

  const save = useMutation({
    mutationFn: ({ v, assign }: { v: NewMatterValues; assign: boolean }) => createMatter(toBody(v, assign)),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      const deadlineField = form.getFieldValue('deadlineKind') === 'date' ? 'deadlineDate' : 'deadlineDays';
      const marked = markNestedErrors(form, e, { 'deadline.date': 'deadlineDate', 'deadline.days': 'deadlineDays', deadline: deadlineField });
      setError(marked ? '请按提示修改标红的内容' : e.message);
    },
    onSuccess: (m, { assign }) => {
      void qc.invalidateQueries({ queryKey: mattersKey });
      feedback.message?.success(assign ? `已立项并交办：${m.code}` : `已保存草稿：${m.code}`);
      navigate(`/matters/${m.id}`);
    },
  });
  const submit = (assign: boolean) => form.validateFields().then((v) => save.mutate({ v, assign }), () => undefined);

  if (me && !me.roles.includes('supervisor')) return <ForbiddenPage />;
  const units = [leadUnitId, ...(coUnitIds ?? [])].filter((u): u is string => !!u);

  return (
    <>
      <PageHeader title="立项" />
      <Card style={{ maxWidth: 860 }}>
        <Form<NewMatterValues> form={form} layout="vertical" initialValues={initial}>
          <Form.Item label="事项标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入事项标题' }]}>
            <Input maxLength={200} showCount />
          </Form.Item>
          <Form.Item label="办理要求" name="requirement">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
          </Form.Item>
          <Flex wrap gap={16}>
            <Form.Item label="来源" name="source" rules={[{ required: true }]} style={{ minWidth: 200 }}>
              <Select options={matterSources.map((s) => ({ value: s, label: matterSourceLabels[s] }))} />
            </Form.Item>
            <Form.Item label="优先级" name="priority">
              <Segmented options={matterPriorities.map((p) => ({ value: p, label: matterPriorityLabels[p] }))} />
            </Form.Item>
          </Flex>
          {source === 'instruction' && (
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
                  <InputNumber aria-label="工作日数" min={1} max={365} suffix="个工作日" style={{ width: 160 }} />
                </Form.Item>
              )}
            </Flex>
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
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <Flex gap={8} wrap>
            <Button type="primary" loading={save.isPending && save.variables?.assign} onClick={() => void submit(true)}>
              立项并交办
            </Button>
            <Button loading={save.isPending && !save.variables?.assign} onClick={() => void submit(false)}>
              保存草稿
            </Button>
            <Button type="text" onClick={() => navigate('/matters')}>
              取消
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
