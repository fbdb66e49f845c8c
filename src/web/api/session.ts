import { useQuery } from '@tanstack/react-query';
import { api, isSignedOut, setCsrfToken } from './client';
import type { Me } from './types';

export const meKey = ['me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/v1/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user; every page under the shell can rely on it being loaded. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (n, e) => !isSignedOut(e) && n < 2,
    meta: { silent: true },
  });
}
