import type { Db } from '../../db/database';

// The requester's side (public.ts): a case by tracking number, 我的诉求, the requester-safe timeline.

/** The columns the requester's view of a case needs (PublicCaseView), with the phone's blind index to check. */
function publicCaseQuery(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('orgs as receiving', 'receiving.id', 'cases.receiving_org_id')
    .select([
      'cases.id',
      'cases.tracking_no',
      'cases.kind',
      'cases.subject',
      'cases.status',
      'cases.category',
      'cases.received_at',
      'cases.due_at',
      'cases.rating',
      'cases.phone_hash',
      'cases.receiving_org_id',
      'receiving.name as org_name',
      'receiving.path as org_path',
    ]);
}

export type PublicCaseRow = Awaited<ReturnType<ReturnType<typeof publicCaseQuery>['executeTakeFirstOrThrow']>>;

/** One case by its tracking number (the caller compares the phone). */
export async function findPublicCase(db: Db, trackingNo: string) {
  return publicCaseQuery(db).where('cases.tracking_no', '=', trackingNo).executeTakeFirst();
}

/** The cases filed with this phone (blind index), newest first: 我的诉求. */
export async function findPublicCasesByPhone(db: Db, phoneHash: Buffer, limit: number) {
  return publicCaseQuery(db)
    .where('cases.phone_hash', '=', phoneHash)
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The timeline entries a requester may see of these cases, oldest first: never an internal row,
 * and of the rest only the listed actions. The actor's name comes with each; the caller drops it
 * unless the org shows cadre names.
 */
export async function findPublicEvents(db: Db, caseIds: readonly number[], actions: readonly string[]) {
  if (caseIds.length === 0 || actions.length === 0) return [];
  return db
    .selectFrom('case_events as e')
    .leftJoin('orgs', 'orgs.id', 'e.actor_org_id')
    .leftJoin('accounts', 'accounts.id', 'e.actor_account_id')
    .select([
      'e.case_id',
      'e.at',
      'e.action',
      'e.to_status',
      'e.actor_kind',
      'e.reason',
      'orgs.name as org_name',
      'accounts.display_name as actor_name',
    ])
    .where('e.case_id', 'in', [...caseIds])
    .where('e.internal', '=', false)
    .where('e.action', 'in', [...actions])
    .orderBy('e.case_id')
    .orderBy('e.id')
    .execute();
}
