import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { isPasswordChangeRequired, isSignedOut, onApiError, setCsrfToken } from '../api/client';
import { meKey } from '../api/session';
import { feedback } from './feedback';
import { loginPathFor } from './guards';

/**
 * Root of every route. Any request answered 401 (session gone, idle timeout)
 * sends the user to the login page with a way back; a 403
 * PASSWORD_CHANGE_REQUIRED sends them to change their password. It also hands
 * antd's message/notification to code outside React.
 */
export function SessionWatcher() {
  const navigate = useNavigate();
  const loc = useLocation();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();

  useEffect(() => {
    feedback.message = message;
    feedback.notification = notification;
  }, [message, notification]);

  useEffect(
    () =>
      onApiError((e) => {
        if (isSignedOut(e) && loc.pathname !== '/login') {
          // The cache is not cleared here (mounted pages would refetch and fail again); the next login replaces it.
          setCsrfToken(null);
          if (e.code === 'SESSION_EXPIRED') message.warning(e.message);
          navigate(loginPathFor(loc.pathname, loc.search), { replace: true });
        } else if (isPasswordChangeRequired(e) && loc.pathname !== '/password') {
          void qc.invalidateQueries({ queryKey: meKey });
          navigate('/password', { replace: true });
        }
      }),
    [loc.pathname, loc.search, navigate, qc, message],
  );

  return <Outlet />;
}
