import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isPasswordChangeRequired, isSignedOut, isStaleVersion } from './client';
import { feedback, showError } from '../components/feedback';

/** Errors the shell already answers by navigating (to login or change-password); a toast would only add noise. */
const handledByShell = (e: unknown) => isSignedOut(e) || isPasswordChangeRequired(e);

/**
 * Every failed request shows its Chinese server message unless the caller
 * opted out with `meta: { silent: true }` (it shows the error in place). A
 * stale write (409 STALE_VERSION) reloads everything so the user sees what
 * the other person changed before trying again.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (e, query) => {
      if (query.meta?.silent || handledByShell(e)) return;
      showError(e);
    },
  }),
  mutationCache: new MutationCache({
    onError: (e, _vars, _ctx, mutation) => {
      if (handledByShell(e)) return;
      if (isStaleVersion(e)) {
        feedback.notification?.warning({
          title: '数据已变化',
          description: `${e.message}。已为您重新加载最新数据，请核对后再提交。`,
        });
        void queryClient.invalidateQueries();
        return;
      }
      if (mutation.meta?.silent) return;
      showError(e);
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors (403, 404, 422…) will not fix themselves; only retry what might be transient.
      retry: (n, e) => n < 2 && (!(e instanceof ApiError) || e.status === 0 || e.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});
