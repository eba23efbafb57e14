import type { Db } from '../../db/database';
import type { Scope } from '../../http/scope';
import { filtered, scoped, type MemberFilter } from './read-sql';

/**
 * One keyset page of the members in scope for the export, newest first: the list's columns and
 * filters, plus what a sheet row shows (employer) and, for the unmasked export, the sealed values
 * with the org's path to check the unmask permission per row.
 */
export function findMembersForExport(db: Db, scope: Scope, f: MemberFilter) {
  let qb = filtered(scoped(db, scope), f).select([
    'members.employer',
    'members.id_enc',
    'members.phone_enc',
    'orgs.path as org_path',
  ]);
  if (f.afterId !== undefined) qb = qb.where('members.id', '<', f.afterId);
  return qb.orderBy('members.id', 'desc').limit(f.limit).execute();
}
