import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../common/csrf';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './env';
import { buildAccount, TEST_PASSWORD } from './features/accounts/accounts.factories';
import { signIn } from './features/auth/auth.factories';
import { buildOrg, type BuiltOrg } from './features/orgs/orgs.factories';
import { listRoutes } from './testing/routes';
import { createTestApp, type TestApp } from './testing/test-app';

/** Sends `request` as is on a fresh connection and returns all the server wrote before closing it. */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (b: Buffer) => void (text += b.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

/** Routes under /api/v1 deliberately left out of the OpenAPI document. */
const UNDOCUMENTED = ['GET /api/v1/openapi.json', 'GET /api/v1/ping'];
/** A test ID number: address prefix 99 (no such region), correct GB 11643 check character. */
const ID_NUMBER = '990101199001011230';

let t: TestApp;
let cookie: string;
let root: BuiltOrg;
let adminId: number;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await createTestApp();
  root = await buildOrg(t, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  adminId = (await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' })).id;
  cookie = await signIn(t, 'admin');
});
afterAll(() => t?.close());

describe('system routes', () => {
  it('answers /healthz when the database answers', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes OpenAPI 3 listing every route that is not deliberately hidden', async () => {
    const res = await get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { summary?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = listRoutes(t.app).filter(
      (r) => r.split(' ')[1]!.startsWith('/api/v1/') && !UNDOCUMENTED.includes(r),
    );
    expect(documented.sort()).toEqual(registered);
    const unsummarised = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary)
        .map(([m]) => `${m} ${path}`),
    );
    expect(unsummarised).toEqual([]);
  });

  describe('documents the error answers', () => {
    type Response = { description: string; content?: Record<string, { schema: ErrorSchema }> };
    type ErrorSchema = { properties: { error: { properties: { code: { enum: string[] }; fields?: unknown } } } };
    type Doc = {
      paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
      components: { schemas: Record<string, ErrorSchema> };
    };
    let doc: Doc;
    beforeAll(async () => {
      doc = (await get('/api/v1/openapi.json')).json() as Doc;
    });
    const codesOf = (r: Response | undefined) =>
      r?.content?.['application/json']?.schema.properties.error.properties.code.enum;

    it('lists, for creating an org, the 422 with validation_failed and the 409 with conflict', () => {
      const responses = doc.paths['/api/v1/orgs']!.post!.responses;
      expect(codesOf(responses['422'])).toContain('validation_failed');
      expect(responses['422']!.description).toContain('validation_failed');
      expect(codesOf(responses['409'])).toContain('conflict');
      expect(codesOf(responses['409'])).not.toContain('validation_failed');
    });

    it('gives every route at least one 4xx, in the one error shape shared as a component', () => {
      const undocumented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !Object.keys(op.responses).some((s) => /^4\d\d$/.test(s) && codesOf(op.responses[s])))
          .map(([m]) => `${m.toUpperCase()} ${path}`),
      );
      expect(undocumented).toEqual([]);
      expect(doc.components.schemas.ErrorBody!.properties.error.properties.code.enum).toEqual(
        expect.arrayContaining(['validation_failed', 'not_found', 'conflict', 'rate_limited']),
      );
    });

    it('still sends the fields of an error through the documented schema', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { cookie },
        payload: { parent_id: 1, name: '', type: 'nonsense', region_code: '1', extra: true },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'validation_failed',
        fields: {
          name: expect.any(String),
          type: expect.any(String),
          region_code: expect.any(String),
          extra: expect.any(String),
        },
      });
    });
  });

  it('serves the API docs UI', async () => {
    const res = await get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
    // "Try it out" sends the app's header, or every write tried from the docs would be refused.
    const init = await get('/api/docs/static/swagger-initializer.js');
    const config = /const config = ([\s\S]*?)\n\s*const resConfig/.exec(init.body)?.[1];
    const interceptor = (new Function(`return ${config}`)() as { requestInterceptor: (r: object) => object })
      .requestInterceptor;
    expect(interceptor({ headers: {} })).toEqual({ headers: { [CLIENT_HEADER]: CLIENT_HEADER_VALUE } });
  });

  it('answers an unknown API route with 404 in the error shape, signed in or not', async () => {
    for (const headers of [{}, { cookie }] as Array<Record<string, string>>) {
      const res = await get('/api/v1/no-such-thing', headers);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });
});

