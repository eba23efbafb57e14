import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../common/errors';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../../common/csrf';
import { SESSION_COOKIE } from './sessions';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether the Origin (or, without one, the Referer) names this server's host and port. A browser
 * sends Origin on every cross-origin write; a server-to-server caller usually sends neither. The
 * scheme is not compared (behind a TLS proxy the server sees http while the page is https); a Host
 * without a port stands for the page's scheme's default port.
 */
function sameOrigin(req: FastifyRequest): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (source === undefined) return true;
  try {
    const from = new URL(source);
    if (from.protocol !== 'http:' && from.protocol !== 'https:') return false;
    const host = new URL(`${from.protocol}//${req.host}`);
    return host.hostname === from.hostname && host.port === from.port;
  } catch {
    return false;
  }
}

/**
 * Every state-changing API request must come from the app's own pages (DESIGN.md §security,
 * docs/decisions/0009): an Origin/Referer, when present, naming this host; and, when it carries
 * the session cookie, the web client's header, which a cross-site form cannot send. A text/plain
 * or bodyless POST is otherwise a "simple" request a foreign page can make with the cookie attached.
 */
export function registerCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (!WRITES.has(req.method) || !req.url.startsWith('/api/')) return;
    if (!sameOrigin(req)) throw new AppError('cross_site_request');
    if (req.cookies[SESSION_COOKIE] && req.headers[CLIENT_HEADER] !== CLIENT_HEADER_VALUE)
      throw new AppError('cross_site_request');
  });
}
