import { TreeSelect } from 'antd';
import { buildUnitTree, useUnits } from '../../api/units';

/** Several units from the org tree (协办单位); the single-unit picker is components/UnitSelect. */
export function UnitsMultiSelect({
  id,
  value,
  onChange,
  exclude,
  placeholder = '可选多个单位',
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  exclude?: string | null;
  placeholder?: string;
}) {
  const units = useUnits();
  return (
    <TreeSelect
      id={id}
      multiple
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={units.isPending}
      treeData={buildUnitTree(units.data ?? [], (u) => u.name, exclude ?? undefined)}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
    />
  );
}

/** Unit names by id, for labels of per-unit fields. */
export function useUnitNames(): (id: string) => string {
  const units = useUnits();
  const names = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  return (id) => names.get(id) ?? id;
}
