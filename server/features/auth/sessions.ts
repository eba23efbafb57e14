import { isPermission, type Permission } from '../../../common/permissions';
import type { Db } from '../../db/database';
import type { Actor, ActorGrant } from '../../http/actor';
import type { AppDeps, Ctx } from '../../http/context';
import type { Cipher } from '../../lib/crypto';
import { maskPhone, randomToken, sha256 } from '../../lib/crypto';
import type { CachedSession } from './actor-cache';
import * as q from './sql';

export const SESSION_COOKIE = 'gh_session';

export type SessionState = { actor: Actor } | { actor: null; expired: boolean };

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export async function startSession(
  db: Db,
  subject: { accountId: number; restriction: q.SessionRestriction } | { phoneHash: Buffer; phoneEnc: string },
  ip: string | null,
): Promise<string> {
  const token = randomToken();
  const isAccount = 'accountId' in subject;
  await q.insertSession(db, {
    token_hash: sha256(token),
    account_id: isAccount ? subject.accountId : null,
    phone_hash: isAccount ? null : subject.phoneHash,
    phone_enc: isAccount ? null : subject.phoneEnc,
    restriction: isAccount ? subject.restriction : null,
    ip,
  });
  return token;
}

function toGrant(row: q.GrantRow): ActorGrant {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    orgPath: row.org_path,
    roleCode: row.role_code,
    roleName: row.role_name,
    permissions: new Set(row.permissions.filter(isPermission) as Permission[]),
  };
}

/** Writing last_seen_at at most once a minute keeps reads cheap; idle limits are in minutes. */
const TOUCH_MS = 60_000;

function isSessionDead(s: { expiresAt: number; lastSeenAt: number; idleMs: number }, now: number): boolean {
  return s.expiresAt <= now || now - s.lastSeenAt > s.idleMs;
}

/** Reads the session from the database: its actor and what the cache needs to judge it later. */
async function loadSession(db: Db, cipher: Cipher, hash: Buffer, now: number): Promise<CachedSession | null> {
  const s = await q.findSession(db, hash);
  if (!s) return null;
  const session = {
    accountId: s.account_id,
    expiresAt: s.expires_at.getTime(),
    lastSeenAt: s.last_seen_at.getTime(),
    idleMs: s.account_id !== null ? q.IDLE_MINUTES * 60_000 : q.MEMBER_IDLE_DAYS * 86_400_000,
  };
  if (isSessionDead(session, now) || (s.account_id !== null && s.account_status !== 'active')) {
    await q.deleteSession(db, hash);
    return null;
  }
  if (now - session.lastSeenAt > TOUCH_MS) {
    await q.touchSession(db, hash);
    session.lastSeenAt = now;
  }
  if (s.account_id !== null) {
    return {
      ...session,
      actor: {
        kind: 'account',
        accountId: s.account_id,
        username: s.username!,
        displayName: s.display_name!,
        orgId: s.org_id!,
        orgPath: s.org_path!,
        restriction: s.restriction,
        grants: s.grants.map(toGrant),
        sessionHash: hash,
      },
    };
  }
  return {
    ...session,
    actor: {
      kind: 'worker',
      phoneHash: s.phone_hash!,
      phoneMasked: maskPhone(cipher.decrypt(s.phone_enc!)),
      sessionHash: hash,
    },
  };
}

/**
 * Resolves a session token to the acting account or worker, enforcing the idle and
 * absolute limits; an expired or orphaned session is deleted on sight.
 */
export async function resolveSession(db: Db, cipher: Cipher, token: string, now = new Date()): Promise<SessionState> {
  const session = await loadSession(db, cipher, sha256(token), now.getTime());
  return session ? { actor: session.actor } : { actor: null, expired: true };
}

/**
 * resolveSession through this node's actor cache (actor-cache.ts): a fresh entry answers without a
 * read; the limits are still judged on every request, and last_seen_at is still written once a minute.
 */
export async function resolveSessionCached(
  deps: Pick<AppDeps, 'db' | 'cipher' | 'state'>,
  token: string,
  now = Date.now(),
): Promise<SessionState> {
  const cache = deps.state.actorCache;
  const hash = sha256(token);
  const key = hash.toString('hex');
  const hit = cache.get(key, now);
  if (hit && !isSessionDead(hit, now)) {
    if (now - hit.lastSeenAt > TOUCH_MS) {
      await q.touchSession(deps.db, hash);
      hit.lastSeenAt = now;
    }
    return { actor: hit.actor };
  }
  // A dead entry goes to the database, which decides and deletes.
  if (hit) cache.drop(key);
  const generation = cache.generation();
  const session = await loadSession(deps.db, deps.cipher, hash, now);
  if (!session) return { actor: null, expired: true };
  cache.set(key, session, generation, now);
  return { actor: session.actor };
}

/** Ends every session of an account (disabling it, resetting its password). */
export async function endSessionsOfAccount(db: Db, accountId: number): Promise<void> {
  await q.deleteSessionsOfAccount(db, accountId);
}

/** Deletes sessions, sign-in failures and one-time codes that can no longer matter; returns how many of each. */
export async function purgeExpiredAuthRecords(
  db: Db,
): Promise<{ sessions: number; failures: number; otpCodes: number; otpAddressFailures: number }> {
  const [sessions, failures, otpCodes, otpAddressFailures] = [
    await q.deleteDeadSessions(db),
    await q.deleteOldFailures(db),
    await q.deleteOldOtpCodes(db),
    await q.deleteOldOtpAddressFailures(db),
  ];
  return {
    sessions: Number(sessions.numDeletedRows),
    failures: Number(failures.numDeletedRows),
    otpCodes: Number(otpCodes.numDeletedRows),
    otpAddressFailures: Number(otpAddressFailures.numDeletedRows),
  };
}

/**
 * The phone a signed-in worker proved with a one-time code when they signed in: a feature that
 * would otherwise ask for the phone and a fresh code (filing a case) takes it from here. Null when
 * the caller is not a signed-in worker.
 */
export async function signedInWorkerPhone(ctx: Pick<Ctx, 'db' | 'cipher' | 'actor'>): Promise<string | null> {
  if (ctx.actor?.kind !== 'worker') return null;
  const row = await q.findSessionPhone(ctx.db, ctx.actor.sessionHash);
  return row?.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null;
}
