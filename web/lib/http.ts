import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../common/csrf';
import { ERROR_CODES, type ErrorBody, type FieldErrors } from '../../common/errors';
import { getLang } from './i18n';

const API_PREFIX = '/api/v1';

/** Codes the client adds to the server's closed list: no answer at all, or one it cannot read. */
export type ClientErrorCode = 'network' | 'bad_response';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorBody['error']['code'] | ClientErrorCode,
    message: string,
    readonly fields: FieldErrors | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CLIENT_MESSAGES: Record<ClientErrorCode, { zh: string; en: string }> = {
  network: { zh: '网络不佳，请重试', en: 'The network is poor; please try again' },
  bad_response: { zh: '服务暂时不可用，请稍后再试', en: 'The service is unavailable; try again later' },
};

type QueryValue = string | number | boolean | null | undefined;
/** A list value repeats its key (`amenity=a&amenity=b`), as the API's array parameters read it. */
type Query = Record<string, QueryValue | readonly QueryValue[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sends an Idempotency-Key so a retried create is not applied twice. */
  idempotent?: boolean;
  /**
   * The key to send, kept by the caller across retries (a form that survives a dropped network or
   * a reload sends the same key again, so the server answers the first answer instead of writing twice).
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

type UnauthenticatedListener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** The shell subscribes here to go back to sign-in when the session is gone. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? (value as readonly QueryValue[]) : [value as QueryValue])
      if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// crypto.randomUUID exists only in secure contexts; a console opened over plain http on a LAN
// address still needs keys, and getRandomValues is available everywhere.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function clientError(code: ClientErrorCode, status: number): ApiError {
  return new ApiError(code, CLIENT_MESSAGES[code][getLang()], undefined, status);
}

function toApiError(body: unknown, status: number): ApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (!error || typeof error.code !== 'string') return clientError('bad_response', status);
  const known = (ERROR_CODES as Partial<Record<string, { zh: string; en: string }>>)[error.code];
  // The server speaks Chinese; in English mode the code's English text is the better message.
  const message = getLang() === 'en' && known ? known.en : error.message || known?.zh || error.code;
  return new ApiError(error.code, message, error.fields, status);
}

/** The one way the web app talks to the API. Resolves to the parsed body, or undefined on 204. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // The server refuses a write that carries the session cookie without this header (common/csrf.ts).
  const headers: Record<string, string> = { Accept: 'application/json', [CLIENT_HEADER]: CLIENT_HEADER_VALUE };
  // A JSON content type with an empty body is a 400 in Fastify, so only bodies carry one.
  // A FormData body (an upload) sets its own multipart type and boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  else if (options.idempotent) headers['Idempotency-Key'] = newIdempotencyKey();

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw clientError('network', 0);
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    if (body === null) throw clientError('bad_response', response.status);
    return body as T;
  }
  const error = toApiError(body, response.status);
  if (response.status === 401 && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
    for (const listener of unauthenticatedListeners) listener(error);
  }
  throw error;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** A page of any cursor-paginated list. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A list's query as the client builds it: a null cursor asks for the first page. */
export type ListQuery<Q extends { cursor?: string }> = Omit<Q, 'cursor'> & { cursor?: string | null };

/** Anything a request may throw, as an ApiError fit to show. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : clientError('bad_response', 0);
}

/**
 * The message plus any field messages no form item will show: a 403 may name why in `fields`
 * ("不能修改自己的授权"), which is more use to the reader than the generic message alone.
 */
export function describeError(err: unknown, shownFields: readonly string[] = []): string {
  const error = asApiError(err);
  const extra = Object.entries(error.fields ?? {})
    .filter(([name]) => !shownFields.includes(name))
    .map(([, text]) => text);
  return extra.length > 0 ? `${error.message}：${extra.join('；')}` : error.message;
}