describe('response headers', () => {
  it('marks API answers no-store, including errors, but lets public region data be cached', async () => {
    for (const [url, headers] of [
      ['/api/v1/me', { cookie }],
      ['/api/v1/config', {}],
      ['/api/v1/orgs/999999', { cookie }],
      ['/api/v1/me', {}],
    ] as const) {
      expect((await get(url, headers)).headers['cache-control'], url).toBe('no-store');
    }
    const regions = await get('/api/v1/regions?parent_code=320000');
    expect(regions.statusCode).toBe(200);
    expect(regions.headers['cache-control']).toMatch(/^public, max-age=\d+/);
  });

  it('sets the helmet security headers', async () => {
    const res = await get('/api/v1/config');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    // A site served over plain HTTP on a LAN must still load its own scripts.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});

describe('error bodies', () => {
  it('never echo what the request carried', async () => {
    const attempts = [
      // Schema violations of every kind, the number in each field.
      {
        method: 'POST',
        url: '/api/v1/orgs',
        payload: {
          parent_id: ID_NUMBER,
          name: ID_NUMBER.repeat(6),
          type: ID_NUMBER,
          region_code: ID_NUMBER,
          contact_name: ID_NUMBER.repeat(3),
        },
      },
      // A service-level refusal.
      {
        method: 'POST',
        url: '/api/v1/orgs',
        payload: { parent_id: 999_999, name: ID_NUMBER, type: 'enterprise_union', region_code: '321302' },
      },
      { method: 'POST', url: '/api/v1/otp', payload: { phone: ID_NUMBER, purpose: 'login' } },
      { method: 'POST', url: '/api/v1/auth/login', payload: { username: ID_NUMBER, password: ID_NUMBER } },
      { method: 'POST', url: '/api/v1/auth/login', payload: `{"username": "${ID_NUMBER}", "password": ` },
      { method: 'GET', url: `/api/v1/orgs?q=${ID_NUMBER}&type=${ID_NUMBER}` },
      // A URL the router cannot decode.
      { method: 'GET', url: `/api/v1/orgs/${ID_NUMBER}%E0%A4%A` },
      { method: 'GET', url: `/api/v1/orgs/${ID_NUMBER}` },
    ] as const;
    for (const a of attempts) {
      const res = await t.app.inject({
        method: a.method,
        url: a.url,
        headers: { cookie, 'content-type': 'application/json' },
        payload: 'payload' in a ? (typeof a.payload === 'string' ? a.payload : JSON.stringify(a.payload)) : undefined,
        remoteAddress: '10.5.0.1',
      });
      expect(res.statusCode, a.url).toBeGreaterThanOrEqual(400);
      expect(res.json(), a.url).toHaveProperty('error.code');
      expect(res.body, `${a.method} ${a.url}`).not.toContain(ID_NUMBER);
    }
  });
});

describe('error codes', () => {
  it('answers a body that is not JSON with 415 unsupported_media_type, and an undecodable URL with 400 bad_request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    const url = await get('/api/v1/orgs/%E0%A4%A');
    expect(url.statusCode).toBe(400);
    expect(url.json().error.code).toBe('bad_request');
  });
});

describe('idempotency of public writes', () => {
  it("never replays one anonymous caller's answer to another who sends the same key", async () => {
    const send = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/otp',
        headers: { 'idempotency-key': 'shared-key-0001' },
        payload: { phone: '13700001111', purpose: 'login' },
        remoteAddress: ip,
      });
    const first = await send('10.9.0.1');
    expect(first.statusCode).toBe(200);
    const replay = await send('10.9.0.1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    // Another address with the same key and body gets its own answer (here: the resend limit), not the code.
    const other = await send('10.9.0.2');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body).not.toContain(first.json().dev_code);
  });
});

describe('timeouts', () => {
  it('bounds how long a request may take to arrive, 30 s by default', async () => {
    const keys = {
      GONGHUI_DATA_KEYS: `v1:${Buffer.alloc(32, 1).toString('base64')}`,
      GONGHUI_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
    };
    expect(loadConfig({ ...keys, DATABASE_URL: 'postgres://db/x' }).requestTimeoutSeconds).toBe(30);
    const server = t.app.server;
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(30_000);
    expect(server.timeout).toBe(30_000);
    expect(server.keepAliveTimeout).toBe(72_000);
  });

  it('closes a connection whose request never finishes, even one that keeps sending a byte at a time', async () => {
    const slow = await createTestApp({ requestTimeoutSeconds: 1 });
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.app.server.address() as AddressInfo;
      const started = Date.now();
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(
            'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
          ),
        );
        // One byte every 200 ms: never idle, never done. Bounded: 50 bytes at most.
        let sent = 0;
        const drip = setInterval(() => {
          if (++sent > 50 || socket.destroyed) return clearInterval(drip);
          socket.write(' ');
        }, 200);
        socket.on('close', () => {
          clearInterval(drip);
          resolve(Date.now() - started);
        });
        socket.on('error', () => undefined);
        setTimeout(() => {
          socket.destroy();
          reject(new Error('still open after 8 s'));
        }, 8_000);
      });
      expect(closedAfter).toBeGreaterThanOrEqual(900);
      expect(closedAfter).toBeLessThan(3_500);
    } finally {
      await slow.close();
    }
  });
});

