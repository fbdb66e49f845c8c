import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { isSignedOut } from '../api/client';
import { useMe } from '../api/session';
import type { Me } from '../api/types';
import { inMenu, navItems } from '../nav';
import { canSee, type Audience } from './access';
import { ForbiddenPage } from '../pages/errors/ErrorPages';

/** Where a user lands after signing in: business users on the workbench, each admin on their first admin page. */
export function homePath(me: Me): string {
  return navItems.find((n) => canSee(me, inMenu(n)))?.path ?? '/notifications';
}

/** Only paths inside this app may be returned to after login; anything else could bounce the user off-site. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function loginPathFor(pathname: string, search: string): string {
  const here = pathname + search;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" description="加载中…">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** The shell renders only for a signed-in user, and only the change-password page while a change is due. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const loc = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isSignedOut(me.error)) return <Navigate to={loginPathFor(loc.pathname, loc.search)} replace />;
    return (
      <Result
        status="error"
        title="无法加载用户信息"
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>重试</Button>}
      />
    );
  }
  if (me.data.mustChangePassword && loc.pathname !== '/password') return <Navigate to="/password" replace />;
  return children;
}

export function RequireAudience({ audience, children }: { audience: readonly Audience[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data || !canSee(me.data, audience)) return <ForbiddenPage />;
  return children;
}

export function HomeRedirect() {
  const me = useMe();
  return me.data ? <Navigate to={homePath(me.data)} replace /> : null;
}
