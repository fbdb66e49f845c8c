import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Table, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, isStaleVersion } from '../../api/client';
import { useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { fmtDateTime } from '../../components/format';

/** GET/PUT /api/v1/supervision/settings (docs/API.md). */
interface SupervisionSettings {
  yellowWorkingDays: number;
  escalateAfterRedWorkingDays: number;
  lookBackDays: number;
  lookBackDaysByCategory: Record<string, number>;
  lookBackSamplePercent: number;
}
interface StoredSettings {
  settings: SupervisionSettings;
  version: number;
  updatedAt: string | null;
}

type NumberField = Exclude<keyof SupervisionSettings, 'lookBackDaysByCategory'>;
interface Values extends Pick<SupervisionSettings, NumberField> {
  categories: { category: string; days: number }[];
}

/** The bounds mirror the server's schema, so most mistakes are caught before sending. */
const fields: { name: NumberField; label: string; unit: string; min: number; max: number; precision?: number; help: string }[] = [
  { name: 'yellowWorkingDays', label: '黄灯预警', unit: '个工作日', min: 1, max: 20, precision: 0, help: '剩余工作日不超过此数时亮黄灯并自动催办' },
  { name: 'escalateAfterRedWorkingDays', label: '红灯升级', unit: '个工作日', min: 1, max: 30, precision: 0, help: '亮红灯满此工作日数，提醒督查室和批示领导' },
  { name: 'lookBackDays', label: '回头看时间', unit: '天', min: 1, max: 365, precision: 0, help: '办结后多少天回头看（未按分类设置时）' },
  { name: 'lookBackSamplePercent', label: '季度随机抽查比例', unit: '%', min: 0, max: 100, help: '每季度从上季度办结事项中随机抽取回头看的比例' },
];

const MAX_CATEGORIES = 50;
const settingsKey = ['supervision', 'settings'];

const toValues = (s: SupervisionSettings): Values => ({
  yellowWorkingDays: s.yellowWorkingDays,
  escalateAfterRedWorkingDays: s.escalateAfterRedWorkingDays,
  lookBackDays: s.lookBackDays,
  lookBackSamplePercent: s.lookBackSamplePercent,
  categories: Object.entries(s.lookBackDaysByCategory).map(([category, days]) => ({ category, days })),
});

const fromValues = (v: Values): SupervisionSettings => ({
  yellowWorkingDays: v.yellowWorkingDays,
  escalateAfterRedWorkingDays: v.escalateAfterRedWorkingDays,
  lookBackDays: v.lookBackDays,
  lookBackSamplePercent: v.lookBackSamplePercent,
  lookBackDaysByCategory: Object.fromEntries((v.categories ?? []).map((c) => [c.category.trim(), c.days])),
});

/**
 * Server field errors arrive as `body.settings.yellowWorkingDays`; the number
 * fields get them under the input, anything else (categories) stays in the alert.
 */
function markFieldErrors(form: FormInstance<Values>, e: unknown): void {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return;
  const known = new Set<string>(fields.map((f) => f.name));
  const marked = (e.details as { field?: string; message?: string }[])
    .map((d) => ({ name: (d.field ?? '').replace(/^body\.settings\./, ''), errors: [d.message ?? '格式不正确'] }))
    .filter((f) => known.has(f.name));
  if (marked.length) form.setFields(marked.map((m) => ({ name: m.name as NumberField, errors: m.errors })));
}

/**
 * 督办设置: the light, escalation and look-back rules. Every business account
 * may read them (they explain the lights); only 督查室 (supervisor) edits.
 * Saved with the version read, so a concurrent change is a conflict, not lost.
 */
export function SupervisionSettingsPage() {
  const qc = useQueryClient();
  const me = useMe().data;
  const editable = me?.roles.includes('supervisor') ?? false;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const stored = useQuery({ queryKey: settingsKey, queryFn: () => api.get<StoredSettings>('/api/v1/supervision/settings') });

  useEffect(() => {
    if (stored.data) form.setFieldsValue(toValues(stored.data.settings));
  }, [stored.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api.put<StoredSettings>('/api/v1/supervision/settings', { settings: fromValues(v), version: stored.data?.version ?? 0 }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      // A stale version is answered by the app (a notice, and every query reloaded: the form then shows what the other person saved).
      if (isStaleVersion(e)) return;
      markFieldErrors(form, e);
      setError(e.message);
    },
    onSuccess: (saved) => {
      qc.setQueryData(settingsKey, saved);
      feedback.message?.success('督办设置已保存，灯色和自动催办即按新设置计算');
    },
  });

  return (
    <>
      <PageHeader title="督办设置" />
      <Card style={{ maxWidth: 880 }}>
        {stored.isPending ? (
          <Skeleton active />
        ) : stored.isError ? (
          <Alert type="error" showIcon title={stored.error.message} role="alert" />
        ) : (
          <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!editable || save.isPending}>
            {!editable && <Alert type="info" showIcon title="督办设置由督查室维护，此处仅供查看。" style={{ marginBottom: 16 }} />}
            <Row gutter={16}>
              {fields.map((f) => (
                <Col key={f.name} xs={24} sm={12}>
                  <Form.Item
                    label={f.label}
                    name={f.name}
                    extra={f.help}
                    rules={[
                      { required: true, message: `请填写${f.label}` },
                      { type: 'number', min: f.min, max: f.max, message: `取值范围 ${f.min}～${f.max}` },
                    ]}
                  >
                    <InputNumber min={f.min} max={f.max} precision={f.precision} suffix={f.unit} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Typography.Title level={5}>按分类设置回头看时间</Typography.Title>
            <Typography.Paragraph type="secondary">事项有多个分类时，取其中最早的回头看时间；最多 {MAX_CATEGORIES} 项。</Typography.Paragraph>
            <Form.List name="categories">
              {(rows, { add, remove }) => (
                <>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="key"
                    dataSource={rows}
                    locale={{ emptyText: '未按分类设置，全部按上面的回头看时间' }}
                    style={{ marginBottom: 12 }}
                    columns={[
                      {
                        title: '分类',
                        key: 'category',
                        render: (_, row) => (
                          <Form.Item
                            name={[row.name, 'category']}
                            style={{ margin: 0 }}
                            rules={[
                              { required: true, whitespace: true, message: '请填写分类名称' },
                              { max: 20, message: '分类名称不能超过 20 个字' },
                              ({ getFieldValue }) => ({
                                validator: (_r, value: string | undefined) => {
                                  const all = (getFieldValue('categories') as Values['categories']).map((c) => c?.category?.trim());
                                  return value && all.filter((c) => c === value.trim()).length > 1
                                    ? Promise.reject(new Error('分类重复'))
                                    : Promise.resolve();
                                },
                              }),
                            ]}
                          >
                            <Input aria-label="分类名称" maxLength={20} placeholder="如：安全生产" />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '回头看时间',
                        key: 'days',
                        width: 200,
                        render: (_, row) => (
                          <Form.Item
                            name={[row.name, 'days']}
                            style={{ margin: 0 }}
                            rules={[
                              { required: true, message: '请填写天数' },
                              { type: 'number', min: 1, max: 365, message: '取值范围 1～365' },
                            ]}
                          >
                            <InputNumber aria-label="回头看天数" min={1} max={365} precision={0} suffix="天" style={{ width: '100%' }} />
                          </Form.Item>
                        ),
                      },
                      ...(editable
                        ? [
                            {
                              title: '操作',
                              key: 'remove',
                              width: 80,
                              render: (_: unknown, row: { name: number }) => (
                                <Button type="link" danger icon={<DeleteOutlined />} aria-label="删除此分类" onClick={() => remove(row.name)} />
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                  {editable && (
                    <div style={{ marginBottom: 24 }}>
                      <Button icon={<PlusOutlined />} onClick={() => add({ category: '', days: 30 })} disabled={rows.length >= MAX_CATEGORIES}>
                        添加分类
                      </Button>
                    </div>
                  )}
                </>
              )}
            </Form.List>
            {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
            {editable && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              {stored.data.version === 0 ? '当前为系统默认设置，尚未修改过。' : `最后修改：${fmtDateTime(stored.data.updatedAt)}`}
            </Typography.Paragraph>
          </Form>
        )}
      </Card>
    </>
  );
}
