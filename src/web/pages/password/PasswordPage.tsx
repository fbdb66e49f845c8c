import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { fetchMe, meKey, useMe } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { homePath } from '../../components/guards';
import { feedback } from '../../components/feedback';
import { useLogout } from '../../components/UserMenu';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

interface PasswordRules {
  minLength: number;
  minClasses: number;
  historyCount: number;
  maxAgeDays: number;
}

/** The security admin's current numbers; the server still checks them and names the rule a password broke. */
function policyRules(p: PasswordRules | undefined): string[] {
  if (!p) return [];
  return [
    `长度不少于 ${p.minLength} 位；`,
    `须包含大写字母、小写字母、数字、特殊字符中的至少 ${p.minClasses} 类；`,
    `不能包含用户名${p.historyCount > 0 ? `，不能与最近 ${p.historyCount} 次使用过的密码相同` : ''}；`,
    p.maxAgeDays > 0 ? `每 ${p.maxAgeDays} 天须更换一次，请勿将密码告诉他人或写在明处。` : '请勿将密码告诉他人或写在明处。',
  ];
}

export function PasswordPage() {
  const me = useMe().data;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const logout = useLogout();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const forced = !!me?.mustChangePassword;
  const rules = useQuery({ queryKey: ['password-policy'], queryFn: () => api.get<PasswordRules>('/api/v1/auth/password-policy') });

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      api.post('/api/v1/auth/password', { currentPassword, newPassword }),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: async () => {
      feedback.message?.success('密码已修改');
      form.resetFields();
      const fresh = await qc.fetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 0 });
      navigate(homePath(fresh), { replace: true });
    },
  });

  return (
    <>
      <PageHeader title="修改密码" />
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16, maxWidth: 560 }}
          title="请先修改密码"
          description="您使用的是初始密码、重置后的密码或密码已到期。修改完成前不能使用其他功能。"
          action={
            <Button size="small" onClick={() => void logout()}>
              退出登录
            </Button>
          }
        />
      )}
      <Card style={{ maxWidth: 560 }}>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          密码规则
        </Typography.Paragraph>
        <ul style={{ marginTop: 0, paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
          {policyRules(rules.data).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          onFinish={(v) => change.mutate(v)}
          disabled={change.isPending}
          requiredMark={false}
        >
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '密码长度至少 8 位' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v && v === getFieldValue('currentPassword')
                    ? Promise.reject(new Error('新密码不能与当前密码相同'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
        </Form>
      </Card>
    </>
  );
}
