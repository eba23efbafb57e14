import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { StationsTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

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

// ---- The registry's queries (registry.ts): scoped by the owning org's path.

/**
 * Who sees a station in the registry: stations.manage over its org, or its keeper while a
 * stations.keep grant covers its org. Both checks live here, in the SQL of every read.
 */
export interface RegistryAccess {
  manage: Scope;
  keep: Scope;
  accountId: number;
}

/** What a list filters by (the list's query and its export). */
export interface RegistryFilter {
  text?: string;
  orgId?: number;
  kind?: string;
  status?: string;
  amenity?: string;
  hasKeeper?: boolean;
  award?: boolean;
}

const REGISTRY_COLUMNS = [
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
  'stations.award',
  'stations.award_year',
  'stations.org_id',
  'stations.keeper_account_id',
  'stations.version',
  'stations.updated_at',
  'orgs.name as org_name',
  'orgs.path as org_path',
  'keeper.display_name as keeper_name',
] as const;

function registryScoped(db: Db, access: RegistryAccess) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .leftJoin('accounts as keeper', 'keeper.id', 'stations.keeper_account_id')
    .select(REGISTRY_COLUMNS)
    .where((eb) =>
      eb.or([
        pathInScope(access.manage, 'orgs.path'),
        eb.and([eb('stations.keeper_account_id', '=', access.accountId), pathInScope(access.keep, 'orgs.path')]),
      ]),
    );
}

function registryFiltered(qb: ReturnType<typeof registryScoped>, f: RegistryFilter) {
  if (f.orgId !== undefined)
    qb = qb.where(sql<SqlBool>`orgs.path <@ (SELECT path FROM orgs o WHERE o.id = ${f.orgId})`);
  if (f.kind) qb = qb.where('stations.kind', '=', f.kind as StationsTable['kind']);
  if (f.status) qb = qb.where('stations.status', '=', f.status as 'open');
  if (f.amenity) qb = qb.where(sql<SqlBool>`${f.amenity} = ANY(stations.amenities)`);
  if (f.hasKeeper !== undefined) qb = qb.where('stations.keeper_account_id', f.hasKeeper ? 'is not' : 'is', null);
  if (f.award !== undefined) qb = qb.where('stations.award', f.award ? 'is not' : 'is', null);
  if (f.text) {
    const like = `%${f.text}%`;
    qb = qb.where((eb) => eb.or([eb('stations.name', 'like', like), eb('stations.address', 'like', like)]));
  }
  return qb;
}

/** One page of the registry, newest first (keyset on id). */
export function findRegistryStations(
  db: Db,
  access: RegistryAccess,
  f: RegistryFilter & { afterId?: number; limit: number },
) {
  let qb = registryFiltered(registryScoped(db, access), f);
  if (f.afterId !== undefined) qb = qb.where('stations.id', '<', f.afterId);
  return qb
    .orderBy('stations.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export type RegistryRow = Awaited<ReturnType<typeof findRegistryStations>>[number];

/** One station the caller sees in the registry (missing and out of scope alike: undefined). */
export function findRegistryStation(db: Db, access: RegistryAccess, id: number, options: { forUpdate?: boolean } = {}) {
  const qb = registryScoped(db, access).where('stations.id', '=', id);
  return (options.forUpdate ? qb.forUpdate('stations') : qb).executeTakeFirst();
}

/** An active org in the scope (missing and out of scope alike: undefined). */
export function findOrgInScope(db: Db, scope: Scope, orgId: number) {
  return db
    .selectFrom('orgs')
    .select(['orgs.id', 'orgs.path', 'orgs.name', 'orgs.status'])
    .where('orgs.id', '=', orgId)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();
}

/**
 * Active accounts that may keep a station at `orgPath`: a grant whose role carries stations.keep
 * on an org at or above it, that grant's org lying in `scope` (the appointing cadre's).
 */
export function findKeeperCandidates(db: Db, scope: Scope, orgPath: string, accountId?: number) {
  let qb = db
    .selectFrom('grants')
    .innerJoin('roles', 'roles.id', 'grants.role_id')
    .innerJoin('orgs', 'orgs.id', 'grants.org_id')
    .innerJoin('accounts', 'accounts.id', 'grants.account_id')
    .select(['accounts.id', 'accounts.username', 'accounts.display_name', 'orgs.name as org_name'])
    .where(sql<SqlBool>`'stations.keep' = ANY(roles.permissions)`)
    .where(sql<SqlBool>`${orgPath}::ltree <@ orgs.path`)
    .where(pathInScope(scope, 'orgs.path'))
    .where('accounts.status', '=', 'active')
    .distinctOn('accounts.id')
    .orderBy('accounts.id');
  if (accountId !== undefined) qb = qb.where('accounts.id', '=', accountId);
  return qb.limit(200).execute();
}

/** Adds one station; answers its id. */
export async function insertStation(db: Db, row: Insertable<StationsTable>): Promise<number> {
  return (await db.insertInto('stations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Applies an edit and moves the version on. */
export function updateStation(db: Db, id: number, set: Updateable<StationsTable>) {
  return db
    .updateTable('stations')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** The active orgs of a subtree (the import's 所属工会 column). */
export function findSubtreeOrgs(db: Db, orgId: number) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('orgs as root', (j) => j.on(sql<SqlBool>`o.path <@ root.path`))
    .where('root.id', '=', orgId)
    .where('o.status', '=', 'active')
    .select(['o.id', 'o.name', 'o.short_name'])
    .execute();
}

/** Which (org, name) pairs already name a station that is not retired. */
export function findStationsNamed(db: Db, pairs: readonly { orgId: number; name: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stations')
    .select(['org_id', 'name'])
    .where('status', '<>', 'retired')
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('org_id', '=', p.orgId), eb('name', '=', p.name)]))))
    .execute();
}

/** An account by username (the demo seed's keeper). */
export function findAccountIdByUsername(db: Db, username: string) {
  return db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
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
