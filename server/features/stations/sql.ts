import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { StationsTable } from '../../db/schema';

// The stations' queries. The public reads see every station that is not retired; the console's
// scoped reads (next) will add the owning org's path to their WHERE.

/** What the nearby search and the public record need of a station. */
const PUBLIC_COLUMNS = [
  'stations.id',
  'stations.name',
  'stations.kind',
  'stations.address',
  'stations.region_code',
  'stations.lat',
  'stations.lng',
  'stations.amenities',
  'stations.opening_hours',
  'stations.phone',
  'stations.status',
  'stations.closed_until',
] as const;

/**
 * Stations the public can find (not retired): those of `ids` (the index's refresh), or one page of all
 * of them in id order after `after` (the index's full reload).
 */
export function findSearchableStations(db: Db, which: { ids: readonly number[] } | { after: number; limit: number }) {
  const q = db.selectFrom('stations').select(PUBLIC_COLUMNS).where('stations.status', '<>', 'retired');
  if ('ids' in which) return q.where('stations.id', 'in', which.ids.length > 0 ? [...which.ids] : [0]).execute();
  return q.where('stations.id', '>', which.after).orderBy('stations.id').limit(which.limit).execute();
}

/**
 * A fingerprint of every searchable station (how many, and a sum of each row's hash): computed in the
 * database, so the index's periodic check costs one scan there and no rows on the wire.
 */
export async function stationsFingerprint(db: Db): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    SELECT count(*) || ':' || coalesce(sum(hashtext(s::text)::bigint), 0) AS f
      FROM stations s WHERE s.status <> 'retired'`.execute(db);
  return rows[0]!.f;
}

export type SearchableStation = Awaited<ReturnType<typeof findSearchableStations>>[number];

/**
 * The database-only nearest search: stations within `radiusM` of a WGS-84 point holding every
 * amenity, nearest first (KNN on the earth cube through the GiST index stations_earth), one page.
 */
export function findNearestInDatabase(
  db: Db,
  p: { lat: number; lng: number; radiusM: number; amenities: readonly string[]; limit: number; offset: number },
) {
  const here = sql`ll_to_earth(${p.lat}, ${p.lng})`;
  const there = sql`ll_to_earth(stations.lat, stations.lng)`;
  let q = db
    .selectFrom('stations')
    .select(PUBLIC_COLUMNS)
    .where('stations.status', '<>', 'retired')
    .where(sql<boolean>`earth_box(${here}, ${p.radiusM}) @> ${there}`)
    .where(sql<boolean>`earth_distance(${here}, ${there}) <= ${p.radiusM}`);
  if (p.amenities.length > 0) q = q.where(sql<boolean>`stations.amenities @> ${sql.val([...p.amenities])}::text[]`);
  return q
    .orderBy(sql`${there} <-> ${here}`)
    .limit(p.limit)
    .offset(p.offset)
    .execute();
}

/** One station the public may see, with its owning union's name. */
export function findPublicStation(db: Db, id: number) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select([...PUBLIC_COLUMNS, 'stations.award', 'stations.award_year', 'orgs.name as org_name'])
    .where('stations.id', '=', id)
    .where('stations.status', '<>', 'retired')
    .executeTakeFirst();
}

/** Adds stations (the demo seed; the registry's create and import come next). */
export function insertStations(db: Db, rows: Insertable<StationsTable>[]) {
  return db.insertInto('stations').values(rows).returning(['id']).execute();
}

/**
 * One page of the public feed (migration T1230): stations in (feed_xid, id) order after a position,
 * written only by transactions older than any still running — a later commit can never land before
 * a position already served. Without a position (a first pull) retired stations are left out; after
 * one they come too, so a partner learns of the retirement.
 */
export function findFeedPage(db: Db, p: { after: { xid: string; id: number } | null; limit: number }) {
  let q = db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select([
      ...PUBLIC_COLUMNS,
      'orgs.name as org_name',
      'stations.updated_at',
      sql<string>`stations.feed_xid::text`.as('xid'),
    ])
    .where(sql<boolean>`stations.feed_xid < pg_snapshot_xmin(pg_current_snapshot())`);
  q = p.after
    ? q.where(sql<boolean>`(stations.feed_xid, stations.id) > (${p.after.xid}::xid8, ${p.after.id})`)
    : q.where('stations.status', '<>', 'retired');
  return q
    .orderBy(sql`stations.feed_xid`)
    .orderBy('stations.id')
    .limit(p.limit)
    .execute();
}
