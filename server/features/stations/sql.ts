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

/** Stations the public can find (not retired): all of them, or those of `ids` (the index's refresh). */
export function findSearchableStations(db: Db, ids?: readonly number[]) {
  let q = db.selectFrom('stations').select(PUBLIC_COLUMNS).where('stations.status', '<>', 'retired');
  if (ids) q = q.where('stations.id', 'in', ids.length > 0 ? [...ids] : [0]);
  return q.execute();
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
