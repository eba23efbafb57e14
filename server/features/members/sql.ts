import { sql, type SqlBool } from 'kysely';
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

/** The active orgs of `orgId`'s subtree, for the roster import's 所在工会 column. */
export async function findActiveSubtreeOrgs(
  db: Db,
  orgId: number,
): Promise<{ id: number; name: string; short_name: string | null }[]> {
  return db
    .selectFrom('orgs as o')
    .innerJoin('orgs as root', (j) => j.on(sql<SqlBool>`o.path <@ root.path`))
    .where('root.id', '=', orgId)
    .where('o.status', '=', 'active')
    .select(['o.id', 'o.name', 'o.short_name'])
    .execute();
}

/** Which of these ID blind indexes are in the registry. */
export async function findIdHashes(db: Db, hashes: readonly Buffer[]): Promise<Buffer[]> {
  const rows = await db
    .selectFrom('members')
    .select('id_hash')
    .where('id_hash', '=', sql<Buffer>`ANY(${hashes}::bytea[])`)
    .execute();
  return rows.map((r) => Buffer.from(r.id_hash));
}

/** `n` fresh values of member_no_seq (never handed out again, even if the batch rolls back), in one row. */
export async function nextMemberNumbers(db: Db, n: number): Promise<number[]> {
  const { rows } = await sql<{ ns: number[] }>`
    SELECT array_agg(nextval('member_no_seq')::int) AS ns FROM generate_series(1, ${n})`.execute(db);
  return rows[0]!.ns;
}

/** A roster batch's members, as stored (sealed), for insertRosterMembers: the table's own columns. */
export type RosterMemberValues = Pick<
  MembersTable,
  | 'member_no'
  | 'org_id'
  | 'name'
  | 'name_pinyin'
  | 'name_initials'
  | 'id_hash'
  | 'id_enc'
  | 'id_masked'
  | 'gender'
  | 'birth_year'
  | 'id_region_code'
  | 'phone_hash'
  | 'phone_enc'
  | 'phone_masked'
  | 'occupation'
  | 'platform'
  | 'employer'
  | 'joined_on'
> & { is_new_form: boolean };

/**
 * Inserts a roster batch (channel 'import') as one statement with an array per column (19
 * parameters, not 19 per row: far less for the driver to serialise and the server to parse than a
 * 1,000-row VALUES list; one JSON parameter read by json_to_recordset cost the server a third more,
 * measured). `ON CONFLICT (id_hash) DO NOTHING`. Returns how many rows were written.
 */
export async function insertRosterMembers(db: Db, values: readonly RosterMemberValues[]): Promise<number> {
  const col = <K extends keyof RosterMemberValues>(key: K) => values.map((v) => v[key]);
  const { rows } = await sql<{ id: number }>`
    INSERT INTO members (member_no, org_id, channel, name, name_pinyin, name_initials, id_hash, id_enc,
      id_masked, gender, birth_year, id_region_code, phone_hash, phone_enc, phone_masked, occupation,
      platform, employer, is_new_form, joined_on)
    SELECT t.member_no, t.org_id, 'import', t.name, t.name_pinyin, t.name_initials, t.id_hash, t.id_enc,
      t.id_masked, t.gender, t.birth_year, t.id_region_code, t.phone_hash, t.phone_enc, t.phone_masked,
      t.occupation, t.platform, t.employer, t.is_new_form, t.joined_on
    FROM unnest(${col('member_no')}::text[], ${col('org_id')}::int[], ${col('name')}::text[],
      ${col('name_pinyin')}::text[], ${col('name_initials')}::text[], ${col('id_hash')}::bytea[],
      ${col('id_enc')}::text[], ${col('id_masked')}::text[], ${col('gender')}::text[],
      ${col('birth_year')}::int[], ${col('id_region_code')}::text[], ${col('phone_hash')}::bytea[],
      ${col('phone_enc')}::text[], ${col('phone_masked')}::text[], ${col('occupation')}::text[],
      ${col('platform')}::text[], ${col('employer')}::text[], ${col('is_new_form')}::boolean[],
      ${col('joined_on')}::date[])
      AS t(member_no, org_id, name, name_pinyin, name_initials, id_hash, id_enc, id_masked, gender,
        birth_year, id_region_code, phone_hash, phone_enc, phone_masked, occupation, platform, employer,
        is_new_form, joined_on)
    ON CONFLICT (id_hash) DO NOTHING
    RETURNING 1`.execute(db);
  return rows.length;
}
