import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { MemberStatus } from '../../../common/members';
import type { Db } from '../../db/database';
import type { MemberHonoursTable, MembersTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

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

// The registry's read queries. Scope is in every WHERE (members → orgs.path), so a list, a
// lookup and the single read agree on what the caller sees.

export interface MemberFilter {
  orgId?: number;
  occupation?: MembersTable['occupation'];
  isNewForm?: boolean;
  platform?: string;
  status?: MemberStatus;
  joinedFrom?: string;
  joinedTo?: string;
  hardshipLevel?: NonNullable<MembersTable['hardship_level']>;
  honour?: MemberHonoursTable['kind'];
  /** A name prefix (already LIKE-escaped), or a pinyin / initials prefix when `latin`. */
  prefix?: { text: string; latin: boolean };
  afterId?: number;
  limit: number;
}

const LIST_COLUMNS = [
  'members.id',
  'members.member_no',
  'members.name',
  'members.id_masked',
  'members.phone_masked',
  'members.gender',
  'members.birth_year',
  'members.org_id',
  'orgs.name as org_name',
  'members.occupation',
  'members.platform',
  'members.is_new_form',
  'members.status',
  sql<string>`to_char(members.joined_on, 'YYYY-MM-DD')`.as('joined_on'),
] as const;

/** The members in scope with the list's columns (the export adds its own). */
export const scoped = (db: Db, scope: Scope) =>
  db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(LIST_COLUMNS)
    .where(pathInScope(scope, 'orgs.path'));

type Scoped = ReturnType<typeof scoped>;

/** The list's filters, shared by the list and the export. */
export function filtered(qb: Scoped, f: MemberFilter): Scoped {
  if (f.orgId !== undefined)
    qb = qb.where(sql<boolean>`orgs.path <@ (SELECT path FROM orgs o WHERE o.id = ${f.orgId})`);
  if (f.occupation) qb = qb.where('members.occupation', '=', f.occupation);
  if (f.isNewForm !== undefined) qb = qb.where('members.is_new_form', '=', f.isNewForm);
  if (f.platform) qb = qb.where('members.platform', '=', f.platform);
  if (f.status) qb = qb.where('members.status', '=', f.status);
  if (f.joinedFrom) qb = qb.where('members.joined_on', '>=', f.joinedFrom);
  if (f.joinedTo) qb = qb.where('members.joined_on', '<=', f.joinedTo);
  if (f.hardshipLevel) qb = qb.where('members.hardship_level', '=', f.hardshipLevel);
  if (f.honour) {
    const kind = f.honour;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_honours')
          .select(sql`1`.as('one'))
          .whereRef('member_honours.member_id', '=', 'members.id')
          .where('member_honours.kind', '=', kind),
      ),
    );
  }
  if (f.prefix) {
    const like = `${f.prefix.text}%`;
    qb = f.prefix.latin
      ? qb.where((eb) => eb.or([eb('members.name_pinyin', 'like', like), eb('members.name_initials', 'like', like)]))
      : qb.where('members.name', 'like', like);
  }
  return qb;
}

/** One page of the members in scope, newest first (keyset on id). */
/** Grant roots at county depth or below (全总.省.市.县): a scope of at most a few thousand orgs. */
const COUNTY_DEPTH = 4;

