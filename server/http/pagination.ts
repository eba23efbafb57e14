import { AppError } from '../../common/errors';
import { hasBadText } from './validation';

// Cursors for the one way to paginate (the query's schema is PageQuery in common/api/schemas.ts).

/**
 * What one element of a cursor key holds: `int` a PostgreSQL integer, `bigint` a bigint id
 * (a safe integer), `string` text PostgreSQL can store, `timestamp` an ISO instant.
 */
export type CursorKind = 'int' | 'bigint' | 'string' | 'timestamp';

type ValueOf<K extends CursorKind> = K extends 'int' | 'bigint' ? number : string;
export type CursorKey<K extends readonly CursorKind[]> = { -readonly [I in keyof K]: ValueOf<K[I]> };

const INT4_MAX = 2_147_483_647;

const isKind: Record<CursorKind, (v: unknown) => boolean> = {
  int: (v) => Number.isInteger(v) && Math.abs(v as number) <= INT4_MAX,
  bigint: (v) => Number.isSafeInteger(v),
  string: (v) => typeof v === 'string' && v.length <= 400 && !hasBadText(v),
  timestamp: (v) =>
    typeof v === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)),
};

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor whose key holds the stated kinds, e.g.
 * `decodeCursor(cursor, ['string', 'int'])` for (username, id). Each element is checked, so
 * nothing a client forges reaches SQL: a forged or stale cursor is a 422 naming `cursor`.
 */
export function decodeCursor<const K extends readonly CursorKind[]>(
  cursor: string | undefined,
  kinds: K,
): CursorKey<K> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (Array.isArray(key) && key.length === kinds.length && kinds.every((kind, i) => isKind[kind](key[i])))
    return key as CursorKey<K>;
  throw new AppError('validation_failed', { cursor: '分页游标无效' });
}

/** Cuts one extra row off a page fetched with limit + 1 and makes the next cursor. */
export function toPage<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown[],
): { items: R[]; next_cursor: string | null } {
  if (rows.length <= limit) return { items: rows, next_cursor: null };
  const items = rows.slice(0, limit);
  return { items, next_cursor: encodeCursor(keyOf(items[items.length - 1]!)) };
}
