import { Button, DatePicker, Form, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';

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
  return (
    <Form<AuditFilterValues>
      form={form}
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 8, marginBottom: 12 }}
    >
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ maxWidth: '100%' }} />
      </Form.Item>
      <Form.Item name="username" label="用户名">
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <Input allowClear style={{ width: 160 }} placeholder="如 auth.login" />
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
        <Input allowClear style={{ width: 120 }} />
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
