import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

interface FieldIssue {
  field?: string;
  message?: string;
}

/**
 * Like components/formErrors' markServerErrors, but for nested bodies: a
 * detail such as `body.milestones.1.deadline` lands on that list row's field.
 * `rename` maps a body path prefix to the form's own name where they differ.
 * Returns whether any field was marked, so the caller can fall back to a banner.
 */
export function markNestedErrors(form: FormInstance, e: unknown, rename: Record<string, string> = {}): boolean {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return false;
  const top = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = (e.details as FieldIssue[]).flatMap((d) => {
    let path = (d.field ?? '').replace(/^body\./, '');
    for (const [from, to] of Object.entries(rename)) if (path === from || path.startsWith(`${from}.`)) path = to + path.slice(from.length);
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return typeof name[0] === 'string' && top.has(name[0]) ? [{ name, errors: [d.message ?? '格式不正确'] }] : [];
  });
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
