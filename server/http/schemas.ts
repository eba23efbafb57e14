import { Type, type TProperties } from '@sinclair/typebox';

/** An object schema that rejects unknown fields (they are named in the 422). */
export const Strict = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const IdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** Nullable for optional-but-clearable fields in PATCH bodies. */
export const Nullable = <T extends import('@sinclair/typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Page = <T extends import('@sinclair/typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });
