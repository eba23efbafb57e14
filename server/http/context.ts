import type { AppConfig } from '../env';
import { runInTransactionScope, type Db } from '../db/database';
import type { Cipher } from '../lib/crypto';
import type { SmsSender } from '../lib/sms';
import { AppError } from '../../common/errors';
import { SYSTEM_ACTOR, type AccountActor, type Actor } from './actor';

/**
 * Process state a feature keeps on each app node (an in-memory index, a cache kept in step by
 * LISTEN/NOTIFY). A feature adds its key by declaration merging in its own folder:
 * `declare module '../../http/context' { interface FeatureState { stations: StationIndex } }`,
 * and creates it in its registration (server/features.ts), so this layer never imports a feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureState {}

/** What buildApp is given: the process-wide dependencies (made by createDeps in server/deps.ts). */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  cipher: Cipher;
  sms: SmsSender;
  state: FeatureState;
}

/**
 * What a service receives: the dependencies plus who is acting and from where. Inside
 * withTransaction, `db` is the transaction, so nothing in it can reach the pool by mistake.
 */
export interface Ctx extends AppDeps {
  /** Who acts: a console account, a worker signed in by phone, the system, or null (anonymous). */
  actor: Actor | null;
  /** The client's address; null for work the system does on its own (jobs, imports, seeds). */
  ip: string | null;
  /** Inside withTransaction: writes that run last, just before COMMIT (see TransactionEnd). */
  atCommit?: TransactionEnd;
}

/**
 * Writes a transaction runs last, after its work returned and just before COMMIT, in the order
 * they were added: a write that locks a row every writer shares (the audit chain's head) is taken
 * there, so the lock is held for the commit alone, not for the rest of the work as well. Once they
 * ran, `closed` is set: a write added later has no commit left to run at (it must go through at once).
 */
export interface TransactionEnd {
  steps: Array<() => Promise<void>>;
  closed: boolean;
}

/** The context of work nobody asked for over HTTP (jobs, imports, seeds): audited as 系统. */
export function systemContext(deps: AppDeps): Ctx {
  return { ...deps, actor: SYSTEM_ACTOR, ip: null };
}

/** The acting console account, or `unauthenticated`. */
export function requireAccount(ctx: Ctx): AccountActor {
  if (ctx.actor?.kind !== 'account') throw new AppError('unauthenticated');
  return ctx.actor;
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure
const ATTEMPTS = 3;

function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has((err as { code?: string }).code ?? '');
}

/**
 * Runs `work` in one transaction and hands it a context whose `db` is that transaction (already
 * in one, it joins it), then the context's `atCommit` steps (TransactionEnd). A deadlock or serialization failure rolls everything back and runs the
 * work again, up to three times; then the caller gets a 409 to retry, never a 500. The work must
 * therefore touch nothing outside the database (send SMS after it returns).
 */
export async function withTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) =>
        runInTransactionScope(async () => {
          const atCommit: TransactionEnd = { steps: [], closed: false };
          const result = await work({ ...ctx, db: trx, atCommit });
          // A step may add another (its own last write): run until none is left.
          for (let i = 0; i < atCommit.steps.length; i++) await atCommit.steps[i]!();
          atCommit.closed = true;
          return result;
        }),
      );
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= ATTEMPTS) throw new AppError('conflict', undefined, '其他操作正在修改相同的记录，请重试');
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}
