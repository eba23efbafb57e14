import { sql } from 'kysely';
import type { Db } from '../../db/database';
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

/** Audit entries placed in the scope's subtrees, newest first. Dates are Asia/Shanghai days. */
export const findAuditEntries = (db: Db, scope: Scope, q: AuditQuery) => {
  let qb = db.selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'account_id', 'ip', 'action', 'entity_type', 'entity_id', 'reason', 'details'])
    // Entries tied to no org (a failed sign-in with an unknown username) belong to the root.
    .where((eb) => scope.paths.some((p) => !p.includes('.')) ? eb.or([pathInScope(scope, 'audit_log.org_path'), eb('org_path', 'is', null)]) : pathInScope(scope, 'audit_log.org_path'));
  if (q.action) qb = qb.where('action', 'like', `${q.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (q.entityType) qb = qb.where('entity_type', '=', q.entityType);
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.accountId) qb = qb.where('account_id', '=', q.accountId);
  if (q.from) qb = qb.where('at', '>=', sql<Date>`(${q.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.to) qb = qb.where('at', '<', sql<Date>`(${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.after) qb = qb.where('id', '<', q.after[0]);
  return qb.orderBy('id', 'desc').limit(q.limit + 1).execute();
};
