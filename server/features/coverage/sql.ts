import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { CoveragePointsTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

// The coverage feature's queries: its own tables (point sets, points, runs), and reads of stations,
// members and orgs for the analysis.

/** The point set an import fills, made on its first batch (a resumed import finds it again). */
export async function setForImport(db: Db, p: { importId: number; orgId: number; createdBy: number | null }) {
  const existing = await db.selectFrom('coverage_point_sets').select('id').where('import_id', '=', p.importId).executeTakeFirst();
  if (existing) return existing.id;
  const imp = await db.selectFrom('imports').select('original_name').where('id', '=', p.importId).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('coverage_point_sets')
    .values({
      org_id: p.orgId,
      name: imp.original_name.replace(/\.xlsx$/i, '').slice(0, 200) || '上传的点',
      source: 'upload',
      import_id: p.importId,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertPoints(db: Db, setId: number, points: readonly Omit<Insertable<CoveragePointsTable>, 'set_id'>[]) {
  if (points.length === 0) return;
  await db
    .insertInto('coverage_points')
    .values(points.map((p) => ({ ...p, set_id: setId })))
    .execute();
  await db
    .updateTable('coverage_point_sets')
    .set((eb) => ({ point_count: eb('point_count', '+', points.length) }))
    .where('id', '=', setId)
    .execute();
}

export function insertPointSet(db: Db, set: { org_id: number; name: string; source: 'upload' | 'demo' }) {
  return db.insertInto('coverage_point_sets').values(set).returning('id').executeTakeFirstOrThrow();
}

/** Point sets the scope may use: those of its orgs and of their ancestors' (a city's hotspots serve its districts too). */
export function listPointSets(db: Db, scope: Scope) {
  return db
    .selectFrom('coverage_point_sets as s')
    .innerJoin('orgs', 'orgs.id', 's.org_id')
    .select(['s.id', 's.name', 's.source', 's.point_count', 's.created_at', 'orgs.name as org_name'])
    .where(pathInScope(scope, 'orgs.path'))
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute();
}

export function findPointSetInScope(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('coverage_point_sets as s')
    .innerJoin('orgs', 'orgs.id', 's.org_id')
    .select(['s.id', 's.name', 's.point_count'])
    .where('s.id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();
}

/** One page of a set's points, by their physical order (a set is written once and read whole). */
export function findSetPoints(db: Db, setId: number) {
  return db.selectFrom('coverage_points').select(['lat', 'lng', 'weight']).where('set_id', '=', setId).execute();
}

/**
 * The members' demand: one point per union with a place in the subtree of `orgPath`, weighted by its
 * active members, and the child of the analysed org it lies under (its group).
 */
export function findMemberDemand(db: Db, orgPath: string) {
  return db
    .selectFrom('orgs')
    .innerJoin('members', 'members.org_id', 'orgs.id')
    .select([
      'orgs.lat',
      'orgs.lng',
      sql<string>`subpath(orgs.path, 0, least(nlevel(orgs.path), nlevel(${orgPath}::ltree) + 1))::text`.as('group_path'),
      (eb) => eb.fn.countAll<string>().as('weight'),
    ])
    .where(sql<boolean>`orgs.path <@ ${orgPath}::ltree`)
    .where('orgs.lat', 'is not', null)
    .where('orgs.lng', 'is not', null)
    .where('members.status', '=', 'active')
    .groupBy(['orgs.id', 'orgs.lat', 'orgs.lng', 'orgs.path'])
    .execute();
}

/** The direct children of an org (the analysis's groups), by path. */
export function findChildren(db: Db, orgPath: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', sql<string>`path::text`.as('path')])
    .where(sql<boolean>`path ~ ${`${orgPath}.*{1}`}::lquery`)
    .orderBy('name')
    .execute();
}

/** Open stations (in service) inside a box: every union's, since a rider uses any. */
export function findOpenStationsIn(db: Db, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }) {
  return db
    .selectFrom('stations')
    .select(['lat', 'lng'])
    .where('status', '=', 'open')
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('lng', '>=', box.minLng)
    .where('lng', '<=', box.maxLng)
    .execute();
}

export function findOrgPath(db: Db, id: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', sql<string>`path::text`.as('path')])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertRun(db: Db, run: { org_id: number; source: 'members' | 'set'; set_id: number | null; created_by: number | null }) {
  return db.insertInto('coverage_runs').values(run).returning('id').executeTakeFirstOrThrow();
}

export function setRunJob(db: Db, id: number, jobId: number) {
  return db.updateTable('coverage_runs').set({ job_id: jobId }).where('id', '=', id).execute();
}

export function finishRun(db: Db, id: number, result: unknown) {
  return db
    .updateTable('coverage_runs')
    .set({ status: 'done', result: JSON.stringify(result), finished_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function failRun(db: Db, id: number) {
  return db.updateTable('coverage_runs').set({ status: 'failed', finished_at: new Date() }).where('id', '=', id).execute();
}

export function findRun(db: Db, id: number) {
  return db
    .selectFrom('coverage_runs')
    .select(['id', 'org_id', 'set_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

const RUN_COLUMNS = [
  'r.id',
  'r.org_id',
  'orgs.name as org_name',
  'r.source',
  'r.set_id',
  'sets.name as set_name',
  'r.status',
  'r.created_at',
  'r.finished_at',
  'jobs.progress',
  'jobs.progress_message',
  'jobs.state as job_state',
] as const;

function runs(db: Db, scope: Scope) {
  return db
    .selectFrom('coverage_runs as r')
    .innerJoin('orgs', 'orgs.id', 'r.org_id')
    .leftJoin('coverage_point_sets as sets', 'sets.id', 'r.set_id')
    .leftJoin('jobs', 'jobs.id', 'r.job_id')
    .where(pathInScope(scope, 'orgs.path'));
}

export function listRuns(db: Db, scope: Scope) {
  return runs(db, scope).select(RUN_COLUMNS).orderBy('r.id', 'desc').limit(50).execute();
}

export function findRunInScope(db: Db, scope: Scope, id: number) {
  return runs(db, scope).select([...RUN_COLUMNS, 'r.result']).where('r.id', '=', id).executeTakeFirst();
}
