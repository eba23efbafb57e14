import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorBody, type ErrorCode, type FieldErrors } from '../../common/errors';

/** The one place where error codes become HTTP status codes. */
const STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_json: 400,
  bad_request: 400,
  unsupported_media_type: 415,
  not_found: 404,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  cross_site_request: 403,
  restricted_session: 403,
  invalid_credentials: 401,
  account_locked: 429,
  address_locked: 429,
  totp_required: 401,
  totp_invalid: 401,
  totp_already_enabled: 409,
  password_policy: 422,
  otp_invalid: 422,
  otp_exhausted: 422,
  otp_too_frequent: 429,
  otp_address_limited: 429,
  rate_limited: 429,
  conflict: 409,
  org_cycle: 422,
  org_has_active_children: 409,
  org_is_root: 409,
  org_inactive: 409,
  username_taken: 409,
  already_member: 409,
  application_pending: 409,
  transfer_pending: 409,
  stale_version: 409,
  case_transition: 409,
  case_deadline_passed: 409,
  case_already_rated: 409,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  internal: 500,
  unavailable: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function errorBody(code: ErrorCode, fields?: FieldErrors, message?: string): ErrorBody {
  return { error: { code, message: message ?? ERROR_CODES[code].zh, ...(fields ? { fields } : {}) } };
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** A Chinese message for one schema violation. */
function describe(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return '必填';
    case 'additionalProperties':
      return '不允许的字段';
    case 'type':
      return `类型不正确，应为${({ string: '文本', integer: '整数', number: '数字', boolean: '布尔值', object: '对象', array: '数组' } as Record<string, string>)[String(p.type)] ?? p.type}`;
    case 'maxLength':
      return `不能超过 ${p.limit} 个字符`;
    case 'minLength':
      return Number(p.limit) <= 1 ? '不能为空' : `至少 ${p.limit} 个字符`;
    case 'pattern':
      return '格式不正确';
    case 'format':
      return '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return '不是允许的取值';
    case 'minimum':
      return `不能小于 ${p.limit}`;
    case 'maximum':
      return `不能大于 ${p.limit}`;
    case 'maxItems':
      return `最多 ${p.limit} 项`;
    case 'minItems':
      return `至少 ${p.limit} 项`;
    default:
      return '不正确';
  }
}

/** Turns ajv errors into `{ field: message }`, naming nested fields with dots. */
export function fieldsFromValidation(errors: AjvError[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const e of errors) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required')
      field = field ? `${field}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    if (e.keyword === 'additionalProperties')
      field = field ? `${field}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty);
    field ||= '_';
    fields[field] ??= describe(e);
  }
  return fields;
}

/**
 * Errors Fastify raises before routing (a URL it cannot decode): the one error shape, and
 * never the URL itself, which Fastify's default answer would echo.
 */
export function frameworkErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') {
    void reply.status(statusOf('bad_request')).send(errorBody('bad_request', undefined, '请求地址无效'));
    return;
  }
  void reply.status(statusOf('internal')).send(errorBody('internal'));
}

/** Installs the error and not-found handlers: every failure answers with the one error shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validation?: AjvError[] }, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(statusOf(err.code)).send(errorBody(err.code, err.fields, err.message));
    }
    if (err.validation) {
      return reply
        .status(statusOf('validation_failed'))
        .send(errorBody('validation_failed', fieldsFromValidation(err.validation)));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(statusOf('malformed_json')).send(errorBody('malformed_json'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(statusOf('payload_too_large')).send(errorBody('payload_too_large'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(statusOf('unsupported_media_type')).send(errorBody('unsupported_media_type'));
    }
    if (err.statusCode === 429) return reply.status(statusOf('rate_limited')).send(errorBody('rate_limited'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Any other client error Fastify raises: its own message may quote the request; answer with ours.
      return reply.status(statusOf('bad_request')).send(errorBody('bad_request'));
    }
    // Log the error, never the request body: it may hold personal data.
    req.log.error({ err: { message: err.message, stack: err.stack, code: err.code } }, 'unhandled error');
    return reply.status(statusOf('internal')).send(errorBody('internal'));
  });
  app.setNotFoundHandler((_req, reply) => reply.status(statusOf('not_found')).send(errorBody('not_found')));
}
