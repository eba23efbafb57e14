import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
export const MEMBER_IDLE_DAYS = 7;
export const MEMBER_ABSOLUTE_DAYS = 30;
export const LOCK_AFTER_FAILURES = 5;
/** An address is shared (an office, a campus behind one NAT): it gets more room than one account. */
export const ADDRESS_LOCK_AFTER_FAILURES = 20;
export const LOCK_MINUTES = 30;

export const findAccountForLogin = (db: Db, username: string) =>
  db
    .selectFrom('accounts')
    .innerJoin('orgs', 'orgs.id', 'accounts.org_id')
    .select([
      'accounts.id',
      'username',
      'display_name',
      'password_hash',
      'password_changed_at',
      'must_change_password',
      'totp_secret_enc',
      'totp_enabled',
      'totp_last_step',
      'accounts.status',
      'org_id',
      'orgs.path as org_path',
    ])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();

/** Failures per key in the lock window. */
export const countRecentFailures = (db: Db, keys: string[]) =>
  db
    .selectFrom('login_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', keys)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${LOCK_MINUTES})`)
    .groupBy('key')
    .execute();

/** Records one failure per key; returns the new rows' ids. */
export const insertFailures = async (db: Db, keys: string[]) =>
  (
    await db
      .insertInto('login_failures')
      .values(keys.map((key) => ({ key })))
      .returning('id')
      .execute()
  ).map((r) => r.id);

export const deleteFailures = (db: Db, ids: number[]) =>
  db.deleteFrom('login_failures').where('id', 'in', ids).execute();

/** After a successful sign-in: the attempt's own rows and every failure of the account. */
export const clearFailuresAfterSuccess = (db: Db, ids: number[], accountKey: string) =>
  db
    .deleteFrom('login_failures')
    .where((eb) => eb.or([eb('id', 'in', ids), eb('key', '=', accountKey)]))
    .execute();

/** Stores a new, not yet enabled TOTP secret, unless a factor is already in force (then undefined). */
export const replacePendingTotpSecret = (db: Db, accountId: number, secretEnc: string) =>
  db
    .updateTable('accounts')
    .set({ totp_secret_enc: secretEnc, totp_last_step: null, updated_at: sql`now()` })
    .where('id', '=', accountId)
    .where('totp_enabled', '=', false)
    .returning('id')
    .executeTakeFirst();

export const clearFailures = (db: Db, key: string) => db.deleteFrom('login_failures').where('key', '=', key).execute();

export interface GrantRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  role_code: string;
  role_name: string;
  permissions: string[];
}

/**
 * The session with its account, the account's org path and its grants, in ONE statement:
 * it runs on every authenticated request. Expiry is judged by the caller against `now`.
 */
export const findSession = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom('sessions')
    .leftJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('orgs', 'orgs.id', 'accounts.org_id')
    .select([
      'orgs.path as org_path',
      'sessions.token_hash',
      'sessions.account_id',
      'sessions.phone_hash',
      'sessions.phone_enc',
      'sessions.restriction',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'accounts.username',
      'accounts.display_name',
      'accounts.org_id',
      'accounts.status as account_status',
      sql<GrantRow[]>`COALESCE((
        SELECT json_agg(json_build_object('id', g.id, 'org_id', g.org_id, 'org_name', go.name, 'org_path', go.path::text,
                                          'role_code', r.code, 'role_name', r.name, 'permissions', r.permissions)
                        ORDER BY go.path, g.id)
        FROM grants g JOIN orgs go ON go.id = g.org_id JOIN roles r ON r.id = g.role_id
        WHERE g.account_id = sessions.account_id), '[]'::json)`.as('grants'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const touchSession = (db: Db, tokenHash: Buffer) =>
  db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .execute();

export const deleteSession = (db: Db, tokenHash: Buffer) =>
  db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();

/** Ends every session of an account (logout everywhere, disabling, password change). */
export const deleteSessionsOfAccount = (db: Db, accountId: number, except?: Buffer) => {
  let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (except) q = q.where('token_hash', '!=', except);
  return q.execute();
};

/** Sessions past their absolute or idle limit (resolveSession would delete them on sight anyway). */
export const deleteDeadSessions = (db: Db) =>
  db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb.and([
          eb('account_id', 'is not', null),
          eb('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${IDLE_MINUTES})`),
        ]),
        eb.and([
          eb('account_id', 'is', null),
          eb('last_seen_at', '<', sql<Date>`now() - make_interval(days => ${MEMBER_IDLE_DAYS})`),
        ]),
      ]),
    )
    .executeTakeFirst();

/** Failures older than the lock window no longer count. */
export const deleteOldFailures = (db: Db) =>
  db
    .deleteFrom('login_failures')
    .where('at', '<', sql<Date>`now() - make_interval(mins => ${LOCK_MINUTES})`)
    .executeTakeFirst();

/** Codes a day past their creation: expired, and out of the daily send count. */
export const deleteOldOtpCodes = (db: Db) =>
  db
    .deleteFrom('otp_codes')
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();
