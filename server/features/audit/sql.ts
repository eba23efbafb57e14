import { sql, type Expression } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { AuditLogTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  accountId?: number;
  from?: string;
  to?: string;
  after?: [number];
  limit: number;
}

// entity_id is text (ids of any kind); only a plain integer can name an org or an account.
const entityIdAsInt: Expression<number | null> = sql<
  number | null
>`CASE WHEN audit_log.entity_id ~ '^[0-9]{1,9}$' THEN audit_log.entity_id::int END`;

/** Whose names an entry may show: orgs the actor may read, accounts the actor may manage. */
export interface NameScopes {
  orgs: Scope;
  accounts: Scope;
}

/**
 * Audit entries placed in the scope's subtrees, newest first. Dates are Asia/Shanghai days.
 * `entity_name` is the current name of the org or account an entry is about, only while the
 * actor could read that record itself (an org moved away since stays a bare id; so does
 * everything for a role that holds audit.read alone).
 */
export const findAuditEntries = (db: Db, scope: Scope, names: NameScopes, q: AuditQuery) => {
  let qb = db
    .selectFrom('audit_log')
    .leftJoin('orgs as entity_org', (join) =>
      join
        .on('audit_log.entity_type', '=', 'org')
        .on('entity_org.id', '=', entityIdAsInt)
        .on(pathInScope(names.orgs, 'entity_org.path')),
    )
    .leftJoin('accounts as entity_account', (join) =>
      join.on('audit_log.entity_type', '=', 'account').on('entity_account.id', '=', entityIdAsInt),
    )
    .leftJoin('orgs as account_org', (join) =>
      join.onRef('account_org.id', '=', 'entity_account.org_id').on(pathInScope(names.accounts, 'account_org.path')),
    )
    // The actor's own org, when it lies in the viewer's scope: only then are their name and address shown.
    .leftJoin('accounts as actor', 'actor.id', 'audit_log.account_id')
    .leftJoin('orgs as actor_org', (join) =>
      join.onRef('actor_org.id', '=', 'actor.org_id').on(pathInScope(scope, 'actor_org.path')),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_label',
      'audit_log.account_id',
      'audit_log.ip',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.reason',
      'audit_log.details',
    ])
    .select(sql<boolean>`(audit_log.account_id IS NULL OR actor_org.id IS NOT NULL)`.as('actor_in_scope'))
    .select(
      sql<string | null>`coalesce(entity_org.name,
      CASE WHEN account_org.id IS NOT NULL THEN entity_account.display_name || '(' || entity_account.username || ')' END)`.as(
        'entity_name',
      ),
    )
    // Entries tied to no org (a failed sign-in with an unknown username) belong to the root.
    .where((eb) =>
      scope.paths.some((p) => !p.includes('.'))
        ? eb.or([pathInScope(scope, 'audit_log.org_path'), eb('audit_log.org_path', 'is', null)])
        : pathInScope(scope, 'audit_log.org_path'),
    );
  if (q.action) qb = qb.where('audit_log.action', 'like', `${q.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (q.entityType) qb = qb.where('audit_log.entity_type', '=', q.entityType);
  if (q.entityId) qb = qb.where('audit_log.entity_id', '=', q.entityId);
  if (q.accountId) qb = qb.where('audit_log.account_id', '=', q.accountId);
  if (q.from) qb = qb.where('audit_log.at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to) qb = qb.where('audit_log.at', '<', sql<Date>`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.after) qb = qb.where('audit_log.id', '<', q.after[0]);
  return qb
    .orderBy('audit_log.id', 'desc')
    .limit(q.limit + 1)
    .execute();
};

/** The names of those of `ids` that are orgs lying in the scope (the others stay unnamed). */
export const findOrgNamesInScope = (db: Db, scope: Scope, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('orgs')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .where(pathInScope(scope, 'orgs.path'))
        .execute();

/** Appends audit rows in one insert, in their order (the database sets each one's chain position and hashes). */
export async function insertAuditRows(db: Db, rows: ReadonlyArray<Insertable<AuditLogTable>>): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('audit_log')
      .values([...rows])
      .execute();
}

/** The hash chain's last position and hash, as the insert trigger keeps them. */
export function findChainHead(db: Db) {
  return db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirst();
}
