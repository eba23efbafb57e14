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

/**
 * Claims a TOTP time step for the account unless it or a later one was used already (undefined
 * then): the conditional UPDATE makes two concurrent uses of one code fail for one of them.
 */
export const claimTotpStep = (db: Db, accountId: number, step: number) =>
  db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();

export const markSignedIn = (db: Db, accountId: number) =>
  db
    .updateTable('accounts')
    .set({ last_login_at: sql`now()` })
    .where('id', '=', accountId)
    .execute();

/** The owner's own new password: it no longer has to change it. */
export const setOwnPassword = (db: Db, accountId: number, passwordHash: string) =>
  db
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      password_changed_at: sql`now()`,
      must_change_password: false,
      updated_at: sql`now()`,
    })
    .where('id', '=', accountId)
    .execute();

export const enableTotp = (db: Db, accountId: number) =>
  db
    .updateTable('accounts')
    .set({ totp_enabled: true, updated_at: sql`now()` })
    .where('id', '=', accountId)
    .execute();

/** What /me shows of the account beyond the session: the factor and the owning org. */
export const findOwnAccountView = (db: Db, accountId: number) =>
  db
    .selectFrom('accounts')
    .innerJoin('orgs', 'orgs.id', 'accounts.org_id')
    .select(['accounts.totp_enabled', 'orgs.id as org_id', 'orgs.name as org_name'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirstOrThrow();

export const findRoleNamesEn = (db: Db, codes: string[]) =>
  db.selectFrom('roles').select(['code', 'name_en']).where('code', 'in', codes).execute();

export type SessionRestriction = 'password_change' | 'totp_enrollment' | null;

/** Inserts a session ending at its kind's absolute limit: a cadre's hours, a worker's days. */
export const insertSession = (
  db: Db,
  values: {
    token_hash: Buffer;
    account_id: number | null;
    phone_hash: Buffer | null;
    phone_enc: string | null;
    restriction: SessionRestriction;
    ip: string | null;
  },
) =>
  db
    .insertInto('sessions')
    .values({
      ...values,
      expires_at:
        values.account_id !== null
          ? sql<Date>`now() + make_interval(hours => ${ABSOLUTE_HOURS})`
          : sql<Date>`now() + make_interval(days => ${MEMBER_ABSOLUTE_DAYS})`,
    })
    .execute();

export const setSessionRestriction = (db: Db, tokenHash: Buffer, restriction: SessionRestriction) =>
  db.updateTable('sessions').set({ restriction }).where('token_hash', '=', tokenHash).execute();

/** Holds a per-phone lock until the transaction ends: parallel sends for one phone queue on it. */
export const lockPhoneForOtp = (db: Db, phoneHash: Buffer) =>
  sql`SELECT pg_advisory_xact_lock(hashtextextended(${phoneHash.toString('hex')}, 0))`.execute(db);

/** How many codes the phone was sent in the last day, and when the latest. */
export const findRecentOtpSends = async (db: Db, phoneHash: Buffer) => {
  const row = await db
    .selectFrom('otp_codes')
    .select([(eb) => eb.fn.countAll<number>().as('today'), (eb) => eb.fn.max('created_at').as('last_at')])
    .where('phone_hash', '=', phoneHash)
    .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  return { today: row.today, lastAt: row.last_at as Date | null };
};

export const insertOtpCode = (
  db: Db,
  values: { phone_hash: Buffer; purpose: string; code_hash: Buffer },
  ttlSeconds: number,
) =>
  db
    .insertInto('otp_codes')
    .values({ ...values, expires_at: sql<Date>`now() + make_interval(secs => ${ttlSeconds})` })
    .returning('id')
    .executeTakeFirstOrThrow();

export const deleteOtpCode = (db: Db, id: number) => db.deleteFrom('otp_codes').where('id', '=', id).execute();

/**
 * Counts an attempt on the phone's latest live code for the purpose, unless it has had
 * `maxAttempts` already; returns the code's hash to compare (undefined when there is none left).
 * The conditional UPDATE lets at most `maxAttempts` guesses through, however many arrive at once.
 */
export const claimOtpAttempt = (db: Db, phoneHash: Buffer, purpose: string, maxAttempts: number) =>
  db
    .updateTable('otp_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('otp_codes')
        .select('id')
        .where('phone_hash', '=', phoneHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .where('attempts', '<', maxAttempts)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();

/** Whether the phone has a live code for the purpose that wrong guesses used up. */
export const hasSpentOtpCode = async (db: Db, phoneHash: Buffer, purpose: string, maxAttempts: number) =>
  (await db
    .selectFrom('otp_codes')
    .select('id')
    .where('phone_hash', '=', phoneHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('attempts', '>=', maxAttempts)
    .limit(1)
    .executeTakeFirst()) !== undefined;

/** Marks the code used unless it already was (undefined then). */
export const markOtpUsed = (db: Db, id: number) =>
  db
    .updateTable('otp_codes')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();

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

/** Failed verifications a day old: far past the address window, of no further use. */
export const deleteOldOtpAddressFailures = (db: Db) =>
  db
    .deleteFrom('otp_address_failures')
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();

/** Records a failed one-time-code verification from a network address. */
export const insertOtpAddressFailure = (db: Db, address: string) =>
  db
    .insertInto('otp_address_failures')
    .values({ address: address.slice(0, 64) })
    .execute();

/** Failed verifications from the address within the last `minutes`. */
export async function countOtpAddressFailures(db: Db, address: string, minutes: number): Promise<number> {
  const row = await db
    .selectFrom('otp_address_failures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('address', '=', address.slice(0, 64))
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A worker session's sealed phone (null for a cadre's session or a session gone). */
export const findSessionPhone = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom('sessions')
    .select('phone_enc')
    .where('token_hash', '=', tokenHash)
    .where('account_id', 'is', null)
    .executeTakeFirst();
