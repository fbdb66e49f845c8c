import { TreeSelect } from 'antd';
import { buildUnitTree, useUnits } from '../api/units';

/** Picks a unit from the org tree the caller may see, searchable by name (value/onChange come from Form.Item). */
export function UnitSelect({
  id,
  value,
  onChange,
  exclude,
  placeholder = '请选择单位',
  allowClear = true,
  style,
}: {
  /** from Form.Item, so the field's label points at the picker */
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  exclude?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const units = useUnits();
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={units.isPending}
      treeData={buildUnitTree(units.data ?? [], (u) => u.name, exclude)}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
