import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { TransfersTable } from '../../db/schema';
import type { TransferState } from '../../../common/members';
import { pathInScope, type Scope } from '../../http/scope';

// 会籍接转's queries. A transfer is seen by both unions: a read is scoped by the sending org's
// path OR the receiving org's path, so the queue, the single read and the answers agree.

/** An org a transfer names: by a join code, as the receiving union. */
export function findOrg(db: Db, id: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'status', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active orgs whose name or short name contains `text` (LIKE-escaped), of the given types. */
export function searchOrgs(db: Db, text: string, types: readonly string[], limit: number) {
  const like = `%${text}%`;
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'region_code'])
    .where('status', '=', 'active')
    .where('type', 'in', [...types] as never[])
    .where((eb) => eb.or([eb('name', 'like', like), eb('short_name', 'like', like)]))
    .orderBy(sql`char_length(name)`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

const MEMBER_COLUMNS = [
  'members.id',
  'members.member_no',
  'members.name',
  'members.id_masked',
  'members.status',
  'members.org_id',
  'orgs.name as org_name',
  'orgs.path as org_path',
] as const;

/** A member with their union, locked for the transfer's transaction (reads only: members writes members). */
export function findMemberForUpdate(db: Db, id: number) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(MEMBER_COLUMNS)
    .where('members.id', '=', id)
    .forUpdate('members')
    .executeTakeFirst();
}

/** The signed-in worker's member records that are still members, by the phone they signed in with. */
export function findMembersOfPhone(db: Db, phoneHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(MEMBER_COLUMNS)
    .where('members.phone_hash', '=', phoneHash)
    .where('members.status', '<>', 'lapsed')
    .orderBy('members.id')
    .limit(10)
    .execute();
}

/** Opens a transfer; undefined when the member already has an open one (the open key). */
export function insertTransfer(db: Db, row: Insertable<TransfersTable>) {
  return (
    db
      .insertInto('transfers')
      .values(row)
      // A literal predicate: PostgreSQL infers the partial open key only from one, not from a parameter.
      .onConflict((oc) =>
        oc
          .column('member_id')
          .where(sql<boolean>`state = 'pending'`)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
  );
}

const viewQuery = (db: Db) =>
  db
    .selectFrom('transfers as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('orgs as f', 'f.id', 't.from_org_id')
    .innerJoin('orgs as r', 'r.id', 't.to_org_id')
    .select([
      't.id',
      't.member_id',
      'm.member_no',
      'm.name as member_name',
      'm.id_masked',
      'm.status as member_status',
      't.from_org_id',
      'f.name as from_org_name',
      'f.path as from_path',
      't.to_org_id',
      'r.name as to_org_name',
      'r.path as to_path',
      'r.region_code as to_region_code',
      't.requested_by',
      't.reason',
      't.state',
      't.auto_accepted',
      't.refusal_reason',
      't.cancelled_by',
      't.created_at',
      't.due_at',
      't.decided_at',
      't.version',
    ]);

export type TransferRow = NonNullable<Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirst']>>>;

const eitherEndInScope = (scope: Scope) =>
  sql<SqlBool>`(${pathInScope(scope, 'f.path')} OR ${pathInScope(scope, 'r.path')})`;

/** One transfer that either union end lies in the scope of, or undefined (missing and out of scope alike). */
export function findTransferInScope(db: Db, scope: Scope, id: number) {
  return viewQuery(db).where('t.id', '=', id).where(eitherEndInScope(scope)).executeTakeFirst();
}

/** One transfer with no scope (the member's own, the job's), locked when `lock` for an answer. */
export function findTransfer(db: Db, id: number, lock = false) {
  const q = viewQuery(db).where('t.id', '=', id);
  return (lock ? q.forUpdate('t') : q).executeTakeFirst();
}

export interface TransferFilter {
  direction?: 'incoming' | 'outgoing';
  state?: TransferState;
  afterId?: number;
  limit: number;
}

/**
 * One page of the queue. Open transfers come oldest first (the most urgent answer on top: due
 * dates follow receipt), decided ones newest first; keyset on id either way.
 */
export function findTransfers(db: Db, scope: Scope, f: TransferFilter) {
  let q = viewQuery(db);
  if (f.direction === 'incoming') q = q.where(pathInScope(scope, 'r.path'));
  else if (f.direction === 'outgoing') q = q.where(pathInScope(scope, 'f.path'));
  else q = q.where(eitherEndInScope(scope));
  if (f.state) q = q.where('t.state', '=', f.state);
  const ascending = f.state === 'pending';
  if (f.afterId !== undefined) q = q.where('t.id', ascending ? '>' : '<', f.afterId);
  return q
    .orderBy('t.id', ascending ? 'asc' : 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The transfers of these members (a worker's own), newest first. */
export function findTransfersOfMembers(db: Db, memberIds: readonly number[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return viewQuery(db)
    .where('t.member_id', 'in', [...memberIds])
    .orderBy('t.id', 'desc')
    .limit(50)
    .execute();
}

/** A member's transfer history for the profile, newest first. */
export function findHistory(db: Db, memberId: number) {
  return db
    .selectFrom('transfers as t')
    .innerJoin('orgs as f', 'f.id', 't.from_org_id')
    .innerJoin('orgs as r', 'r.id', 't.to_org_id')
    .select([
      't.id',
      'f.name as from_org_name',
      'r.name as to_org_name',
      't.state',
      't.auto_accepted',
      't.requested_by',
      't.refusal_reason',
      't.created_at',
      't.decided_at',
    ])
    .where('t.member_id', '=', memberId)
    .orderBy('t.id', 'desc')
    .execute();
}

/**
 * Closes an open transfer if it is still open at `version`: the conditional update is what makes
 * two answers (or an answer and the job on another node) decide it once. Undefined when it was not.
 */
export function closeTransfer(db: Db, id: number, version: number, set: Updateable<TransfersTable>) {
  return db
    .updateTable('transfers')
    .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/**
 * Open transfers whose answer was due by `now`, locked; rows another node's sweep holds are
 * skipped, so two nodes never accept the same one.
 */
export function claimOverdue(db: Db, now: Date, limit: number) {
  return (
    db
      .selectFrom('transfers as t')
      .innerJoin('members as m', 'm.id', 't.member_id')
      .select(['t.id', 't.version'])
      .where('t.state', '=', 'pending')
      .where('t.due_at', '<=', now)
      // A member who left the union meanwhile has nothing to move: the sending union withdraws it.
      .where('m.status', '<>', 'lapsed')
      .orderBy('t.due_at')
      .limit(limit)
      .forUpdate('t')
      .skipLocked()
      .execute()
  );
}

/** Active members of an org, oldest first (the demo seed picks who moves). */
export function findActiveMemberIds(db: Db, orgId: number, limit: number) {
  return db
    .selectFrom('members')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** What a transfer's text message says, and where it goes (the member's phone, sealed; null when none is on record). */
export function findTransferNotice(db: Db, id: number) {
  return viewQuery(db).select('m.phone_enc').where('t.id', '=', id).executeTakeFirst();
}
