import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { StationProblemsTable, StationReviewsTable, StationVisitsTable } from '../../db/schema';
import { pathInScope } from '../../http/scope';
import type { ProblemStatus } from '../../../common/station-visits';
import type { StationsSeen } from './policy';

// The visits', ratings' and problems' queries. Every console read joins the station and its owning
// org and applies seenStation in its WHERE; the public ones see stations that are not retired.

/** SQL: the station (joined as `stations`, its org as `orgs`) is one the account sees (policy.ts). */
function seenStation(seen: StationsSeen): Expression<SqlBool> {
  const kept = sql<SqlBool>`(stations.keeper_account_id = ${seen.accountId} AND ${pathInScope(seen.keep, 'orgs.path')})`;
  return sql<SqlBool>`(${pathInScope(seen.manage, 'orgs.path')} OR ${kept})`;
}

/** A station the public may visit, rate or report on (not retired). */
export function findPublicStation(db: Db, id: number) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select(['stations.id', 'stations.name', 'stations.org_id', 'orgs.path as org_path'])
    .where('stations.id', '=', id)
    .where('stations.status', '<>', 'retired')
    .executeTakeFirst();
}

/** A station the account sees (retired ones too: their history stays). */
export function findSeenStation(db: Db, seen: StationsSeen, id: number) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select(['stations.id', 'stations.name', 'orgs.path as org_path'])
    .where('stations.id', '=', id)
    .where(seenStation(seen))
    .executeTakeFirst();
}

/** An org in the subtrees where the account manages or keeps stations. */
export function findSeenOrg(db: Db, seen: StationsSeen, id: number) {
  return db
    .selectFrom('orgs')
    .select(['orgs.id', 'orgs.path'])
    .where('orgs.id', '=', id)
    .where(sql<SqlBool>`(${pathInScope(seen.manage, 'orgs.path')} OR ${pathInScope(seen.keep, 'orgs.path')})`)
    .executeTakeFirst();
}

