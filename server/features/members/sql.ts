import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Insertable, Updateable } from 'kysely';
import type { MemberHonoursTable, MembersTable } from '../../db/schema';

/** The next member number's sequence value (never handed out twice, even when the transaction rolls back). */
export async function nextMemberSeq(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('member_no_seq')::int AS n`.execute(db);
  return rows[0]!.n;
}

/** The region code of the deployment's root org: its province digits lead every member number. */
export async function findRootRegion(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('orgs').select('region_code').where('parent_id', 'is', null).executeTakeFirst();
  return row?.region_code;
}

/** Inserts a member unless the person (id_hash) is already registered; undefined then. */
export async function insertMember(db: Db, row: Insertable<MembersTable>): Promise<{ id: number } | undefined> {
  return db
    .insertInto('members')
    .values(row)
    .onConflict((oc) => oc.column('id_hash').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The registered person with this blind index, with the name of the union holding them. */
export async function findMemberByIdHash(db: Db, idHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.member_no', 'members.status', 'members.org_id', 'orgs.name as org_name'])
    .where('members.id_hash', '=', idHash)
    .forUpdate('members')
    .executeTakeFirst();
}

/** Brings a lapsed member back, in a new union, with their number. */
export async function reactivateMember(db: Db, id: number, row: Updateable<MembersTable>) {
  return db
    .updateTable('members')
    .set({ ...row, status: 'active', lapsed_on: null, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'lapsed')
    .returning(['id', 'member_no'])
    .executeTakeFirst();
}

/** Moves a member to another org (placement out of the pool, an accepted transfer). */
export async function updateMemberOrg(db: Db, id: number, orgId: number, status: 'active' | 'transferring') {
  return db
    .updateTable('members')
    .set({ org_id: orgId, status, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '<>', 'lapsed')
    .returning(['id', 'org_id'])
    .executeTakeFirst();
}

/** Sets a member's status (a transfer starting or ending) without moving them. */
export async function updateMemberStatus(db: Db, id: number, status: 'active' | 'transferring') {
  return db
    .updateTable('members')
    .set({ status, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', ['active', 'transferring'])
    .returning('id')
    .executeTakeFirst();
}

/** Records an honour on a member's profile; answers its id. */
export async function insertHonour(db: Db, row: Insertable<MemberHonoursTable>): Promise<number> {
  const { id } = await db.insertInto('member_honours').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Deletes one of a member's honours; answers what it was, or undefined when the member has no such honour. */
export function deleteHonour(db: Db, memberId: number, honourId: number) {
  return db
    .deleteFrom('member_honours')
    .where('id', '=', honourId)
    .where('member_id', '=', memberId)
    .returning(['kind', 'level', 'year'])
    .executeTakeFirst();
}

/** Writes a cadre's edit of a member's own fields, and bumps the version. */
export async function updateMemberFields(db: Db, id: number, set: Updateable<MembersTable>): Promise<void> {
  await db
    .updateTable('members')
    .set({ ...set, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Sets (or clears) a member's hardship level (困难职工建档). */
export async function updateHardshipLevel(db: Db, id: number, level: MembersTable['hardship_level']) {
  return db
    .updateTable('members')
    .set({ hardship_level: level, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** Marks a member lapsed (退会) as of `on`. */
export async function updateMemberLapsed(db: Db, id: number, on: string) {
  return db
    .updateTable('members')
    .set({ status: 'lapsed', lapsed_on: on, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '<>', 'lapsed')
    .returning('id')
    .executeTakeFirst();
}
