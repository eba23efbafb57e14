import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../common/csrf';
import { ApiError, buildQuery, request } from './http';

type Query = Parameters<typeof buildQuery>[0];

/** The file name the server gave in Content-Disposition (RFC 6266 `filename*`), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
}

/**
 * Downloads a file the API streams (an xlsx export, an error report) and hands it to the browser
 * to save. A GET travels with its query; a POST with a JSON body (a reason never goes in a URL).
 * An error answer is thrown as the API's error, so the page shows its Chinese message.
 */
export async function downloadFile(
  method: 'GET' | 'POST',
  path: string,
  options: { query?: Query; body?: unknown; fallbackName?: string } = {},
): Promise<void> {
  const headers: Record<string, string> = { [CLIENT_HEADER]: CLIENT_HEADER_VALUE };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}${buildQuery(options.query)}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  }).catch(() => null);
  if (!response || !response.ok) {
    // Let the one HTTP client read the error body and raise the API's error.
    if (response) await request(method, path, { query: options.query, body: options.body });
    throw new ApiError('network', '网络不佳，请重试', undefined, 0);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response.headers.get('content-disposition'), options.fallbackName ?? 'export.xlsx');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
