import type { TSchema } from '@sinclair/typebox';
import { errorBodyOf } from '../../common/api/errors';
import { ERROR_CODES, type ErrorCode } from '../../common/errors';
import { statusOf } from './errors';

/** What any route behind sign-in may answer before it runs. */
export const SIGNED_IN: readonly ErrorCode[] = ['unauthenticated', 'session_expired', 'restricted_session'];
/** The same for a route a restricted session may use (changing the password, enrolling TOTP). */
export const SIGNED_IN_RESTRICTED: readonly ErrorCode[] = ['unauthenticated', 'session_expired'];
/** What any route that reads a JSON body may answer about it. */
export const JSON_BODY: readonly ErrorCode[] = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
];

/** What a write that accepts an Idempotency-Key may answer about the key. */
export const IDEMPOTENT: readonly ErrorCode[] = [
  'validation_failed',
  'idempotency_key_reused',
  'idempotency_in_progress',
];

/**
 * A route's `response`: its successes and the error answers it can give, one per HTTP status
 * (server/http/errors.ts's map), each naming its codes. Every route is rate limited, so each
 * lists `rate_limited` too. An error body passes through the schema of its status when it is sent.
 */
export function responses<S extends Record<number, TSchema>>(success: S, codes: readonly ErrorCode[]) {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const code of [...codes, 'rate_limited' as const]) {
    const status = statusOf(code);
    if (!byStatus.has(status)) byStatus.set(status, new Set());
    byStatus.get(status)!.add(code);
  }
  const errors: Record<number, TSchema> = {};
  for (const [status, set] of [...byStatus].sort(([a], [b]) => a - b)) {
    const list = [...set];
    errors[status] = errorBodyOf(list, {
      description: list.map((c) => `\`${c}\` ${ERROR_CODES[c].zh}`).join('；'),
    });
  }
  // Typed as the successes alone: a handler returns those; errors travel through the error handler.
  return { ...errors, ...success } as S;
}
