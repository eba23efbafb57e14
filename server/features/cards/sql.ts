import type { Db } from '../../db/database';

/** The card of the member signed in by this phone: not lapsed, the most recent when several. */
export async function findCardByPhoneHash(db: Db, phoneHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select([
      'members.id',
      'members.name',
      'members.member_no',
      'members.status',
      'members.joined_on',
      'members.id_masked',
      'orgs.name as org_name',
    ])
    .where('members.phone_hash', '=', phoneHash)
    .where('members.status', '<>', 'lapsed')
    .orderBy('members.joined_on', 'desc')
    .orderBy('members.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What a verification shows of a member: their union, status and number. */
export async function findCardById(db: Db, id: number) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.name', 'members.member_no', 'members.status', 'orgs.name as org_name', 'orgs.path'])
    .where('members.id', '=', id)
    .executeTakeFirst();
}
