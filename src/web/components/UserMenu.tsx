import { Avatar, Button, Dropdown, Grid, Space, Typography } from 'antd';
import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { showError } from './feedback';

export function useLogout() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  return async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } catch (e) {
      // The session may already be gone (expired, revoked); signing out locally is still right.
      if (!(e instanceof Error) || !/登录/.test(e.message)) showError(e);
    }
    setCsrfToken(null);
    qc.clear();
    navigate('/login', { replace: true });
  };
}

/** The user's name and unit, and the personal actions; while a password change is due only 退出登录 is offered. */
export function UserMenu({ me }: { me: Me }) {
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const forced = me.mustChangePassword;
  const items = [
    {
      key: 'who',
      disabled: true,
      label: (
        <span>
          {me.name}
          <br />
          <Typography.Text type="secondary">{me.unit.name}</Typography.Text>
        </span>
      ),
    },
    { type: 'divider' as const },
    ...(forced
      ? []
      : [
          { key: '/password', icon: <LockOutlined />, label: '修改密码' },
          { key: '/tokens', icon: <KeyOutlined />, label: 'API 令牌' },
        ]),
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => (key === 'logout' ? void logout() : navigate(key)),
      }}
    >
      <Button type="text" aria-label="用户菜单" style={{ color: '#fff', paddingInline: 6, height: 40 }}>
        <Space size={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
          {screens.md && (
            <span style={{ lineHeight: 1.2, textAlign: 'left', display: 'inline-block' }}>
              {me.name}
              <br />
              <small style={{ opacity: 0.85 }}>{me.unit.name}</small>
            </span>
          )}
        </Space>
      </Button>
    </Dropdown>
  );
}
