import { Alert, Form, Input, InputNumber, Select, Switch, type FormInstance } from 'antd';
import { unitTypeLabels, unitTypes, type UnitType } from '../../../shared/roles';
import { UnitSelect } from '../../components/UnitSelect';
import type { Unit } from '../../api/types';

export interface UnitValues {
  name: string;
  shortName?: string | null;
  type: UnitType;
  parentId?: string | null;
  code: string;
  sortOrder?: number | null;
  active?: boolean;
}

/** Used for both creating and editing; `editing` is the unit being edited, which cannot become its own ancestor. */
export function UnitForm({
  form,
  editing,
  error,
  onFinish,
  disabled,
}: {
  form: FormInstance<UnitValues>;
  editing?: Unit;
  error: string | null;
  onFinish: (v: UnitValues) => void;
  disabled?: boolean;
}) {
  return (
    <Form<UnitValues> form={form} layout="vertical" onFinish={onFinish} disabled={disabled}>
      <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="简称" name="shortName">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item label="类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select options={unitTypes.map((t) => ({ value: t, label: unitTypeLabels[t] }))} />
      </Form.Item>
      <Form.Item label="上级单位" name="parentId" extra="不选表示顶级单位">
        <UnitSelect exclude={editing?.id} placeholder="请选择上级单位" />
      </Form.Item>
      <Form.Item
        label="单位编码"
        name="code"
        rules={[
          { required: true, whitespace: true, message: '请输入单位编码' },
          { pattern: /^[A-Za-z0-9_-]+$/, message: '单位编码只能包含字母、数字、下划线和连字符' },
        ]}
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item label="排序号" name="sortOrder" extra="数字越小越靠前">
        <InputNumber min={0} max={100000} style={{ width: '100%' }} />
      </Form.Item>
      {editing && (
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
    </Form>
  );
}
