import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import { likeEscape } from '../../../common/names';
import type { OrgType } from '../../../common/org-types';
import type { Db } from '../../db/database';
import type { JoinApplicationsTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

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

/**
 * Inserts an application; undefined when a unique key refuses it: a pending one for the person
 * won the race (the open key), or its number is taken. No conflict target, so both are skipped
 * (the transaction goes on) and the caller tells them apart.
 */
export async function insertApplication(db: Db, row: Insertable<JoinApplicationsTable>) {
  return db
    .insertInto('join_applications')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'application_no', 'status'])
    .executeTakeFirst();
}

/**
 * An application with the org it was filed to, where it was placed and the member it made: what its
 * applicant follows, what the decision's text says, what the member's history names.
 */
const applicationView = (db: Db) =>
  db
    .selectFrom('join_applications as a')
    .innerJoin('orgs', 'orgs.id', 'a.org_id')
    .leftJoin('orgs as placed', 'placed.id', 'a.placed_org_id')
    .leftJoin('members as m', 'm.id', 'a.member_id')
    .select([
      'a.id',
      'a.application_no',
      'a.status',
      'a.refusal_reason',
      'orgs.name as org_name',
      'placed.name as placed_org_name',
      'm.member_no',
    ]);

/** An application as its applicant follows it, by number. */
export async function findApplicationByNo(db: Db, applicationNo: string) {
  return applicationView(db)
    .select(['a.phone_hash', 'a.created_at'])
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

// The review side: the reviewer's queues, locked decisions, placement targets, join settings.
// Review: the queues, decisions and settings. Scope is in every WHERE (application → its org's
// path), so the list, the counts and a decision agree on what the reviewer sees.

export type QueueName = 'pending' | 'pooled' | 'decided';

/** Which applications a queue holds. */
const inQueue = (queue: QueueName) =>
  queue === 'pending'
    ? sql<SqlBool>`a.status = 'pending'`
    : queue === 'pooled'
      ? sql<SqlBool>`a.status = 'pooled' AND a.placed_org_id IS NULL`
      : sql<SqlBool>`a.status IN ('approved', 'refused')`;

/** created_at to the microsecond, as the queue's cursor carries it (a JS Date keeps milliseconds). */
const CREATED_KEY = sql<string>`to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const queueRows = (db: Db) =>
  db
    .selectFrom('join_applications as a')
    .innerJoin('orgs', 'orgs.id', 'a.org_id')
    .leftJoin('orgs as placed', 'placed.id', 'a.placed_org_id')
    .leftJoin('members as m', 'm.id', 'a.member_id')
    .select([
      'a.id',
      'a.application_no',
      'a.status',
      'a.channel',
      'a.source',
      'a.org_id',
      'orgs.name as org_name',
      'a.placed_org_id',
      'placed.name as placed_org_name',
      'a.name',
      'a.id_masked',
      'a.phone_masked',
      'a.gender',
      'a.birth_year',
      'a.occupation',
      'a.platform',
      'a.employer',
      'a.work_region_code',
      'm.member_no',
      'a.refusal_reason',
      'a.created_at',
      'a.reviewed_at',
      'a.version',
      CREATED_KEY.as('created_key'),
      sql<number>`floor(extract(epoch FROM now() - a.created_at) / 3600)::int`.as('age_hours'),
    ]);

export type QueueRow = Awaited<ReturnType<ReturnType<typeof queueRows>['execute']>>[number];

export interface QueueFilter {
  queue: QueueName;
  orgId?: number;
  occupation?: string;
  /** An application number's start, upper-case, LIKE-escaped. */
  noPrefix?: string;
  after?: [string, number];
  limit: number;
}

/** One page of a queue in scope: the open queues oldest first, the decided newest first. */
export function findQueue(db: Db, scope: Scope, f: QueueFilter) {
  const open = f.queue !== 'decided';
  let qb = queueRows(db).where(pathInScope(scope, 'orgs.path')).where(inQueue(f.queue));
  if (f.orgId !== undefined)
    qb = qb.where(sql<SqlBool>`orgs.path <@ (SELECT path FROM orgs o WHERE o.id = ${f.orgId})`);
  if (f.occupation) qb = qb.where('a.occupation', '=', f.occupation);
  if (f.noPrefix) qb = qb.where('a.application_no', 'like', `${f.noPrefix}%`);
  if (f.after) {
    const [at, id] = f.after;
    qb = qb.where(
      open
        ? sql<SqlBool>`(a.created_at, a.id) > (${at}::timestamptz, ${id}::bigint)`
        : sql<SqlBool>`(a.created_at, a.id) < (${at}::timestamptz, ${id}::bigint)`,
    );
  }
  const dir = open ? 'asc' : 'desc';
  return qb
    .orderBy('a.created_at', dir)
    .orderBy('a.id', dir)
    .limit(f.limit + 1)
    .execute();
}

/** One application in scope as the queue shows it (after a decision). */
export function findQueueItem(db: Db, id: number) {
  return queueRows(db).where('a.id', '=', id).executeTakeFirstOrThrow();
}

/** Per queue: how many, and since when the oldest has waited. */
export async function countQueues(db: Db, scope: Scope) {
  const row = await db
    .selectFrom('join_applications as a')
    .innerJoin('orgs', 'orgs.id', 'a.org_id')
    .where(pathInScope(scope, 'orgs.path'))
    .select([
      sql<number>`count(*) FILTER (WHERE ${inQueue('pending')})::int`.as('pending'),
      sql<Date | null>`min(a.created_at) FILTER (WHERE ${inQueue('pending')})`.as('pending_oldest'),
      sql<number>`count(*) FILTER (WHERE ${inQueue('pooled')})::int`.as('pooled'),
      sql<Date | null>`min(a.created_at) FILTER (WHERE ${inQueue('pooled')})`.as('pooled_oldest'),
      sql<number>`count(*) FILTER (WHERE ${inQueue('decided')})::int`.as('decided'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * An application in scope, locked for its decision, with where it sits: its org's path and type
 * and, for a pool, the county it belongs to (the pool's parent). Missing and out of scope alike: undefined.
 */
export function lockApplicationInScope(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('join_applications as a')
    .innerJoin('orgs', 'orgs.id', 'a.org_id')
    .select([
      'a.id',
      'a.application_no',
      'a.status',
      'a.version',
      'a.org_id',
      'a.member_id',
      'a.placed_org_id',
      'a.name',
      'a.id_hash',
      'a.id_enc',
      'a.id_masked',
      'a.gender',
      'a.birth_year',
      'a.id_region_code',
      'a.phone_hash',
      'a.phone_enc',
      'a.phone_masked',
      'a.occupation',
      'a.platform',
      'a.employer',
      'a.work_region_code',
      'a.residence_region_code',
      'a.source',
      'orgs.path as org_path',
      'orgs.type as org_type',
      sql<string>`subpath(orgs.path, 0, nlevel(orgs.path) - 1)::text`.as('county_path'),
    ])
    .where('a.id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .forUpdate('a')
    .executeTakeFirst();
}

/** Records a decision if the application is still at `version`; undefined when someone decided first. */
export function decideApplication(
  db: Db,
  id: number,
  version: number,
  fields: Pick<
    Updateable<JoinApplicationsTable>,
    'status' | 'member_id' | 'placed_org_id' | 'refusal_reason' | 'reviewed_by'
  >,
) {
  return db
    .updateTable('join_applications')
    .set({ ...fields, reviewed_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/**
 * An org a pooled member may be placed in: active, of a placeable type, within the pool's county
 * and within the reviewer's scope; undefined otherwise (missing and out of scope alike).
 */
export function findPlaceTarget(db: Db, scope: Scope, orgId: number, countyPath: string, types: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', '=', orgId)
    .where('status', '=', 'active')
    .where('type', 'in', types as OrgType[])
    .where(sql<SqlBool>`path <@ ${countyPath}::ltree`)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();
}

/** An org with its join setting (none: null). */
export function findOrgSettings(db: Db, orgId: number) {
  return db
    .selectFrom('orgs')
    .leftJoin('join_settings as s', 's.org_id', 'orgs.id')
    .select(['orgs.id', 'orgs.name', 'orgs.path', 'orgs.type', 's.auto_approve', 's.updated_at'])
    .where('orgs.id', '=', orgId)
    .executeTakeFirst();
}

/** Sets how a union takes joins. */
export function upsertSettings(db: Db, orgId: number, autoApprove: boolean, accountId: number | null) {
  return db
    .insertInto('join_settings')
    .values({ org_id: orgId, auto_approve: autoApprove, updated_by: accountId })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({ auto_approve: autoApprove, updated_by: accountId, updated_at: sql`now()` }),
    )
    .execute();
}

/** Moves an application's arrival back (the demo's queue shows applications of different ages). */
export async function backdateApplication(db: Db, id: number, hoursAgo: number): Promise<void> {
  // created_at is never written by the app's inserts and updates (schema.ts): only the demo moves it.
  await sql`UPDATE join_applications
    SET created_at = now() - make_interval(hours => ${hoursAgo}),
        updated_at = now() - make_interval(hours => ${hoursAgo})
    WHERE id = ${id}`.execute(db);
}

/** What the decision's text message says, and where it goes (the applicant's phone, sealed). */
export async function findDecisionNotice(db: Db, id: number) {
  return applicationView(db).select('a.phone_enc').where('a.id', '=', id).executeTakeFirst();
}

/** The applications that made member `memberId`, with the org each was filed to and where it was placed. */
export function findApplicationsOfMember(db: Db, memberId: number) {
  return applicationView(db).where('a.member_id', '=', memberId).execute();
}
