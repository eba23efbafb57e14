import { Type, type TProperties, type TSchema } from '@sinclair/typebox';

/** An object schema that rejects unknown fields (they are named in the 422). */
export const Strict = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

/** Nullable for optional-but-clearable fields in PATCH bodies. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A row id: a PostgreSQL integer. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const IdParams = Strict({ id: Id });

/** One page of a list; `next_cursor` is null on the last. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

/** The one way to paginate: opaque keyset cursors (never offsets). */
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/** The success of a route that answers 204 with no body (typed so that `reply.send()` takes none). */
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No Content' });
