import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, asApiError, describeError } from '../lib/http';

/** The server's field names that differ from the form's (`wage_recovered_fen` → `wage`). */
export type FieldNames = Readonly<Record<string, string>>;

/**
 * Puts the server's per-field messages under the form items they name (`names` maps the body's
 * field names to the form's where they differ). Returns the error when something is left to show
 * above the form (no fields, or fields the form does not have).
 */
export function applyFieldErrors(form: FormInstance, err: unknown, names: FieldNames = {}): ApiError | null {
  const error = asApiError(err);
  if (!error.fields) return error;
  // Without arguments this lists the registered items, including those still empty.
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const formName = (name: string) => names[name] ?? name;
  const entries = Object.entries(error.fields);
  const shown = entries.filter(([name]) => known.has(formName(name)));
  form.setFields(shown.map(([name, message]) => ({ name: formName(name), errors: [message] })));
  if (shown.length === entries.length) return null;
  return new ApiError(
    error.code,
    describeError(
      error,
      shown.map(([name]) => name),
    ),
    error.fields,
    error.status,
  );
}

/** Whether the error names a field the form shows (its message then belongs under that field). */
export function namesFormField(form: FormInstance, err: unknown, names: FieldNames = {}): boolean {
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  return Object.keys(asApiError(err).fields ?? {}).some((name) => known.has(names[name] ?? name));
}

export interface FormSubmitOptions<V> {
  /** The item to show an error that names no fields under, instead of above the form. */
  unfieldedErrorUnder?: keyof V & string;
  /** The server's field names that differ from the form's. */
  fieldNames?: FieldNames;
}

/**
 * Runs a form's submit action: tracks saving, clears the last error, puts the server's field
 * errors under their items and keeps the rest in `error` to show above the form. `submit` takes
 * what `action` takes and never rejects; success side effects belong in `action`.
 */
export function useFormSubmit<V, A extends unknown[]>(
  form: FormInstance<V>,
  action: (...args: A) => Promise<void>,
  { unfieldedErrorUnder, fieldNames }: FormSubmitOptions<V> = {},
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
      else setError(applyFieldErrors(form, err, fieldNames));
    } finally {
      setIsSaving(false);
    }
  }

  return { submit, isSaving, error };
}
