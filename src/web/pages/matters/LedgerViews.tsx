import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteMatterView, matterViewsKey, saveMatterView, useMatterViews } from '../../api/matters';
import { feedback } from '../../components/feedback';

/**
 * 台账视图: the user's own named filter sets. `query` is the ledger's address
 * (filters and sort, never the page); picking a view replaces the address,
 * and the view whose query equals the address shows as the current one.
 */
export function LedgerViews({ query, onApply }: { query: string; onApply: (query: string) => void }) {
  const qc = useQueryClient();
  const views = useMatterViews();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<string | null>(null);
  // Two views may hold the same query; the one just picked or saved wins over the first match.
  const [chosen, setChosen] = useState<string | null>(null);
  const current = views.data?.find((v) => v.id === chosen && v.query === query) ?? views.data?.find((v) => v.query === query);

  const save = useMutation({
    mutationFn: (name: string) => saveMatterView(name, query),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: matterViewsKey });
      setChosen(v.id);
      feedback.message?.success(`已保存视图：${v.name}`);
      setSaving(false);
    },
  });
  const remove = useMutation({
    mutationFn: deleteMatterView,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: matterViewsKey });
      feedback.message?.success('视图已删除');
    },
  });

  return (
    <Flex gap={8} align="center" style={{ marginBottom: 12, maxWidth: 520 }}>
      <Select
        aria-label="台账视图"
        placeholder={views.data?.length ? '选择已保存的视图' : '暂无保存的视图'}
        style={{ flex: '1 1 auto', minWidth: 0 }}
        loading={views.isPending}
        value={current?.id ?? null}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id) => {
          const v = views.data?.find((x) => x.id === id);
          if (!v) return;
          setChosen(v.id);
          onApply(v.query);
        }}
      />
      {current && (
        <Popconfirm title={`删除视图“${current.name}”？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(current.id)}>
          <Button aria-label="删除视图" icon={<DeleteOutlined />} loading={remove.isPending} />
        </Popconfirm>
      )}
      <Button
        icon={<SaveOutlined />}
        onClick={() => {
          form.resetFields();
          setError(null);
          setSaving(true);
        }}
      >
        保存为视图
      </Button>
      <Modal
        open={saving}
        title="保存为视图"
        okText="保存"
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.name.trim())}>
          <Form.Item
            name="name"
            label="视图名称"
            extra="保存当前的筛选条件和排序，以后可一键切换"
            rules={[{ required: true, whitespace: true, message: '请输入视图名称' }]}
          >
            <Input maxLength={30} autoFocus />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" />}
        </Form>
      </Modal>
    </Flex>
  );
}
