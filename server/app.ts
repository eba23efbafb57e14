import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ErrorBody } from '../common/api/errors';
import type { AppConfig } from './env';
import type { AppDeps } from './http/context';
import { errorBody, frameworkErrorHandler, registerErrorHandling, statusOf } from './http/errors';
import { registerIdempotency } from './http/idempotency';
import { proxyTrust } from './http/proxy';
import { registerCsrfGuard } from './features/auth/csrf';
import { isCalendarDate, registerInputChecks } from './http/validation';
import { registerAuthentication } from './features/auth/plugin';
import { FEATURES } from './features';

declare module 'fastify' {
  interface FastifyInstance {
    gonghuiConfig: AppConfig;
  }
}

export interface BuildOptions {
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/** A request as logged: the path without its query string, which may carry searched names or phones. */
const logRequest = (req: { method: string; url: string; ip?: string }) => ({
  method: req.method,
  url: req.url.split('?')[0],
  remoteAddress: req.ip,
});

/**
 * Bodies are validated strictly (no type coercion, unknown fields rejected); query strings
 * and params are coerced, since they arrive as text.
 */
function validatorCompilers() {
  const base = { allErrors: true, removeAdditional: false as const, useDefaults: true, strict: false };
  const body = new Ajv({ ...base, coerceTypes: false });
  const query = new Ajv({ ...base, coerceTypes: 'array' as const });
  for (const ajv of [body, query]) {
    addFormats.default(ajv);
    ajv.addFormat('date', isCalendarDate); // stricter than ajv-formats': no year 0000
  }
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? body : query).compile(schema);
}

/** Builds the app without listening; tests call it with their own database. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  // A request must arrive whole within the limit, dribbled or not, and a silent connection is
  // closed after as long; Node checks the running requests once a second (its default: 30 s).
  const timeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    requestTimeout: timeout,
    connectionTimeout: timeout,
    keepAliveTimeout: 72_000,
    http: { headersTimeout: timeout, requestTimeout: timeout, connectionsCheckingInterval: Math.min(timeout, 1000) },
    logger: options.logger
      ? { ...(options.logger === true ? {} : options.logger), serializers: { req: logRequest } }
      : false,
    trustProxy: proxyTrust(config.trustProxy),
    bodyLimit: 1_048_576,
    frameworkErrors: frameworkErrorHandler,
  });
  app.decorate('gonghuiConfig', config);
  app.setValidatorCompiler(validatorCompilers());
  registerErrorHandling(app);
  registerInputChecks(app);

  await app.register(cookie);
  // helmet's headers, worked out once: @fastify/helmet rebuilt helmet and re-parsed the CSP on
  // every request (5% of a scoped read's CPU, profiled). Nothing here varies per request (no nonces).
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // helmet's default would send phones opening http://<LAN address>/m/ to https for every
        // script, which a plain-HTTP site does not answer: a blank page. TLS belongs to the proxy.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.global,
    timeWindow: '1 minute',
    allowList: (req) => req.url === '/healthz',
    errorResponseBuilder: () => ({ statusCode: statusOf('rate_limited'), ...errorBody('rate_limited') }),
  });
  // The one error body, a component of the OpenAPI document; each route lists its own codes.
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gonghui 工会服务平台 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gh_session' } } },
    },
    // Shared schemas keep their $id as their component name ("ErrorBody", not "def-0").
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}` },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // "Try it out" speaks as the app's own pages (common/csrf.ts). The function is copied into the
    // page as source text, so it names the header literally; a test checks it matches.
    uiConfig: {
      requestInterceptor: (request) => {
        (request.headers as Record<string, string>)['x-requested-with'] = 'gonghui';
        return request;
      },
    },
  });

  registerCsrfGuard(app);
  registerAuthentication(app, deps);
  registerIdempotency(app, deps.db, deps.cipher);

  // Personal data and session answers must not be cached by browsers or proxies.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      for (const feature of FEATURES) feature.routes?.(api);
    },
    { prefix: '/api/v1' },
  );
  app.addHook('onClose', async () => {
    for (const feature of FEATURES) await feature.stopState?.(deps.state);
  });

  // Probes poll this every few seconds: no request log lines for it, but a failure is logged
  // (on the app's logger, which the route's silence does not reach).
  app.get(
    '/healthz',
    { schema: { hide: true }, config: { access: 'public' }, logLevel: 'silent' },
    async (_req, reply) => {
      try {
        await deps.db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
        return { status: 'ok' };
      } catch (err) {
        app.log.error({ err: { message: (err as Error).message } }, 'health check: the database did not answer');
        return reply.status(statusOf('unavailable')).send(errorBody('unavailable'));
      }
    },
  );

  registerWeb(app, config.webDir);
  return app;
}

/** Serves the built web shells: /admin/ (console) and /m/ (H5), each with SPA fallback. */
function registerWeb(app: FastifyInstance, webDir: string): void {
  if (!existsSync(join(webDir, 'admin', 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Web app not built: run `npm run build:web` (npm start does it for you).'),
    );
    return;
  }
  app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: false,
    wildcard: false,
    // The build writes .br and .gz beside each asset (web/vite.config.ts): a phone gets ~⅓ of the bytes.
    preCompressed: true,
    // Names under /assets/ carry a content hash, so a browser may keep them for good; anything
    // else (the shells' index.html) is revalidated, or a deploy would leave phones on old code.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin/'));
  for (const shell of ['admin', 'm']) {
    const handler = async (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.sendFile(`${shell}/index.html`);
    app.get(`/${shell}`, { schema: { hide: true } }, async (_req, reply) => reply.redirect(`/${shell}/`));
    app.get(`/${shell}/`, { schema: { hide: true } }, handler);
    // A file of this shell's folder, else the shell: a path that climbs out answers as a missing
    // file whatever exists there, or the answer would tell an outsider which files the server has.
    const folder = resolve(webDir, shell);
    app.get(`/${shell}/*`, { schema: { hide: true } }, async (req, reply) => {
      const file = resolve(folder, (req.params as { '*': string })['*']);
      const inside = file.startsWith(folder + sep) && !file.includes('\0');
      if (inside && statSync(file, { throwIfNoEntry: false })?.isFile())
        return reply.sendFile(relative(webDir, file).split(sep).join('/'));
      return handler(req, reply);
    });
  }
}

/** The headers helmet sets for these options, captured once from a stand-in response. */
export function helmetHeaders(options: HelmetOptions): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => {},
    getHeader: () => undefined,
  };
  helmet(options)({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}
