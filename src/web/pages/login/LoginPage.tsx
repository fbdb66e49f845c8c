import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import { meKey } from '../../api/session';
import type { Me } from '../../api/types';
import { homePath, safeNext } from '../../components/guards';
import { productTitle, useTitle } from '../../components/useTitle';

interface Credentials {
  username: string;
  password: string;
}

/**
 * The server's Chinese message is shown above the button: one message for any refused
 * login (it never says whether the name exists or is locked), or the rate limit.
 */
export function LoginPage() {
  useTitle('登录');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (c: Credentials) => api.post<Me>('/api/v1/auth/login', c),
    meta: { silent: true },
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(meKey, me);
      const target = me.mustChangePassword ? '/password' : (safeNext(params.get('next')) ?? homePath(me));
      navigate(target, { replace: true });
    },
  });

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #b3261e 0%, #7f1d1d 55%, #f5f5f5 55%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          {productTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          服务决策 · 服务领导 · 服务群众
        </Typography.Paragraph>
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(v) => login.mutate(v)} disabled={login.isPending}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          本系统为非涉密系统，严禁处理涉密信息。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
