import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

interface FieldIssue {
  field?: string;
  message?: string;
}

/**
 * Puts the server's per-field validation messages (details of a 400
 * VALIDATION_FAILED, fields like `body.name`) under the matching form fields,
 * so a rule only the server knows still shows where the user is typing.
 * Returns whether any field was marked.
 */
export function markServerErrors(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = (e.details as FieldIssue[])
    .map((d) => ({ name: (d.field ?? '').replace(/^body\./, ''), errors: [d.message ?? '格式不正确'] }))
    .filter((f) => f.name && known.has(f.name));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
