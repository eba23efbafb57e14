import { sql, type Insertable } from 'kysely';
import { likeEscape } from '../../../common/names';
import type { OrgType } from '../../../common/org-types';
import type { Db } from '../../db/database';
import type { JoinApplicationsTable } from '../../db/schema';

/** An org as a join code or a region resolves it. */
export async function findOrg(db: Db, id: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'region_code', 'path', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The active holding pool whose region is exactly this county-level code. */
export async function findPoolForRegion(db: Db, regionCode: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'region_code', 'path', 'status'])
    .where('type', '=', 'holding_pool')
    .where('status', '=', 'active')
    .where('region_code', '=', regionCode)
    .orderBy('id')
    .executeTakeFirst();
}

/** Whether the union approves joins at once (no row: it reviews). */
export async function findAutoApprove(db: Db, orgId: number): Promise<boolean> {
  const row = await db
    .selectFrom('join_settings')
    .select('auto_approve')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.auto_approve ?? false;
}

/** The person's registry row (read only: members are written through members' service), locked. */
export async function findMemberOf(db: Db, idHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.status', 'orgs.name as org_name'])
    .where('members.id_hash', '=', idHash)
    .executeTakeFirst();
}

/** Whether the person has an application waiting for review. */
export async function hasPendingApplication(db: Db, idHash: Buffer): Promise<boolean> {
  const row = await db
    .selectFrom('join_applications')
    .select('id')
    .where('id_hash', '=', idHash)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts an application; undefined when a pending one for the person won the race (the open key). */
export async function insertApplication(db: Db, row: Insertable<JoinApplicationsTable>) {
  return (
    db
      .insertInto('join_applications')
      .values(row)
      // A literal predicate: PostgreSQL infers the partial open key only from one, not from a parameter.
      .onConflict((oc) =>
        oc
          .column('id_hash')
          .where(sql<boolean>`status = 'pending'`)
          .doNothing(),
      )
      .returning(['id', 'application_no', 'status'])
      .executeTakeFirst()
  );
}

/** An application as its applicant follows it, by number. */
export async function findApplicationByNo(db: Db, applicationNo: string) {
  return db
    .selectFrom('join_applications as a')
    .innerJoin('orgs', 'orgs.id', 'a.org_id')
    .leftJoin('orgs as placed', 'placed.id', 'a.placed_org_id')
    .leftJoin('members as m', 'm.id', 'a.member_id')
    .select([
      'a.id',
      'a.application_no',
      'a.status',
      'a.phone_hash',
      'a.refusal_reason',
      'a.created_at',
      'orgs.name as org_name',
      'placed.name as placed_org_name',
      'm.member_no',
    ])
    .where('a.application_no', '=', applicationNo)
    .executeTakeFirst();
}

/**
 * The public union search: active orgs of the given types whose name or short name holds `text`,
 * or whose pinyin / initials begin with `latin`; the name's start ranks first.
 */
export function searchJoinOrgs(db: Db, text: string, latin: string | null, types: readonly string[], limit: number) {
  const anywhere = `%${likeEscape(text)}%`;
  const prefix = `${likeEscape(text)}%`;
  const latinPrefix = latin ? `${likeEscape(latin)}%` : null;
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'region_code', 'path', 'status'])
    .where('status', '=', 'active')
    .where('type', 'in', types as OrgType[])
    .where((eb) =>
      eb.or([
        eb('name', 'ilike', anywhere),
        eb('short_name', 'ilike', anywhere),
        ...(latinPrefix ? [eb('name_pinyin', 'like', latinPrefix), eb('name_initials', 'like', latinPrefix)] : []),
      ]),
    )
    .orderBy(sql`CASE WHEN name ILIKE ${prefix} OR short_name ILIKE ${prefix} THEN 0 ELSE 1 END`)
    .orderBy('name_pinyin')
    .orderBy('id')
    .limit(limit)
    .execute();
}
