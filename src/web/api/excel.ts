/**
 * 台账 Excel: the export and template are plain links (the session cookie
 * carries the auth of a GET); the import sends the .xlsx file itself as the
 * request body, which request() cannot (it sends JSON), so it adds the CSRF
 * token on its own.
 */
import { ApiError, currentCsrfToken } from './client';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const importTemplateUrl = '/api/v1/matters/import-template.xlsx';
export const exportUrl = (ledgerQuery: string) => (ledgerQuery ? `/api/v1/matters/export.xlsx?${ledgerQuery}` : '/api/v1/matters/export.xlsx');

/** One problem of a refused import (422 RULE_VIOLATION): the sheet row, the column header, and what is wrong. */
export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

export const importIssuesOf = (e: unknown): ImportIssue[] =>
  e instanceof ApiError && e.code === 'RULE_VIOLATION' && Array.isArray(e.details) ? (e.details as ImportIssue[]) : [];

export async function importMatters(file: Blob): Promise<{ imported: number; ids: string[] }> {
  const csrf = currentCsrfToken();
  let res: Response;
  try {
    res = await fetch('/api/v1/matters/import', {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'content-type': XLSX_MIME, accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const json = (await res.json().catch(() => null)) as
    | ({ imported: number; ids: string[] } & { error?: { code?: string; message?: string; details?: unknown } })
    | null;
  if (!res.ok || !json) {
    throw new ApiError(res.status, json?.error?.code ?? 'UNKNOWN', json?.error?.message ?? `导入失败（HTTP ${res.status}）`, json?.error?.details);
  }
  return json;
}
