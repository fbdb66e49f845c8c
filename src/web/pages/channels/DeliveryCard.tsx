import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DeliverySettings } from '../../api/types';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';

type DeliveryValues = Omit<DeliverySettings, 'version'>;

const deliveryKey = ['settings', 'delivery'];

/** How hard the outbox tries (timeout, attempts) and the address put into links sent to group robots. */
export function DeliveryCard() {
  const qc = useQueryClient();
  const [form] = Form.useForm<DeliveryValues>();
  const [error, setError] = useState<string | null>(null);
  const settings = useQuery({ queryKey: deliveryKey, queryFn: () => api.get<DeliverySettings>('/api/v1/settings/delivery') });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: DeliveryValues) =>
      api.put<DeliverySettings>('/api/v1/settings/delivery', {
        timeoutMs: v.timeoutMs,
        maxAttempts: v.maxAttempts,
        publicUrl: v.publicUrl?.trim() || null,
        version: settings.data?.version ?? 0,
      }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: () => feedback.message?.success('投递设置已保存'),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveryKey }),
  });
  return (
    <Card title="投递设置" style={{ marginTop: 16 }} loading={settings.isPending}>
      <Form<DeliveryValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label="单次发送超时" name="timeoutMs" rules={[{ required: true, message: '请填写超时' }]}>
              <InputNumber min={100} max={60000} step={500} precision={0} suffix="毫秒" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label="最多尝试次数" name="maxAttempts" rules={[{ required: true, message: '请填写次数' }]}>
              <InputNumber min={1} max={20} precision={0} suffix="次" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              label="平台访问地址"
              name="publicUrl"
              extra="消息中的链接以此开头，如 https://zhongshu.example.gov.cn"
              rules={[{ pattern: /^https?:\/\/\S+$/, message: '须为 http:// 或 https:// 开头的网址' }]}
            >
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存投递设置
        </Button>
      </Form>
    </Card>
  );
}
