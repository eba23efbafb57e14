import type { FormInstance } from 'antd';
import { useState } from 'react';
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

export interface FormSubmitOptions<V> {
  /** The item to show an error that names no fields under, instead of above the form. */
  unfieldedErrorUnder?: keyof V & string;
}

/**
 * Runs a form's submit action: tracks saving, clears the last error, puts the server's field
 * errors under their items and keeps the rest in `error` to show above the form. `submit` takes
 * what `action` takes and never rejects; success side effects belong in `action`.
 */
export function useFormSubmit<V, A extends unknown[]>(
  form: FormInstance<V>,
  action: (...args: A) => Promise<void>,
  { unfieldedErrorUnder }: FormSubmitOptions<V> = {},
): { submit: (...args: A) => Promise<void>; isSaving: boolean; error: ApiError | null } {
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(...args: A) {
    setIsSaving(true);
    setError(null);
    try {
      await action(...args);
    } catch (err) {
      const apiError = asApiError(err);
      // Untyped, as in applyFieldErrors: antd's NamePath<V> does not accept a plain key of V.
      if (unfieldedErrorUnder && !apiError.fields)
        (form as FormInstance).setFields([{ name: unfieldedErrorUnder, errors: [apiError.message] }]);
      else setError(applyFieldErrors(form, err));
    } finally {
      setIsSaving(false);
    }
  }

  return { submit, isSaving, error };
}
