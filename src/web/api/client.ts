/**
 * The one door to the server. It sends the session's CSRF token on every
 * state-changing request (the server refuses them otherwise) and turns every
 * error body `{ error: { code, message } }` into an ApiError whose Chinese
 * message can be shown to the user as is.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes meaning "nobody is signed in (any more)"; a wrong password (BAD_CREDENTIALS) is not one of them. */
const signedOutCodes = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export const isSignedOut = (e: unknown): e is ApiError => e instanceof ApiError && signedOutCodes.has(e.code);
export const isPasswordChangeRequired = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === 'PASSWORD_CHANGE_REQUIRED';
export const isStaleVersion = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'STALE_VERSION';

let csrfToken: string | null = null;

/** Set from GET /me and the login response; the token lives only in memory, never in storage. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For the one request that cannot go through request(): a multipart file upload. */
export const currentCsrfToken = (): string | null => csrfToken;

type Listener = (e: ApiError) => void;
const listeners = new Set<Listener>();

/** The app shell listens here to send the user to the login or change-password page. */
export function onApiError(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `path?k=v`, dropping empty values so optional filters stay off the URL. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } };
    if (body.error?.message) {
      return new ApiError(res.status, body.error.code ?? 'UNKNOWN', body.error.message, body.error.details, body.error.requestId);
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic message.
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new ApiError(res.status, 'UNAVAILABLE', '服务暂时不可用，请稍后再试');
  }
  return new ApiError(res.status, 'UNKNOWN', `请求失败（HTTP ${res.status}）`);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    for (const l of listeners) l(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, params: Record<string, QueryValue> = {}) => request<T>('GET', withQuery(path, params)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};