describe('cross-site request forgery', () => {
  const FOREIGN = 'https://evil.example';
  /** What a form or fetch on another site can send: a simple body, the victim's cookie, no custom header. */
  const forged = (url: string, headers: Record<string, string | undefined>, remoteAddress = '10.6.0.1') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain', 'x-requested-with': undefined, ...headers },
      payload: 'x',
      remoteAddress,
    });
  const expectRefused = (res: { statusCode: number; json: () => { error: { code: string } } }, what: string) => {
    expect(res.statusCode, what).toBe(403);
    expect(res.json().error.code, what).toBe('cross_site_request');
  };
  /** A foreign page without the header, with it (a foreign Origin alone is refused), or a page that sent no Origin. */
  const attempts = [
    { origin: FOREIGN },
    { origin: FOREIGN, 'x-requested-with': 'gonghui' },
    { origin: 'null' },
    { referer: `${FOREIGN}/page`, 'x-requested-with': 'gonghui' },
    {},
  ];

  it('refuses state changes from another site, with a text/plain body and the session cookie, and changes nothing', async () => {
    const org = await buildOrg(t, { parent: root, status: 'inactive' });
    const { id: lockedId } = await buildAccount(t, { org: root, role: 'viewer', username: 'csrf_locked' });
    for (let i = 0; i < 5; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'csrf_locked', password: `Wrong#${i}` },
        remoteAddress: `10.6.1.${i + 1}`,
      });
    const victim = await signIn(t, 'admin', TEST_PASSWORD, '10.6.0.9');
    for (const url of [
      `/api/v1/orgs/${org.id}/activate`,
      `/api/v1/accounts/${lockedId}/unlock`,
      '/api/v1/auth/totp/setup',
      '/api/v1/auth/logout',
    ]) {
      for (const headers of attempts)
        expectRefused(await forged(url, { cookie: victim, ...headers }), `${url} ${JSON.stringify(headers)}`);
    }
    const status = await t.db.selectFrom('orgs').select('status').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('inactive');
    expect((await get(`/api/v1/accounts/${lockedId}`, { cookie })).json().is_locked).toBe(true);
    const admin = await t.db
      .selectFrom('accounts')
      .select('totp_secret_enc')
      .where('id', '=', adminId)
      .executeTakeFirstOrThrow();
    expect(admin.totp_secret_enc).toBeNull();
    expect((await get('/api/v1/me', { cookie: victim })).statusCode).toBe(200);
  });

  it("takes the app's own requests: the header, and an Origin of this host or none", async () => {
    const org = await buildOrg(t, { parent: root, status: 'inactive' });
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.id}/activate`,
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().status).toBe('active');
  });

  it('checks only the Origin of requests without the session cookie: partners call sign-in and codes from servers', async () => {
    const login = (headers: Record<string, string | undefined>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-requested-with': undefined, ...headers },
        payload: { username: 'admin', password: TEST_PASSWORD },
        remoteAddress: '10.6.2.1',
      });
    expect((await login({})).statusCode).toBe(200);
    expect((await login({ origin: 'http://localhost:80' })).statusCode).toBe(200);
    expectRefused(await login({ origin: FOREIGN }), 'login from a foreign origin');
    const otp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/otp',
      headers: { 'x-requested-with': undefined, origin: FOREIGN },
      payload: { phone: '13700002222', purpose: 'login' },
      remoteAddress: '10.6.2.2',
    });
    expectRefused(otp, 'otp from a foreign origin');
  });
});

describe('behind a reverse proxy (TRUST_PROXY=1)', () => {
  let proxied: TestApp;
  const keys = {
    GONGHUI_DATA_KEYS: `v1:${Buffer.alloc(32, 1).toString('base64')}`,
    GONGHUI_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
  };
  beforeAll(async () => {
    const { trustProxy } = loadConfig({ ...keys, DATABASE_URL: 'postgres://db/x', TRUST_PROXY: '1' });
    proxied = await createTestApp({ trustProxy });
    const root = await buildOrg(proxied, {
      name: '中华全国总工会',
      type: 'national_federation',
      region_code: '110000',
    });
    await buildAccount(proxied, { org: root, role: 'viewer', username: 'proxied_user' });
  });
  afterAll(() => proxied?.close());

  // The proxy (127.0.0.1) appends the address it saw; whatever the client wrote before it is forged.
  const login = (forwardedFor: string, username: string, password: string) =>
    proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username, password },
      remoteAddress: '127.0.0.1',
    });

  it('takes the address the proxy saw, so forged first hops do not escape the address lock', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await login(`198.51.100.${i + 1}, 10.30.0.1`, `guess${i}`, 'Wrong#Pass2026');
      expect(res.statusCode).toBe(401);
    }
    const locked = await login('198.51.100.99, 10.30.0.1', 'proxied_user', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('address_locked');
    // Another client behind the same proxy is not locked out.
    const other = await login('10.30.0.2', 'proxied_user', TEST_PASSWORD);
    expect(other.statusCode, other.body).toBe(200);
  });

  it('records the address the proxy saw, and a client that reaches the server directly cannot name its own', async () => {
    const lastAuditIp = async () =>
      (await proxied.db.selectFrom('audit_log').select('ip').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow())
        .ip;
    await login('198.51.100.9, 10.30.0.7', 'guess_a', 'Wrong#Pass2026');
    expect(await lastAuditIp()).toBe('10.30.0.7');
    await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': '10.30.0.8' },
      payload: { username: 'guess_b', password: 'Wrong#Pass2026' },
      remoteAddress: '203.0.113.7',
    });
    expect(await lastAuditIp()).toBe('203.0.113.7');
  });
});

describe('the Secure flag of the session cookie (COOKIE_SECURE)', () => {
  let always: TestApp;
  let never: TestApp;
  let auto: TestApp;
  beforeAll(async () => {
    // Other configurations of the same app, on its database.
    [always, never, auto] = await Promise.all([
      t.withConfig({ cookieSecure: 'always' }),
      t.withConfig({ cookieSecure: 'never', trustProxy: 1 }),
      t.withConfig({ cookieSecure: 'auto', trustProxy: 1 }),
    ]);
    await buildAccount(t, { org: root, role: 'viewer', username: 'cookie_user' });
  });
  afterAll(() => Promise.all([always?.close(), never?.close(), auto?.close()]));

  /** Whether the session cookie of a sign-in comes back Secure. */
  const secure = async (app: TestApp, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers,
      payload: { username: 'cookie_user', password: TEST_PASSWORD },
      remoteAddress,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.cookies.find((c) => c.name === 'gh_session')!.secure === true;
  };

  it('always: Secure even when the server sees plain HTTP (TLS ends at a proxy it does not trust)', async () => {
    expect(await secure(always)).toBe(true);
  });

  it('never: not Secure even when a trusted proxy says https (a plain-HTTP site on a LAN)', async () => {
    expect(await secure(never, { 'x-forwarded-proto': 'https' })).toBe(false);
  });

  it('auto: Secure when HTTPS is seen directly or through a trusted proxy, never on a client’s word', async () => {
    expect(await secure(auto)).toBe(false);
    expect(await secure(auto, { 'x-forwarded-proto': 'https' })).toBe(true);
    expect(await secure(auto, { 'x-forwarded-proto': 'https' }, '203.0.113.7')).toBe(false);
  });
});

describe('web shells', () => {
  let web: TestApp;
  const script = `console.log(${JSON.stringify('工会'.repeat(2000))});`;

  beforeAll(async () => {
    // A stand-in build, laid out as web/vite.config.ts writes it (precompressed beside each asset).
    // A secret beside the build, as DATA_DIR's keys.json may be.
    const outside = mkdtempSync(join(tmpdir(), 'gonghui-web-'));
    writeFileSync(join(outside, 'keys.json'), '{"data":"secret"}');
    const dir = join(outside, 'web');
    mkdirSync(dir);
    for (const shell of ['admin', 'm']) {
      mkdirSync(join(dir, shell));
      writeFileSync(
        join(dir, shell, 'index.html'),
        `<!doctype html><title>${shell}</title><script src="/assets/${shell}-Ab12.js"></script>`,
      );
    }
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'm-Ab12.js'), script);
    writeFileSync(join(dir, 'assets', 'm-Ab12.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'm-Ab12.js.gz'), gzipSync(script));
    web = await createTestApp({ webDir: dir });
  });
  afterAll(() => web?.close());

  it('sends a hashed asset precompressed in the encoding the browser takes, cached for good', async () => {
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await web.app.inject({
        method: 'GET',
        url: '/assets/m-Ab12.js',
        headers: { 'accept-encoding': accept },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decode(res.rawPayload).toString()).toBe(script);
    }
    const plain = await web.app.inject({ method: 'GET', url: '/assets/m-Ab12.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('answers deep links with the shell, never cached, and unknown assets with 404', async () => {
    const deep = await web.app.inject({ method: 'GET', url: '/admin/orgs/42' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>admin</title>');
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect((await web.app.inject({ method: 'GET', url: '/m/me' })).body).toContain('<title>m</title>');
    expect((await web.app.inject({ method: 'GET', url: '/assets/missing-Zz99.js' })).statusCode).toBe(404);
  });

  it('answers a path that climbs out of a shell exactly as a missing file, whether or not the target exists', async () => {
    const answer = async (url: string) => {
      const res = await web.app.inject({ method: 'GET', url });
      return {
        status: res.statusCode,
        type: res.headers['content-type'],
        cache: res.headers['cache-control'],
        body: res.body,
      };
    };
    const missing = await answer('/admin/no-such-page');
    expect(missing.status).toBe(200);
    expect(missing.body).toContain('<title>admin</title>');
    for (const url of [
      '/admin/..%2f..%2fkeys.json',
      '/admin/..%2f..%2fno-such-file.json',
      '/admin/..%2fassets%2fm-Ab12.js',
      '/admin/index.html%00.js',
      `/admin/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `/admin/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fno-such-file`,
    ])
      expect(await answer(url), url).toEqual(missing);
    expect((await answer('/m/..%2fadmin%2findex.html')).body).toContain('<title>m</title>');
    // A raw client (curl --path-as-is) sends the dots unnormalised, which inject cannot.
    await web.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = web.app.server.address() as AddressInfo;
    const raw = async (path: string) => {
      const text = await rawHttp(port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      return { status: text.split('\r\n')[0], body: text.split('\r\n\r\n')[1] };
    };
    const rawMissing = await raw('/admin/no-such-page');
    expect(rawMissing.status).toBe('HTTP/1.1 200 OK');
    for (const path of ['/admin/../../keys.json', '/admin/../../no-such-file.json', '/admin/%2e%2e/%2e%2e/keys.json'])
      expect(await raw(path), path).toEqual(rawMissing);
  });
});
