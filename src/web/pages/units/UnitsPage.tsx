import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Form, Grid, Modal, Row, Skeleton, Space, Tag, Tree } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { buildUnitTree, useUnits } from '../../api/units';
import type { Unit } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';
import { UnitForm, type UnitValues } from './UnitForm';

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

function toBody(v: UnitValues) {
  return {
    name: v.name.trim(),
    shortName: blankToNull(v.shortName),
    type: v.type,
    parentId: v.parentId ?? null,
    code: v.code.trim(),
    ...(v.sortOrder != null ? { sortOrder: v.sortOrder } : {}),
  };
}

const unitLabel = (u: Unit) => (
  <span>
    {u.name} <Tag style={{ marginInlineStart: 4 }}>{u.typeLabel}</Tag>
    {!u.active && <Tag color="default">已停用</Tag>}
  </span>
);

function EditUnit({ unit }: { unit: Unit }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<UnitValues>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    form.setFieldsValue({ ...unit, active: unit.active });
    setError(null);
  }, [unit, form]);
  const save = useMutation({
    mutationFn: (v: UnitValues) =>
      api.patch<Unit>(`/api/v1/units/${unit.id}`, { ...toBody(v), active: v.active, version: unit.version }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: () => feedback.message?.success('单位已保存'),
    onSettled: () => qc.invalidateQueries({ queryKey: ['units'] }),
  });
  return (
    <Card title={`编辑：${unit.name}`}>
      <UnitForm form={form} editing={unit} error={error} onFinish={(v) => save.mutate(v)} disabled={save.isPending} />
      <Space>
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
          保存
        </Button>
        <Button onClick={() => form.setFieldsValue(unit)}>撤销修改</Button>
      </Space>
    </Card>
  );
}

/** 单位管理 (sysadmin): the org tree on the left, the selected unit's form on the right (stacked on phones). */
export function UnitsPage() {
  const qc = useQueryClient();
  const [includeInactive, setIncludeInactive] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [createForm] = Form.useForm<UnitValues>();
  const units = useUnits(includeInactive);
  const tree = useMemo(() => buildUnitTree(units.data ?? [], unitLabel), [units.data]);
  const selected = units.data?.find((u) => u.id === selectedId);
  const narrow = !Grid.useBreakpoint().md;
  const editRef = useRef<HTMLDivElement>(null);
  // On a phone the form sits below the whole tree; bring it into view when a unit is picked.
  useEffect(() => {
    if (narrow && selectedId) editRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [narrow, selectedId]);

  const create = useMutation({
    mutationFn: (v: UnitValues) => api.post<Unit>('/api/v1/units', toBody(v)),
    meta: { silent: true },
    onMutate: () => setCreateError(null),
    onError: (e) => {
      if (!markServerErrors(createForm, e)) setCreateError(e.message);
    },
    onSuccess: (u) => {
      feedback.message?.success('单位已创建');
      setCreating(false);
      setSelectedId(u.id);
      void qc.invalidateQueries({ queryKey: ['units'] });
    },
  });

  const openCreate = () => {
    createForm.resetFields();
    createForm.setFieldsValue({ type: 'department', parentId: selectedId ?? undefined });
    setCreateError(null);
    setCreating(true);
  };

  return (
    <>
      <PageHeader
        title="单位管理"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新建单位
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={8}>
          <Card
            title="组织树"
            extra={
              <Checkbox checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
                含已停用
              </Checkbox>
            }
          >
            {units.isPending ? (
              <Skeleton active />
            ) : tree.length === 0 ? (
              <Empty description="还没有单位" />
            ) : (
              <Tree
                aria-label="组织树"
                treeData={tree}
                defaultExpandAll
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16} ref={editRef}>
          {selected ? (
            <EditUnit unit={selected} />
          ) : (
            <Card>
              <Empty description="在左侧选择一个单位进行编辑" />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={creating}
        title="新建单位"
        okText="创建"
        onOk={() => createForm.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        forceRender
      >
        <UnitForm form={createForm} error={createError} onFinish={(v) => create.mutate(v)} />
      </Modal>
    </>
  );
}
