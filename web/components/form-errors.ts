import type { FormInstance } from 'antd';
import { ApiError, asApiError, describeError } from '../lib/http';

/**
 * Puts the server's per-field messages under the form items they name. Returns the error when
 * something is left to show above the form (no fields, or fields the form does not have).
 */
export function applyFieldErrors(form: FormInstance, err: unknown): ApiError | null {
  const error = asApiError(err);
  if (!error.fields) return error;
  // Without arguments this lists the registered items, including those still empty.
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const entries = Object.entries(error.fields);
  form.setFields(entries.filter(([name]) => known.has(name)).map(([name, message]) => ({ name, errors: [message] })));
  if (entries.every(([name]) => known.has(name))) return null;
  return new ApiError(error.code, describeError(error, [...known]), error.fields, error.status);
}