/** Stations the account sees, by name (the console's station picker); kept ones first. */
export function findSeenStations(db: Db, seen: StationsSeen, q: string | undefined, limit: number) {
  let query = db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select([
      'stations.id',
      'stations.name',
      'orgs.name as org_name',
      sql<boolean>`coalesce(stations.keeper_account_id = ${seen.accountId}, false)`.as('kept'),
    ])
    .where(seenStation(seen))
    .where('stations.status', '<>', 'retired');
  if (q) query = query.where('stations.name', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query
    .orderBy(sql`coalesce(stations.keeper_account_id = ${seen.accountId}, false)`, 'desc')
    .orderBy('stations.id')
    .limit(limit)
    .execute();
}

// -- 打卡

/** The person's latest visit to the station since `since`, if any. */
export function findRecentVisit(db: Db, stationId: number, visitorHash: Buffer, since: Date) {
  return db
    .selectFrom('station_visits')
    .select('visited_at')
    .where('station_id', '=', stationId)
    .where('visitor_hash', '=', visitorHash)
    .where('visited_at', '>', since)
    .orderBy('visited_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts a visit unless the person has one in the same clock hour (then nothing: undefined). */
export function insertVisit(db: Db, row: Insertable<StationVisitsTable>) {
  return db
    .insertInto('station_visits')
    .values(row)
    .onConflict((oc) => oc.columns(['station_id', 'visitor_hash', 'hour_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Many visits at once (the demo seed). */
export function insertVisits(db: Db, rows: Insertable<StationVisitsTable>[]) {
  return db
    .insertInto('station_visits')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface VisitFilter {
  stationId?: number;
  orgPath?: string;
}

/** SQL: the station is seen and matches the filter. */
function stationsMatch(seen: StationsSeen, f: VisitFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [seenStation(seen)];
  if (f.stationId !== undefined) parts.push(sql<SqlBool>`stations.id = ${f.stationId}`);
  if (f.orgPath !== undefined) parts.push(sql<SqlBool>`orgs.path <@ ${f.orgPath}::ltree`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** Visits per Shanghai day and occupation at the stations seen (narrowed by `f`), from..to inclusive. */
export function countVisits(db: Db, seen: StationsSeen, f: VisitFilter, from: string, to: string) {
  return db
    .selectFrom('station_visits')
    .innerJoin('stations', 'stations.id', 'station_visits.station_id')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select([
      sql<string>`to_char(station_visits.day, 'YYYY-MM-DD')`.as('day'),
      'station_visits.occupation',
      sql<number>`count(*)::int`.as('visits'),
    ])
    .where(stationsMatch(seen, f))
    .where('station_visits.day', '>=', from)
    .where('station_visits.day', '<=', to)
    .groupBy(['station_visits.day', 'station_visits.occupation'])
    .orderBy('station_visits.day')
    .orderBy('station_visits.occupation')
    .execute();
}

/** How many stations the counts cover. */
export async function countStations(db: Db, seen: StationsSeen, f: VisitFilter): Promise<number> {
  const row = await db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(stationsMatch(seen, f))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One station's visits on one Shanghai day, newest first: when and which occupation, nothing about who. */
export function findVisitsOfDay(db: Db, stationId: number, day: string) {
  return db
    .selectFrom('station_visits')
    .select(['visited_at', 'occupation'])
    .where('station_id', '=', stationId)
    .where('day', '=', day)
    .orderBy('visited_at', 'desc')
    .execute();
}

// -- 评价

export function findReview(db: Db, stationId: number, raterHash: Buffer) {
  return db
    .selectFrom('station_reviews')
    .select(['id', 'rating', 'comment_enc', 'version', 'updated_at'])
    .where('station_id', '=', stationId)
    .where('rater_hash', '=', raterHash)
    .executeTakeFirst();
}

/** A first rating; undefined when the rater already has one (a parallel first rating). */
export function insertReview(db: Db, row: Insertable<StationReviewsTable>) {
  return db
    .insertInto('station_reviews')
    .values(row)
    .onConflict((oc) => oc.columns(['station_id', 'rater_hash']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Changes a rating at the version read; undefined when it changed meanwhile. */
export function updateReview(
  db: Db,
  id: number,
  version: number,
  set: Pick<StationReviewsTable, 'rating' | 'comment_enc' | 'comment_public'>,
) {
  return db
    .updateTable('station_reviews')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** How many ratings of each score a station has. */
export function countRatings(db: Db, stationId: number) {
  return db
    .selectFrom('station_reviews')
    .select(['rating', sql<number>`count(*)::int`.as('n')])
    .where('station_id', '=', stationId)
    .groupBy('rating')
    .execute();
}

/** The latest public comments of a station (masked form only, no rater). */
export function findLatestComments(db: Db, stationId: number, limit: number) {
  return db
    .selectFrom('station_reviews')
    .select([
      'rating',
      'comment_public',
      sql<string>`to_char(updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
    ])
    .where('station_id', '=', stationId)
    .where('comment_public', 'is not', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function insertReviews(db: Db, rows: Insertable<StationReviewsTable>[]) {
  return db
    .insertInto('station_reviews')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// -- 问题报告

export function insertProblem(db: Db, row: Insertable<StationProblemsTable>) {
  return db.insertInto('station_problems').values(row).returning(['id', 'status']).executeTakeFirstOrThrow();
}

const PROBLEM_COLUMNS = [
  'station_problems.id',
  'station_problems.station_id',
  'stations.name as station_name',
  'orgs.name as org_name',
  'orgs.path as org_path',
  'station_problems.kind',
  'station_problems.description',
  'station_problems.contact_phone_masked',
  'station_problems.signed_in',
  'station_problems.status',
  'station_problems.status_note',
  'station_problems.version',
  'station_problems.created_at',
  'station_problems.updated_at',
] as const;

function problemsSeen(db: Db, seen: StationsSeen) {
  return db
    .selectFrom('station_problems')
    .innerJoin('stations', 'stations.id', 'station_problems.station_id')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select(PROBLEM_COLUMNS)
    .where(seenStation(seen));
}

/** Problems at the stations seen, newest first, one keyset page (limit + 1 rows). */
export function findProblems(
  db: Db,
  seen: StationsSeen,
  f: { status?: ProblemStatus; stationId?: number; orgPath?: string; before?: number; limit: number },
) {
  let q = problemsSeen(db, seen);
  if (f.status) q = q.where('station_problems.status', '=', f.status);
  if (f.stationId !== undefined) q = q.where('station_problems.station_id', '=', f.stationId);
  if (f.orgPath !== undefined) q = q.where(sql<SqlBool>`orgs.path <@ ${f.orgPath}::ltree`);
  if (f.before !== undefined) q = q.where('station_problems.id', '<', f.before);
  return q
    .orderBy('station_problems.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export function findProblem(db: Db, seen: StationsSeen, id: number) {
  return problemsSeen(db, seen).where('station_problems.id', '=', id).executeTakeFirst();
}

/** Whether the account sees the problem (its photos' read). */
export async function seesProblem(db: Db, seen: StationsSeen, id: number): Promise<boolean> {
  return (await findProblem(db, seen, id)) !== undefined;
}

/** Moves a problem at the version read; undefined when it changed meanwhile. */
export function updateProblemStatus(
  db: Db,
  id: number,
  version: number,
  set: { status: ProblemStatus; status_note: string | null },
) {
  return db
    .updateTable('station_problems')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export function insertProblems(db: Db, rows: Insertable<StationProblemsTable>[]) {
  return db.insertInto('station_problems').values(rows).returning('id').execute();
}

// -- the demo seed's reads

/** The demo's stations to fill: those kept by `keeperUsername` and those in the subtree of `orgId`, not retired. */
export function findDemoStations(db: Db, keeperUsername: string, orgId: number | undefined) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .leftJoin('accounts', 'accounts.id', 'stations.keeper_account_id')
    .select([
      'stations.id',
      'stations.org_id',
      sql<boolean>`accounts.username IS NOT DISTINCT FROM ${keeperUsername}`.as('kept'),
    ])
    .where('stations.status', '<>', 'retired')
    .where((eb) =>
      eb.or([
        eb('accounts.username', '=', keeperUsername),
        sql<SqlBool>`orgs.path <@ (SELECT path FROM orgs o WHERE o.id = ${orgId ?? 0})`,
      ]),
    )
    .orderBy('stations.id')
    .execute();
}

/** Phones' blind indexes of some demo members (the raters of the demo's ratings). */
export function findDemoMemberPhones(db: Db, limit: number) {
  return db
    .selectFrom('members')
    .select('phone_hash')
    .where('phone_hash', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One Shanghai day's visits per station and occupation at the stations seen (the export reads a day at a time). */
export function countVisitsOfDayByStation(db: Db, seen: StationsSeen, f: VisitFilter, day: string) {
  return db
    .selectFrom('station_visits')
    .innerJoin('stations', 'stations.id', 'station_visits.station_id')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select([
      'stations.id as station_id',
      'stations.name as station_name',
      'orgs.name as org_name',
      'station_visits.occupation',
      sql<number>`count(*)::int`.as('visits'),
    ])
    .where(stationsMatch(seen, f))
    .where('station_visits.day', '=', day)
    .groupBy(['stations.id', 'stations.name', 'orgs.name', 'station_visits.occupation'])
    .orderBy('stations.id')
    .orderBy('station_visits.occupation')
    .execute();
}
