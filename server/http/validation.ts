import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors';

/** NUL (PostgreSQL text refuses it) or a lone UTF-16 surrogate (UTF-8 cannot encode it). */
const BAD_TEXT = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a character no text column can store. */
export function hasBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/**
 * The field (dotted path, as validation errors name them) of the first string or key in
 * `value` that holds bad text; '' for the value itself; null when there is none.
 */
export function findBadText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasBadText(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (hasBadText(key)) return field;
    const found = findBadText(item, field);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses, for every API route, a NUL or a lone surrogate anywhere in the path parameters, the
 * query string or the body: a 422 naming the field, before any schema or SQL sees it (the
 * database would answer with an error, or store U+FFFD in its place). The web shells' paths
 * reach no database and answer as a missing file would.
 */
export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.url?.startsWith('/api/')) return;
    for (const part of [req.params, req.query, req.body]) {
      const field = findBadText(part);
      if (field !== null)
        throw new AppError('validation_failed', {
          [field || '_']: '含有无法保存的字符（空字符或残缺的 Unicode 字符）',
        });
    }
  });
}

/**
 * A calendar date PostgreSQL stores as written: YYYY-MM-DD with a year from 0001 to 9999 and
 * a day that exists. ajv-formats' `date` lets year 0000 through (PostgreSQL has no year 0).
 */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
