import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { feedback } from '../../components/feedback';

interface OverrideValues {
  date: Dayjs;
  kind: 'holiday' | 'workday';
  note?: string;
}

/** A local exception to the national calendar (e.g. a county-wide day off), which wins over the holiday data. */
export function OverrideModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<OverrideValues>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: OverrideValues) =>
      api.put(`/api/v1/calendar/overrides/${v.date.format('YYYY-MM-DD')}`, { kind: v.kind, note: v.note?.trim() ?? '' }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: () => {
      feedback.message?.success('本地调整已保存');
      onClose();
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['calendar'] }),
  });
  return (
    <Modal
      open={open}
      title="添加本地调整"
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<OverrideValues> form={form} layout="vertical" initialValues={{ kind: 'holiday' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="调整为" name="kind">
          <Radio.Group
            options={[
              { value: 'holiday', label: '放假' },
              { value: 'workday', label: '上班' },
            ]}
          />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ required: true, whitespace: true, message: '请填写调整依据' }]}>
          <Input maxLength={200} placeholder="如：依据县委办通知（某委办发〔2026〕1号）" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
