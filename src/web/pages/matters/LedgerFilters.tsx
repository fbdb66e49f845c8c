import { useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Form, Grid, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import {
  lightLabels,
  lights,
  matterPriorities,
  matterPriorityLabels,
  matterSourceLabels,
  matterSources,
  matterStateLabels,
  matterStates,
} from '../../../shared/supervision';
import { todoKeys, todoRoles, todoTitles, type TodoKey } from '../../../shared/todos';
import { useMe } from '../../api/session';
import { UnitSelect } from '../../components/UnitSelect';
import type { LedgerFilterValues } from './ledgerParams';

const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((value) => ({ value, label: labels[value] }));
const lightOptions = options(
  lights.filter((l) => l !== 'none'),
  lightLabels,
);

/** 待我处理 and the caller's own 工作台 cards; a card opened from a shared link shows even when it is not the caller's. */
function todoOptions(roles: readonly string[], current: TodoKey | null | undefined) {
  const keys = todoKeys.filter((k) => k === 'mine' || k === current || todoRoles[k].some((r) => roles.includes(r)));
  return keys.map((value) => ({ value, label: todoTitles[value] }));
}

/** The ledger's filters; the values come from (and go back to) the page address. */
export function LedgerFilters({ values, onSearch }: { values: LedgerFilterValues; onSearch: (v: LedgerFilterValues) => void }) {
  const [form] = Form.useForm<LedgerFilterValues>();
  const roles = useMe().data?.roles ?? [];
  // Inline filters are too wide for a phone; there they stack one per line.
  const narrow = !Grid.useBreakpoint().md;
  // On a phone the seven filters would fill the screen before any matter shows: the rarer ones fold away.
  const [more, setMore] = useState(false);
  const folded = narrow && !more;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(values);
  }, [form, values]);
  const wide = narrow ? { width: '100%' } : undefined;
  return (
    <Form<LedgerFilterValues>
      form={form}
      layout={narrow ? 'horizontal' : 'inline'}
      labelCol={narrow ? { flex: '72px' } : undefined}
      onFinish={onSearch}
      style={{ rowGap: 8, marginBottom: 12 }}
    >
      {/* A 工作台 card opens the ledger here: the filter shows why the list is what it is, and clearing it applies at once. */}
      <Form.Item name="todo" label="待办">
        <Select
          allowClear
          placeholder="全部"
          style={wide ?? { minWidth: 150 }}
          options={todoOptions(roles, values.todo)}
          onChange={() => form.submit()}
        />
      </Form.Item>
      <Form.Item name="q" label="关键词">
        <Input allowClear placeholder="标题关键词" style={wide ?? { width: 160 }} maxLength={50} />
      </Form.Item>
      <Form.Item name="state" label="状态">
        <Select mode="multiple" allowClear placeholder="全部" style={wide ?? { minWidth: 140 }} options={options(matterStates, matterStateLabels)} />
      </Form.Item>
      <Form.Item hidden={folded} name="light" label="灯色">
        <Select mode="multiple" allowClear placeholder="全部" style={wide ?? { minWidth: 120 }} options={lightOptions} />
      </Form.Item>
      <Form.Item hidden={folded} name="source" label="来源">
        <Select mode="multiple" allowClear placeholder="全部" style={wide ?? { minWidth: 150 }} options={options(matterSources, matterSourceLabels)} />
      </Form.Item>
      <Form.Item hidden={folded} name="priority" label="优先级">
        <Select
          mode="multiple"
          allowClear
          placeholder="全部"
          style={wide ?? { minWidth: 120 }}
          options={options(matterPriorities, matterPriorityLabels)}
        />
      </Form.Item>
      <Form.Item hidden={folded} name="leadUnitId" label="牵头单位">
        <UnitSelect placeholder="全部" style={wide ?? { width: 180 }} />
      </Form.Item>
      <Form.Item hidden={folded} name="deadline" label="办理期限">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={wide} />
      </Form.Item>
      <Form.Item hidden={folded} name="assigned" label="交办日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={wide} />
      </Form.Item>
      <Form.Item hidden={folded} name="closed" label="办结日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={wide} />
      </Form.Item>
      <Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            重置
          </Button>
          {narrow && (
            <Button type="link" onClick={() => setMore(!more)}>
              {more ? '收起筛选' : '更多筛选'}
            </Button>
          )}
        </Flex>
      </Form.Item>
    </Form>
  );
}
