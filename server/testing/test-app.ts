import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestCallback } from 'fastify';
import pg from 'pg';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../common/csrf';
import { buildApp } from '../app';
import { enableTransactionGuard, openDatabase, type Database } from '../db/database';
import type { AppConfig } from '../env';
import type { AppDeps } from '../http/context';
import type { Feature } from '../http/feature';
import type { Cipher } from '../lib/crypto';
import { createDeps } from '../deps';
import type { SmsSender } from '../lib/sms';
import { adminUrl, PGLITE_TEMPLATE, postgresTemplateName } from './template';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Database['db'];
  /** PostgreSQL only: the test database's URL, for a child process that opens it too. */
  databaseUrl?: string;
  config: AppConfig;
  /** What the app was built from: a test's own job runner takes it (createRunner). */
  deps: AppDeps;
  cipher: Cipher;
  /** Messages the SMS sender was asked to send. */
  sms: Array<{ phone: string; text: string }>;
  /**
   * Another app, configured by `overrides` (on top of testConfig's defaults), on the same database:
   * for tests that need only a different configuration (half a second, not a new database's several).
   * Its close() closes only that app.
   */
  withConfig(overrides: Partial<AppConfig>, options?: TestAppOptions): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  sms?: SmsSender;
  /** Features of the test's own: their process state and file kinds join the app's (createDeps). */
  features?: readonly Feature[];
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    demo: true,
    passwordProfile: 'mlps3',
    requireTotp: false,
    dataKeys: new Map([[1, Buffer.alloc(32, 7)]]),
    blindIndexKey: Buffer.alloc(32, 9),
    smsSender: 'console',
    map: { tileUrl: '', tileCrs: 'gcj02' },
    files: { storage: 'local', maxBytes: 10 * 1024 * 1024, maxCount: 9, anonymousPerMin: 30 },
    trustProxy: false,
    cookieSecure: 'auto',
    rateLimit: { global: 100_000, auth: 100_000 },
    otp: { perAddressPerMin: 60, addressFailuresMax: 20, addressWindowMinutes: 10 },
    requestTimeoutSeconds: 30,
    webDir: '/nonexistent',
    logLevel: 'silent',
    // Tests start their own runners (createRunner) when they want jobs to run.
    workers: 0,
    ...overrides,
  };
}

/**
 * Makes `app.inject` send the web client's CSRF header (common/csrf.ts) unless the test names it:
 * tests speak as the app's own pages. `{ [CLIENT_HEADER]: undefined }` sends none.
 */
function sendClientHeaderByDefault(app: FastifyInstance): void {
  const inject = app.inject.bind(app);
  const withHeader = (opts: InjectOptions | string): InjectOptions => {
    const options = typeof opts === 'string' ? { url: opts } : opts;
    const headers: Record<string, unknown> = { [CLIENT_HEADER]: CLIENT_HEADER_VALUE, ...options.headers };
    for (const [name, value] of Object.entries(headers)) if (value === undefined) delete headers[name];
    return { ...options, headers: headers as InjectOptions['headers'] };
  };
  app.inject = ((opts?: InjectOptions | string, callback?: LightMyRequestCallback) => {
    if (opts === undefined) throw new Error('the chained form of inject() is not wrapped: pass options');
    return callback ? inject(withHeader(opts), callback) : inject(withHeader(opts));
  }) as FastifyInstance['inject'];
}

/**
 * A fresh database from the template — PGlite by default, PostgreSQL when the project sets
 * GONGHUI_TEST_DB=postgres — and an app on it, with a data directory of its own (uploads land
 * there) removed by close(). Call close() in afterAll.
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  // A query that escapes a transaction fails at once in tests instead of hanging on PGlite.
  enableTransactionGuard();
  let database: Database;
  let dropDatabase = async () => {};
  let databaseUrl: string | undefined;
  if (process.env.GONGHUI_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `gonghui_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Two files copying the template at the same instant can collide; PostgreSQL says so at once.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName()}"`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    databaseUrl = adminUrl(url, name);
    database = await openDatabase({ kind: 'postgres', url: databaseUrl, max: 5 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // Connections the pool is still closing would be killed mid-goodbye by FORCE and surface as
      // an uncaught 'terminating connection' error: give them a moment, then force.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS "${name}"${attempt >= 20 ? ' WITH (FORCE)' : ''}`);
          break;
        } catch (err) {
          if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await c.end();
    };
  } else {
    database = await openDatabase({ kind: 'pglite-memory', loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gonghui-test-data-'));
  const start = async (
    overrides: Partial<AppConfig>,
    options: TestAppOptions,
    ownsDatabase: boolean,
  ): Promise<TestApp> => {
    const config = testConfig({ dataDir, ...overrides });
    const sent: TestApp['sms'] = [];
    const sms: SmsSender = options.sms ?? {
      name: 'test',
      send: async (phone, text) => void sent.push({ phone, text }),
    };
    const deps = await createDeps(config, database.db, { sms, features: options.features });
    const { cipher } = deps;
    const app = await buildApp(deps);
    await app.ready();
    sendClientHeaderByDefault(app);
    return {
      app,
      database,
      db: database.db,
      databaseUrl,
      config,
      deps,
      cipher,
      sms: sent,
      withConfig: (more, opts = {}) => start(more, opts, false),
      async close() {
        await app.close();
        if (!ownsDatabase) return;
        await database.close();
        await dropDatabase();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
  return start(overrides, options, true);
}
