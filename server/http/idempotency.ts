import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Cipher } from '../lib/crypto';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept an `Idempotency-Key` header: a replay returns the first answer. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
/** How long a key is remembered: a client retries within minutes, not days. */
const RETAIN_HOURS = 24;
/** An in-progress record older than this is taken to be from a crashed request. */
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

/**
 * Idempotency for writes that opt in with `config: { idempotent: true }`. The key is
 * claimed before the handler runs (a concurrent duplicate gets 409), the answer stored
 * after; a 5xx releases the key so the client can retry.
 */
export function registerIdempotency(app: FastifyInstance, db: Db, cipher: Cipher): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.routeOptions.config.idempotent) return;
    const key = req.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', { 'Idempotency-Key': '应为 8–100 位字母、数字、- 或 _' });
    }
    const scope = scopeOf(req);
    // Keyed (HMAC), not a bare SHA-256: a body may hold a password or an ID number.
    const requestHash = cipher.blindIndex(JSON.stringify(req.body ?? null) + JSON.stringify(req.params ?? null));
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ key, scope, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      req.idempotency = { scope, key };
      return;
    }
    const prior = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response_body', 'created_at'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!prior) throw new AppError('idempotency_in_progress');
    if (!prior.request_hash.equals(requestHash))
      throw new AppError('idempotency_key_reused', { 'Idempotency-Key': '该键已用于内容不同的请求' });
    if (prior.status_code === null) {
      if (Date.now() - prior.created_at.getTime() < STALE_MS) throw new AppError('idempotency_in_progress');
      await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
      throw new AppError('idempotency_in_progress');
    }
    reply.header('idempotent-replayed', 'true');
    return reply.status(prior.status_code).send(prior.response_body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = undefined;
    const where = db.updateTable('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    } else {
      const body = typeof payload === 'string' && payload.length > 0 ? (JSON.parse(payload) as unknown) : null;
      await where.set({ status_code: reply.statusCode, response_body: JSON.stringify(body) }).execute();
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
