import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { HomeRedirect, RequireAudience, RequireAuth } from './components/guards';
import { SessionWatcher } from './components/SessionWatcher';
import { navItems } from './nav';
import { CrashPage, ForbiddenPage, NotFoundPage } from './pages/errors/ErrorPages';
import { LoginPage } from './pages/login/LoginPage';
import { PasswordPage } from './pages/password/PasswordPage';

const TokensPage = lazy(async () => ({ default: (await import('./pages/tokens/TokensPage')).TokensPage }));

export const router = createBrowserRouter([
  {
    element: <SessionWatcher />,
    errorElement: <CrashPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'password', element: <PasswordPage /> },
          { path: 'tokens', element: <TokensPage /> },
          ...navItems.map(({ path, audience, Page }) => ({
            path: path.slice(1),
            element: (
              <RequireAudience audience={audience}>
                <Page />
              </RequireAudience>
            ),
          })),
          { path: '403', element: <ForbiddenPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
