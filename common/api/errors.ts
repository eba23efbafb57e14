import { Type, type ObjectOptions } from '@sinclair/typebox';
import { ERROR_CODES, type ErrorCode } from '../errors';

/** Field name → a Chinese message naming what is wrong with it; nested fields are named with dots. */
export const FieldErrors = Type.Record(Type.String(), Type.String(), {
  description: '字段 → 错误说明 Field → what is wrong with it',
});

/** The one error body (DESIGN.md §5), its code one of `codes`. */
export const errorBodyOf = (codes: readonly ErrorCode[], options: ObjectOptions = {}) =>
  Type.Object(
    {
      error: Type.Object({
        // A plain string with an enum, not a union: serialising an answer never depends on the list.
        code: Type.Unsafe<ErrorCode>({ type: 'string', enum: [...codes] }),
        message: Type.String(),
        fields: Type.Optional(FieldErrors),
      }),
    },
    options,
  );

/** Every error the API answers with: the shared component of the OpenAPI document. */
export const ErrorBody = errorBodyOf(Object.keys(ERROR_CODES) as ErrorCode[], { $id: 'ErrorBody', title: 'ErrorBody' });
