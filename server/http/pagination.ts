import { AppError } from '../../common/errors';

/** Cursors for the one way to paginate (the query's schema is PageQuery in common/api/schemas.ts). */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a forged or stale one is a field error. */
export function decodeCursor<T extends unknown[]>(cursor: string | undefined, arity: number): T | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity) return key as T;
  } catch {
    // fall through
  }
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
