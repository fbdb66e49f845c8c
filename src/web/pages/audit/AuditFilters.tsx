import { Button, DatePicker, Form, Grid, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { auditActionLabels } from '../../../shared/audit-actions';

/** Object types the platform audits; later modules' types show as their code until added here. */
export const objectTypeLabels: Record<string, string> = {
  user: '账号',
  unit: '单位',
  api_token: 'API 令牌',
  session: '会话',
  setting: '设置',
  settings: '设置',
  calendar_override: '日历调整',
  notification_channel: '通知渠道',
  audit_log: '审计日志',
};

export interface AuditFilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  result?: string;
  objectType?: string;
  objectId?: string;
}

/** Turns the form into the API's query parameters (ISO instants, whole days inclusive). */
export function toAuditQuery(v: AuditFilterValues): Record<string, string | undefined> {
  const [from, to] = v.range ?? [];
  return {
    from: from?.startOf('day').toISOString(),
    to: to?.endOf('day').toISOString(),
    username: v.username?.trim() || undefined,
    action: v.action?.trim() || undefined,
    result: v.result || undefined,
    objectType: v.objectType?.trim() || undefined,
    objectId: v.objectId?.trim() || undefined,
  };
}

export function AuditFilters({ onSearch }: { onSearch: (v: AuditFilterValues) => void }) {
  const [form] = Form.useForm<AuditFilterValues>();
  // A row of inline filters is too wide for a phone; there they stack, one per line.
  const narrow = !Grid.useBreakpoint().md;
  return (
    <Form<AuditFilterValues>
      form={form}
      layout={narrow ? 'horizontal' : 'inline'}
      labelCol={narrow ? { flex: '72px' } : undefined}
      onFinish={onSearch}
      style={{ rowGap: 8, marginBottom: 12 }}
    >
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: narrow ? '100%' : undefined }} />
      </Form.Item>
      <Form.Item name="username" label="用户名">
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
          placeholder="全部"
          options={Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="result" label="结果">
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder="全部"
          options={[
            { value: 'success', label: '成功' },
            { value: 'failure', label: '失败' },
          ]}
        />
      </Form.Item>
      <Form.Item name="objectType" label="对象类型">
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder="全部"
          options={Object.entries(objectTypeLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="objectId" label="对象编号">
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
