import { Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Alert, Button, Drawer, Grid, Layout, Typography, theme } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useMe } from '../api/session';
import { FullPageSpin } from './guards';
import { NotificationBell } from './NotificationBell';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';
import { RouteBoundary } from './RouteBoundary';

const headerHeight = 56;

/**
 * The shell: header, role-built side menu, content. Below the md breakpoint
 * (phones, 375 px) the side menu moves into a drawer behind a hamburger so the
 * content gets the full width.
 */
export function AppLayout() {
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const loc = useLocation();
  if (!me) return <FullPageSpin />;
  const mobile = !screens.md;
  const forced = me.mustChangePassword;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: headerHeight,
          lineHeight: `${headerHeight}px`,
          paddingInline: mobile ? 8 : 20,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          background: token.colorPrimary,
          color: '#fff',
        }}
      >
        {mobile && !forced && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <div
          style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flex: 1 }}
        >
          {mobile ? '中枢' : '中枢 · 党委办公室工作平台'}
        </div>
        {!forced && <NotificationBell />}
        <UserMenu me={me} />
      </Layout.Header>
      {me.demo && (
        <Alert
          banner
          type="warning"
          title="演示模式：当前为演示数据，请勿录入真实工作信息。"
          style={{ position: 'sticky', top: headerHeight, zIndex: 9 }}
        />
      )}
      <Layout hasSider={!mobile && !forced}>
        {!mobile && !forced && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
            <SideMenu me={me} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 20, minWidth: 0 }}>
          <RouteBoundary key={loc.pathname}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </RouteBoundary>
        </Layout.Content>
      </Layout>
      {mobile && !forced && (
        <Drawer
          title={
            <span>
              {me.name}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontWeight: 'normal' }}>
                {me.unit.name}
              </Typography.Text>
            </span>
          }
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          styles={{ body: { padding: 0 } }}
        >
          <SideMenu me={me} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
