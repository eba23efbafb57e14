import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Cipher } from '../lib/crypto';
import { withTransaction, type Ctx } from './context';

/**
 * How a write keeps its `Idempotency-Key`:
 * - `transaction` (the default for database writes): the key and the answer are stored inside the
 *   write's own transaction by `writeIdempotently`, so they commit or vanish together — a crash at
 *   any point cannot leave a write without its answer, and a retry can never repeat the write.
 * - `claim`: for work whose effect leaves the database (an SMS): the key is claimed before the
 *   handler runs and the answer stored after it; a 5xx releases the key.
 */
export type IdempotencyMode = 'transaction' | 'claim';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept an `Idempotency-Key` header: a replay returns the first answer. */
    idempotent?: IdempotencyMode;
  }
  interface FastifyRequest {
    idempotency?: IdempotencyClaim;
  }
}

interface IdempotencyClaim {
  mode: IdempotencyMode;
  scope: string;
  key: string;
  requestHash: Buffer;
  /** Set by writeIdempotently: a `transaction` route that never calls it is a programming error. */
  handled?: boolean;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
/** How long a key is remembered: a client retries within minutes, not days. */
const RETAIN_HOURS = 24;
/** An in-progress claim older than this is taken to be from a crashed request. */
const STALE_MS = 60_000;

/** Whose keys these are: an account, a worker, or an anonymous caller by address, so one caller never replays another's answer. */
function scopeOf(req: FastifyRequest): string {
  const who =
    req.ctx.actor?.kind === 'account'
      ? `a${req.ctx.actor.accountId}`
      : req.ctx.actor?.kind === 'worker'
        ? `w${req.ctx.actor.phoneHash.toString('hex')}`
        : `p${req.ip}`;
  return `${req.method} ${req.routeOptions.url} ${who}`;
}

const findAnswer = (db: Db, scope: string, key: string) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response_body', 'created_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();

type StoredAnswer = NonNullable<Awaited<ReturnType<typeof findAnswer>>>;

/** A stored answer for this key, checked against the request; null while none is complete. */
function replayable(prior: StoredAnswer, requestHash: Buffer): { status: number; body: unknown } | null {
  if (!prior.request_hash.equals(requestHash))
    throw new AppError('idempotency_key_reused', { 'Idempotency-Key': '该键已用于内容不同的请求' });
  return prior.status_code === null ? null : { status: prior.status_code, body: prior.response_body };
}

const insertKey = (db: Db, claim: IdempotencyClaim) =>
  db
    .insertInto('idempotency_keys')
    .values({ key: claim.key, scope: claim.scope, request_hash: claim.requestHash })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();

const deleteKey = (db: Db, claim: IdempotencyClaim) =>
  db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();

const storeAnswer = (db: Db, claim: IdempotencyClaim, status: number, body: unknown) =>
  db
    .updateTable('idempotency_keys')
    .set({ status_code: status, response_body: JSON.stringify(body ?? null) })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .execute();

/**
 * Runs a `transaction`-mode write: in one transaction it takes the key (a concurrent duplicate
 * waits on it, then replays the committed answer), does the work, and stores the answer. Without a
 * key it is just the write in a transaction. The work must return the body exactly as answered.
 */
export async function writeIdempotently<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (tx: Ctx) => Promise<T>,
): Promise<FastifyReply> {
  const claim = req.idempotency;
  if (!claim) return reply.status(status).send(await withTransaction(req.ctx, work));
  claim.handled = true;
  const answer = await withTransaction(req.ctx, async (tx) => {
    if (!(await insertKey(tx.db, claim))) {
      const prior = await findAnswer(tx.db, claim.scope, claim.key);
      const stored = prior && replayable(prior, claim.requestHash);
      if (!stored) throw new AppError('idempotency_in_progress');
      return { ...stored, replayed: true };
    }
    const body = await work(tx);
    await storeAnswer(tx.db, claim, status, body);
    return { status, body: body as unknown, replayed: false };
  });
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}

/** The `claim` mode's first step: take the key before the handler runs, or replay/refuse. */
async function claimBeforeHandler(db: Db, claim: IdempotencyClaim, reply: FastifyReply) {
  if (await insertKey(db, claim)) return;
  const prior = await findAnswer(db, claim.scope, claim.key);
  if (!prior) throw new AppError('idempotency_in_progress');
  const stored = replayable(prior, claim.requestHash);
  if (!stored) {
    // A claim whose request died without answering is released after a minute.
    if (Date.now() - prior.created_at.getTime() >= STALE_MS) await deleteKey(db, claim);
    throw new AppError('idempotency_in_progress');
  }
  reply.header('idempotent-replayed', 'true');
  return reply.status(stored.status).send(stored.body);
}

/** Registers the hooks behind `config: { idempotent: 'transaction' | 'claim' }`. */
export function registerIdempotency(app: FastifyInstance, db: Db, cipher: Cipher): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const mode = req.routeOptions.config.idempotent;
    if (!mode) return;
    const key = req.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', { 'Idempotency-Key': '应为 8–100 位字母、数字、- 或 _' });
    }
    // Keyed (HMAC), not a bare SHA-256: a body may hold a password or an ID number.
    const requestHash = cipher.blindIndex(JSON.stringify(req.body ?? null) + JSON.stringify(req.params ?? null));
    const claim: IdempotencyClaim = { mode, scope: scopeOf(req), key, requestHash };
    if (mode === 'claim') {
      const replay = await claimBeforeHandler(db, claim, reply);
      if (replay) return replay;
    } else {
      // A committed answer replays at once; anything else is settled inside the write's transaction.
      const prior = await findAnswer(db, claim.scope, claim.key);
      const stored = prior && replayable(prior, requestHash);
      if (stored) {
        reply.header('idempotent-replayed', 'true');
        return reply.status(stored.status).send(stored.body);
      }
    }
    req.idempotency = claim;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = undefined;
    if (claim.mode === 'transaction') {
      if (!claim.handled && reply.statusCode < 400)
        req.log.error(
          `${req.routeOptions.url} is idempotent: 'transaction' but did not answer through writeIdempotently`,
        );
      return payload;
    }
    if (reply.statusCode >= 500) {
      await deleteKey(db, claim);
    } else {
      const body = typeof payload === 'string' && payload.length > 0 ? (JSON.parse(payload) as unknown) : null;
      await storeAnswer(db, claim, reply.statusCode, body);
    }
    return payload;
  });
}

/** Forgets keys older than RETAIN_HOURS; returns how many. */
export async function purgeIdempotencyKeys(db: Db): Promise<number> {
  const r = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${RETAIN_HOURS})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