export function findMembers(db: Db, scope: Scope, f: MemberFilter) {
  let qb = filtered(scoped(db, scope), f);
  // A name search in a small scope: start from the scope's orgs. Left alone, the planner ANDs the
  // scope with the prefix index over the whole registry (measured over 1M members: 7.9 ms for a
  // county, 0.8 ms this way; docs/benchmarks.md). A large scope keeps the plan that stops at the
  // first page of the id order.
  if (f.prefix && scope.paths.length > 0 && scope.paths.every((p) => p.split('.').length >= COUNTY_DEPTH))
    qb = qb.where(
      sql<boolean>`members.org_id = ANY(ARRAY(SELECT o.id FROM orgs o WHERE ${pathInScope(scope, 'o.path')}))`,
    );
  if (f.afterId !== undefined) qb = qb.where('members.id', '<', f.afterId);
  return qb
    .orderBy('members.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The members in scope whose ID number or phone has this blind index. */
export function findMembersByHash(db: Db, scope: Scope, column: 'id_hash' | 'phone_hash', hash: Buffer) {
  return scoped(db, scope).where(`members.${column}`, '=', hash).orderBy('members.id', 'desc').limit(50).execute();
}

/** A worker's own member record(s), by the phone they signed in with (no org scope: it is theirs). */
export function findMembersOfPhone(db: Db, phoneHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(LIST_COLUMNS)
    .where('members.phone_hash', '=', phoneHash)
    .orderBy('members.id', 'desc')
    .limit(10)
    .execute();
}

/** What a profile shows beyond the list's columns (the single read and the one-trip profile). */
const PROFILE_COLUMNS = [
  'members.employer',
  'members.work_region_code',
  'members.residence_region_code',
  'members.id_region_code',
  'members.channel',
  'members.hardship_level',
  'members.version',
  'members.created_at',
] as const;

/** The profile of a member in scope, or undefined (missing and out of scope alike). */
export function findMemberInScope(db: Db, scope: Scope, id: number, options: { forUpdate?: boolean } = {}) {
  const qb = scoped(db, scope)
    .select([
      ...PROFILE_COLUMNS,
      'members.id_enc',
      'members.phone_enc',
      'members.phone_hash',
      'members.photo_file_id',
      sql<string | null>`to_char(members.lapsed_on, 'YYYY-MM-DD')`.as('lapsed_on'),
      'orgs.path as org_path',
    ])
    .where('members.id', '=', id);
  return (options.forUpdate ? qb.forUpdate('members') : qb).executeTakeFirst();
}

/**
 * The profile of a member in scope in one round trip: the member, its honours as JSON, and whether
 * it has any transfer (most have none, so the transfers feature is asked only when there is one).
 */
export function findProfileInScope(db: Db, scope: Scope, id: number) {
  return scoped(db, scope)
    .select([
      ...PROFILE_COLUMNS,
      'members.photo_file_id',
      sql<string | null>`to_char(members.lapsed_on, 'YYYY-MM-DD')`.as('lapsed_on'),
      sql<Array<Pick<MemberHonoursTable, 'kind' | 'level' | 'year' | 'title' | 'awarded_by'> & { id: number }>>`(
        SELECT coalesce(json_agg(json_build_object('id', h.id, 'kind', h.kind, 'level', h.level, 'year', h.year,
                 'title', h.title, 'awarded_by', h.awarded_by) ORDER BY h.year DESC, h.id DESC), '[]'::json)
          FROM member_honours h WHERE h.member_id = members.id)`.as('honours'),
      sql<boolean>`EXISTS (SELECT 1 FROM transfers t WHERE t.member_id = members.id)`.as('has_transfers'),
    ])
    .where('members.id', '=', id)
    .executeTakeFirst();
}

/** An org in scope (for a cadre entering a member there), or undefined (missing and out of scope alike). */
export function findOrgInScope(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'type', 'status'])
    .where('id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();
}

/**
 * A member's history: the audit trail's entries about them, and those about their transfers and the
 * join applications that made them (recorded against those records), newest first.
 */
export function findMemberHistory(
  db: Db,
  memberId: number,
  related: { transfers: readonly number[]; applications: readonly number[] },
  limit: number,
) {
  const about = (type: string, ids: readonly number[]) => (ids.length === 0 ? [] : [{ type, ids: ids.map(String) }]);
  const entities = [
    ...about('member', [memberId]),
    ...about('transfer', related.transfers),
    ...about('join_application', related.applications),
  ];
  return db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'reason', 'details', 'entity_type', 'entity_id'])
    .where((eb) => eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.type), eb('entity_id', 'in', e.ids)]))))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The member an honour belongs to. */
export async function findHonourMember(db: Db, honourId: number): Promise<number | undefined> {
  const row = await db.selectFrom('member_honours').select('member_id').where('id', '=', honourId).executeTakeFirst();
  return row === undefined ? undefined : Number(row.member_id);
}

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
