import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Skeleton } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SecurityPolicy } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';

type PolicyValues = Omit<SecurityPolicy, 'version'>;

/** Field, label, unit, bounds: the bounds mirror the server's schema so most mistakes are caught before sending. */
const fields: { name: keyof PolicyValues; label: string; unit: string; min: number; max: number; help: string }[] = [
  { name: 'minLength', label: '密码最小长度', unit: '位', min: 8, max: 64, help: '等保三级要求不少于 8 位' },
  { name: 'minClasses', label: '字符种类下限', unit: '类', min: 2, max: 4, help: '大写、小写、数字、特殊字符中至少几类' },
  { name: 'maxAgeDays', label: '密码有效期', unit: '天', min: 0, max: 365, help: '0 表示不过期' },
  { name: 'historyCount', label: '不得重复使用最近', unit: '次', min: 0, max: 24, help: '新密码不能与最近几次相同' },
  { name: 'maxFailures', label: '连续登录失败上限', unit: '次', min: 3, max: 20, help: '达到后锁定账号' },
  { name: 'lockMinutes', label: '锁定时长', unit: '分钟', min: 1, max: 1440, help: '锁定期满自动解除，也可手动解锁' },
  { name: 'idleTimeoutMinutes', label: '空闲超时', unit: '分钟', min: 5, max: 480, help: '无操作超过该时长须重新登录' },
];

const policyKey = ['settings', 'security'];

/** 安全策略 (secadmin): password and session rules; optimistic concurrency through `version`. */
export function SecurityPage() {
  const qc = useQueryClient();
  const [form] = Form.useForm<PolicyValues>();
  const [error, setError] = useState<string | null>(null);
  const policy = useQuery({ queryKey: policyKey, queryFn: () => api.get<SecurityPolicy>('/api/v1/settings/security') });

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = useMutation({
    mutationFn: (v: PolicyValues) => api.put<SecurityPolicy>('/api/v1/settings/security', { ...v, version: policy.data?.version }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: () => feedback.message?.success('安全策略已保存，新策略立即生效'),
    onSettled: () => qc.invalidateQueries({ queryKey: policyKey }),
  });

  return (
    <>
      <PageHeader title="安全策略" />
      <Card style={{ maxWidth: 880 }}>
        {policy.isPending ? (
          <Skeleton active />
        ) : (
          <Form<PolicyValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
            <Row gutter={16}>
              {fields.map((f) => (
                <Col key={f.name} xs={24} sm={12}>
                  <Form.Item
                    label={f.label}
                    name={f.name}
                    extra={f.help}
                    rules={[
                      { required: true, message: `请填写${f.label}` },
                      { type: 'integer', min: f.min, max: f.max, message: `取值范围 ${f.min}～${f.max}` },
                    ]}
                  >
                    <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          </Form>
        )}
      </Card>
    </>
  );
}
