import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { pathInScope, type Scope } from '../../http/scope';

export interface AccountListQuery {
  orgId?: number;
  q?: string;
  status?: 'active' | 'disabled';
  after?: [string, number];
  limit: number;
}

const COLUMNS = [
  'accounts.id',
  'accounts.username',
  'accounts.display_name',
  'accounts.org_id',
  'orgs.name as org_name',
  'orgs.path as org_path',
  'accounts.status',
  'accounts.totp_enabled',
  'accounts.last_login_at',
  'accounts.must_change_password',
  'accounts.created_at',
] as const;

/** Accounts owned by orgs in scope (optionally in one org's subtree), by username. */
export const findAccounts = (db: Db, scope: Scope, q: AccountListQuery) => {
  let qb = db
    .selectFrom('accounts')
    .innerJoin('orgs', 'orgs.id', 'accounts.org_id')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('grants')
        .whereRef('grants.account_id', '=', 'accounts.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('grant_count'),
    )
    .where(pathInScope(scope, 'orgs.path'));
  if (q.orgId !== undefined) {
    qb = qb.where(sql<boolean>`orgs.path <@ (SELECT path FROM orgs o WHERE o.id = ${q.orgId})`);
  }
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    qb = qb.where((eb) =>
      eb.or([eb(sql`lower(accounts.username)`, 'like', like), eb('accounts.display_name', 'ilike', like)]),
    );
  }
  if (q.status) qb = qb.where('accounts.status', '=', q.status);
  if (q.after) {
    const [username, id] = q.after;
    qb = qb.where((eb) =>
      eb.or([
        eb('accounts.username', '>', username),
        eb.and([eb('accounts.username', '=', username), eb('accounts.id', '>', id)]),
      ]),
    );
  }
  return qb
    .orderBy('accounts.username')
    .orderBy('accounts.id')
    .limit(q.limit + 1)
    .execute();
};

export const findAccountInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('accounts')
    .innerJoin('orgs', 'orgs.id', 'accounts.org_id')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('grants')
        .whereRef('grants.account_id', '=', 'accounts.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('grant_count'),
    )
    .where('accounts.id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();

/** Grants of an account on orgs within scope (grants elsewhere stay invisible). */
export const findGrantsInScope = (db: Db, scope: Scope, accountId: number) =>
  db
    .selectFrom('grants')
    .innerJoin('orgs', 'orgs.id', 'grants.org_id')
    .innerJoin('roles', 'roles.id', 'grants.role_id')
    .select([
      'grants.id',
      'grants.org_id',
      'orgs.name as org_name',
      'orgs.path as org_path',
      'grants.role_id',
      'roles.code as role_code',
      'roles.name as role_name',
    ])
    .where('grants.account_id', '=', accountId)
    .where(pathInScope(scope, 'orgs.path'))
    .orderBy('orgs.path')
    .execute();

/** Every grant the account holds, wherever it lies, with the role's permissions: what a manager must cover. */
export const findAllGrantsOf = (db: Db, accountId: number) =>
  db
    .selectFrom('grants')
    .innerJoin('orgs', 'orgs.id', 'grants.org_id')
    .innerJoin('roles', 'roles.id', 'grants.role_id')
    .select(['grants.id', 'grants.org_id', 'orgs.path as org_path', 'roles.code as role_code', 'roles.permissions'])
    .where('grants.account_id', '=', accountId)
    .execute();

/** Locks the account row until the transaction ends, so its grants cannot change between a check and a write. */
export const lockAccount = (db: Db, id: number) =>
  db.selectFrom('accounts').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const findOrgPathInScope = (db: Db, scope: Scope, orgId: number) =>
  db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'status'])
    .where('id', '=', orgId)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();

export const usernameExists = async (db: Db, username: string) =>
  (await db
    .selectFrom('accounts')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst()) !== undefined;

const ROLE_COLUMNS = ['id', 'code', 'name', 'name_en', 'permissions', 'is_system'] as const;

export const findRoles = (db: Db) => db.selectFrom('roles').select(ROLE_COLUMNS).orderBy('id').execute();

export const findRole = (db: Db, id: number) =>
  db.selectFrom('roles').select(ROLE_COLUMNS).where('id', '=', id).executeTakeFirst();

/** The unique index on lower(username) (migration 2026-11-22T1400-foundation.sql). */
export const USERNAME_INDEX = 'accounts_username_key';

/** Inserts one account row; the one account insert (service, demo seed, bootstrap). */
export const insertAccount = (
  db: Db,
  values: {
    org_id: number;
    username: string;
    display_name: string;
    password_hash: string;
    must_change_password?: boolean;
    status?: 'active' | 'disabled';
    password_changed_at?: Date;
  },
) => db.insertInto('accounts').values(values).returning('id').executeTakeFirstOrThrow();

/** Inserts one grant unless the account already holds that role there; undefined then. */
export const insertGrant = (
  db: Db,
  values: { account_id: number; org_id: number; role_id: number; created_by?: number | null },
) =>
  db
    .insertInto('grants')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();

export const findRoleIdByCode = async (db: Db, code: string) =>
  (await db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/** Edits the display name and/or status. */
export const updateAccountFields = (
  db: Db,
  id: number,
  fields: { display_name?: string; status?: 'active' | 'disabled' },
) =>
  db
    .updateTable('accounts')
    .set({ ...fields, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

/** An administrator's temporary password: the owner must change it at next sign-in. */
export const setTemporaryPassword = (db: Db, id: number, passwordHash: string) =>
  db
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();

/** Drops the TOTP factor; the owner enrols again. */
export const clearTotp = (db: Db, id: number) =>
  db
    .updateTable('accounts')
    .set({ totp_secret_enc: null, totp_enabled: false, totp_last_step: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

export const deleteGrant = (db: Db, id: number) => db.deleteFrom('grants').where('id', '=', id).execute();

/** Inserts a role unless its code is taken (undefined then). */
export const insertRole = (db: Db, values: { code: string; name: string; name_en: string; permissions: string[] }) =>
  db
    .insertInto('roles')
    .values(values)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning(ROLE_COLUMNS)
    .executeTakeFirst();

export const updateRoleFields = (
  db: Db,
  id: number,
  fields: { name?: string; name_en?: string; permissions?: string[] },
) =>
  db
    .updateTable('roles')
    .set({ ...fields, updated_at: sql`now()` })
    .where('id', '=', id)
    .returning(ROLE_COLUMNS)
    .executeTakeFirstOrThrow();
