import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { MemberHonoursTable, MembersTable } from '../../db/schema';
import type { MemberStatus } from '../../../common/members';
import { pathInScope, type Scope } from '../../http/scope';

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

/** The profile of a member in scope, or undefined (missing and out of scope alike). */
export function findMemberInScope(db: Db, scope: Scope, id: number, options: { forUpdate?: boolean } = {}) {
  const qb = scoped(db, scope)
    .select([
      'members.employer',
      'members.work_region_code',
      'members.residence_region_code',
      'members.id_region_code',
      'members.channel',
      'members.hardship_level',
      'members.version',
      'members.created_at',
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
      'members.employer',
      'members.work_region_code',
      'members.residence_region_code',
      'members.id_region_code',
      'members.channel',
      'members.hardship_level',
      'members.version',
      'members.created_at',
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
