import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquirePidLock } from './lock';
import type { DB } from './schema';

// DATE stays a 'YYYY-MM-DD' string: a JS Date would shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// COUNT(*) and other int8 results are exact below 2^53 for every figure this product counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory (tests build their template with it). */
  dumpDataDir?(): Promise<Blob>;
}

const statementNames = new Map<string, string>();

/**
 * Runs every parameterised query as a named prepared statement, so PostgreSQL parses and
 * plans each distinct SQL text once per connection instead of on every request (the session
 * lookup that runs on each request drops from ~0.64 to ~0.23 ms). Queries without parameters
 * (migrations, BEGIN/COMMIT) stay unnamed: a prepared statement holds one command only.
 */
function preparePerConnection(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    values?: unknown,
    callback?: unknown,
  ) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values, callback);
    let name = statementNames.get(text);
    if (!name) {
      if (statementNames.size > 5000) statementNames.clear();
      name = `gh_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      statementNames.set(text, name);
    }
    return query({ name, text, values }, callback);
  };
}

/** Set while a transaction's work runs (server/http/context.ts withTransaction), when the guard is on. */
const transactionScope = new AsyncLocalStorage<true>();
let guardTransactions = false;

/**
 * Turns on the check that a query through the pool from inside a transaction fails at once. The
 * tests turn it on (createTestApp): it is how the mistake is caught. Production leaves it off, since
 * on Node 20 an AsyncLocalStorage in use slows every promise (≈ 0.5 ms more per scoped read, 40% less
 * throughput on the trivial route: docs/benchmarks.md).
 */
export function enableTransactionGuard(): void {
  guardTransactions = true;
}

/** Runs `work` marked as inside a transaction: with the guard on, a query through the pool from there fails fast. */
export function runInTransactionScope<T>(work: () => Promise<T>): Promise<T> {
  return guardTransactions ? transactionScope.run(true, work) : work();
}

export class PoolUsedInTransactionError extends Error {
  constructor() {
    super(
      'A query went through the pool from inside a transaction: use the transaction context (tx.db), not the outer db. ' +
        'On PGlite the pool has one connection, which the transaction holds, so this would wait for ever.',
    );
    this.name = 'PoolUsedInTransactionError';
  }
}

/**
 * The pool Kysely is given: it refuses a new connection from inside a transaction's work. Kysely
 * runs a transaction's own statements on the connection it took before the work began, so only
 * a query that escaped the transaction reaches connect() there.
 */
function guardedPool(pool: pg.Pool) {
  return {
    connect: () => (transactionScope.getStore() ? Promise.reject(new PoolUsedInTransactionError()) : pool.connect()),
    end: () => pool.end(),
  };
}

/** What a subscriber to a NOTIFY channel hears: each payload, and whether the listening connection is up. */
export interface ChannelHandlers {
  onMessage(payload: string): void;
  /** false: notifications may have been missed (the connection dropped); true: listening (again). */
  onState(isListening: boolean): void;
}

type Listen = (channel: string, handlers: ChannelHandlers) => () => void;
const channelListeners = new WeakMap<Db, Listen>();

/**
 * Subscribes to NOTIFY on `channel` (a plain identifier) of the database `db` was opened on; returns
 * the unsubscribe, or undefined when `db` cannot listen (a transaction's, or one not opened here).
 */
export function listenToChannel(db: Db, channel: string, handlers: ChannelHandlers): (() => void) | undefined {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channelListeners.get(db)?.(channel, handlers);
}

/** The handlers of each channel, told of every payload and state change. */
function createSubscriptions() {
  const byChannel = new Map<string, Set<ChannelHandlers>>();
  return {
    byChannel,
    add(channel: string, handlers: ChannelHandlers): boolean {
      const isNew = !byChannel.has(channel);
      if (isNew) byChannel.set(channel, new Set());
      byChannel.get(channel)!.add(handlers);
      return isNew;
    },
    remove(channel: string, handlers: ChannelHandlers): void {
      byChannel.get(channel)?.delete(handlers);
    },
    deliver(channel: string, payload: string): void {
      for (const h of byChannel.get(channel) ?? []) h.onMessage(payload);
    },
    tell(isListening: boolean): void {
      for (const set of byChannel.values()) for (const h of set) h.onState(isListening);
    },
  };
}

/**
 * PostgreSQL: one dedicated connection per pool, opened at the first subscription, LISTENing on every
 * subscribed channel; when it drops, subscribers hear `onState(false)` and it reconnects with backoff
 * (0.1 s doubling to 5 s), saying `onState(true)` once it listens again.
 */
function createPostgresListener(url: string) {
  const subs = createSubscriptions();
  let client: pg.Client | null = null;
  let isListening = false;
  let isClosed = false;
  let retryMs = 100;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (isClosed || client) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    client = c;
    const fail = () => {
      if (client !== c) return;
      client = null;
      if (isListening) subs.tell((isListening = false));
      c.end().catch(() => {});
      if (!isClosed) timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
    c.on('error', fail);
    c.on('end', fail);
    c.on('notification', (m) => subs.deliver(m.channel, m.payload ?? ''));
    try {
      await c.connect();
      for (const channel of subs.byChannel.keys()) await c.query(`LISTEN ${channel}`);
      if (client !== c) return;
      retryMs = 100;
      subs.tell((isListening = true));
    } catch {
      fail();
    }
  };
  const listen: Listen = (channel, handlers) => {
    const isNew = subs.add(channel, handlers);
    if (!client) void connect();
    else if (isListening && isNew)
      client.query(`LISTEN ${channel}`).then(
        () => handlers.onState(true),
        () => {},
      );
    else if (isListening) handlers.onState(true);
    return () => subs.remove(channel, handlers);
  };
  const close = async () => {
    isClosed = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
  return { listen, close };
}

/**
 * PGlite: its one backend LISTENs (through the pool, like every statement) and reports each
 * notification it parses from the protocol stream to onNotification, in this process: a NOTIFY
 * committed through the pool reaches the subscribers before the COMMIT's caller continues.
 */
function createPgliteListener(lite: PGlite, pool: pg.Pool): Listen {
  const subs = createSubscriptions();
  lite.onNotification((channel, payload) => subs.deliver(channel, payload));
  return (channel, handlers) => {
    subs.add(channel, handlers);
    pool.query(`LISTEN ${channel}`).then(
      () => handlers.onState(true),
      () => {},
    );
    return () => subs.remove(channel, handlers);
  };
}

export const PGLITE_EXTENSIONS = { ltree, cube, earthdistance, pg_trgm, btree_gist, pgcrypto };

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob };

/**
 * Opens the one pool the app uses. PGlite has a single connection, so the pool has one
 * client, and all access goes through the pool (never the PGlite object directly).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 20 });
    pool.on('connect', (client) => {
      preparePerConnection(client);
      // A connection the server ends (a restart, a failover, pg_terminate_backend) fails the query
      // in flight, which answers its request; unheard, the 'error' event would kill the process.
      client.on('error', () => {});
    });
    // An idle connection that dies is dropped by the pool and replaced on demand.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guardedPool(pool) }) });
    const listener = createPostgresListener(options.url);
    channelListeners.set(db, listener.listen);
    return {
      db,
      pool,
      kind: 'postgres',
      close: async () => {
        await listener.close();
        await db.destroy();
      },
    };
  }

  let release = () => {};
  let lite: PGlite;
  if (options.kind === 'pglite') {
    mkdirSync(dirname(options.dataDir), { recursive: true });
    release = acquirePidLock(join(dirname(options.dataDir), 'pglite.pid'));
    try {
      lite = await PGlite.create(options.dataDir, { extensions: PGLITE_EXTENSIONS });
    } catch (err) {
      release();
      throw err;
    }
  } else {
    lite = await PGlite.create({ extensions: PGLITE_EXTENSIONS, loadDataDir: options.loadDataDir });
  }
  const pool = new pg.Pool(createPgConfig(lite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guardedPool(pool) }) });
  channelListeners.set(db, createPgliteListener(lite, pool));
  let closed = false;
  return {
    db,
    pool,
    kind: 'pglite',
    dumpDataDir: () => lite.dumpDataDir('none'),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await lite.close();
      release();
    },
  };
}

/**
 * Opens the database the configuration names: the PostgreSQL server of DATABASE_URL, else the
 * embedded one in DATA_DIR/pg. The one way main and the CLIs open it.
 */
export function openConfiguredDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
  );
}
