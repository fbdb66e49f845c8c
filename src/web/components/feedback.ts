import type { App } from 'antd';

type AppApi = ReturnType<typeof App.useApp>;

/**
 * antd's themed message/notification come from App.useApp(), which only works
 * inside components; the query cache reports errors outside React, so a bridge
 * component parks the instances here once mounted.
 */
export const feedback: { message: AppApi['message'] | null; notification: AppApi['notification'] | null } = {
  message: null,
  notification: null,
};

export function showError(e: unknown): void {
  const text = e instanceof Error ? e.message : '操作失败，请稍后再试';
  feedback.message?.error(text);
}
