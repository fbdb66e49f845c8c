import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Skeleton, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SmtpSettings } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { feedback } from '../../components/feedback';
import { markServerErrors } from '../../components/formErrors';

interface SmtpValues {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  user?: string | null;
  from: string;
  password?: string;
}

const smtpKey = ['settings', 'smtp'];

/** SMTP 设置 (sysadmin): the mail server for e-mail notifications. The password is write-only. */
export function SmtpPage() {
  const qc = useQueryClient();
  const [form] = Form.useForm<SmtpValues>();
  const [error, setError] = useState<string | null>(null);
  const smtp = useQuery({ queryKey: smtpKey, queryFn: () => api.get<SmtpSettings>('/api/v1/settings/smtp') });

  useEffect(() => {
    if (smtp.data) form.setFieldsValue({ ...smtp.data, password: '' });
  }, [smtp.data, form]);

  const save = useMutation({
    mutationFn: (v: SmtpValues) =>
      api.put<SmtpSettings>('/api/v1/settings/smtp', {
        enabled: v.enabled,
        host: v.host?.trim() ?? '',
        port: v.port,
        secure: v.secure,
        user: v.user?.trim() || null,
        from: v.from?.trim() ?? '',
        // Omitted means "keep the stored password"; it is never sent back to the browser.
        ...(v.password ? { password: v.password } : {}),
        version: smtp.data?.version ?? 0,
      }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => {
      if (!markServerErrors(form, e)) setError(e.message);
    },
    onSuccess: () => feedback.message?.success('SMTP 设置已保存'),
    onSettled: () => qc.invalidateQueries({ queryKey: smtpKey }),
  });

  return (
    <>
      <PageHeader title="SMTP 设置" />
      <Card style={{ maxWidth: 640 }}>
        {smtp.isPending ? (
          <Skeleton active />
        ) : (
          <Form<SmtpValues>
            form={form}
            layout="vertical"
            initialValues={{ enabled: false, port: 465, secure: true }}
            onFinish={(v) => save.mutate(v)}
            disabled={save.isPending}
          >
            <Form.Item label="启用邮件通知" name="enabled" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              label="服务器地址"
              name="host"
              dependencies={['enabled']}
              rules={[
                ({ getFieldValue }) => ({ required: getFieldValue('enabled') === true, whitespace: true, message: '启用邮件时须填写服务器地址' }),
              ]}
            >
              <Input maxLength={200} placeholder="smtp.example.gov.cn" />
            </Form.Item>
            <Form.Item label="端口" name="port" rules={[{ required: true, message: '请输入端口' }]}>
              <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="使用 SSL/TLS 加密连接" name="secure" valuePropName="checked" extra="465 端口一般开启；587 端口一般关闭（使用 STARTTLS）">
              <Switch />
            </Form.Item>
            <Form.Item label="登录用户名" name="user">
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item
              label="登录密码"
              name="password"
              extra={smtp.data?.hasPassword ? '已设置密码；留空则保持不变' : '未设置密码'}
            >
              <Input.Password autoComplete="new-password" maxLength={200} />
            </Form.Item>
            <Form.Item
              label="发件人地址"
              name="from"
              dependencies={['enabled']}
              rules={[
                ({ getFieldValue }) => ({ required: getFieldValue('enabled') === true, whitespace: true, message: '启用邮件时须填写发件人' }),
              ]}
              extra="如：中枢平台 <noreply@example.gov.cn>"
            >
              <Input maxLength={200} />
            </Form.Item>
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
