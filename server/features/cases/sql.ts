import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { CaseEventsTable, CasesTable } from '../../db/schema';

// 工单's queries. A case is seen by every party: the receiving union (it leads), the handling union
// and co-handling unions. `party_paths` holds their paths, so one GiST-indexed condition scopes a
// list and the single read alike (ltree[] <@ ltree: some element lies in the subtree).

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

const ORG_COLUMNS = ['id', 'name', 'type', 'path', 'status', 'region_code', 'level', 'parent_id'] as const;

export function findOrg(db: Db, id: number) {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The org at `path` and its ancestors, nearest first. */
export function findOrgChain(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where(sql<SqlBool>`path @> ${path}::ltree`)
    .orderBy(sql`nlevel(path)`, 'desc')
    .execute();
}

/** The union of the member with this phone (the newest active membership): routing's first choice. */
export function findMemberUnion(db: Db, phoneHash: Buffer) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id as member_id', 'orgs.id', 'orgs.path', 'orgs.name', 'orgs.status'])
    .where('members.phone_hash', '=', phoneHash)
    .where('members.status', 'in', ['active', 'transferring'])
    .where('orgs.status', '=', 'active')
    .orderBy('members.joined_on', 'desc')
    .orderBy('members.id', 'desc')
    .executeTakeFirst();
}

/** The nearest active union of one of `types` within `meters` of a place: the union of the place. */
export function findNearestOrg(db: Db, lat: number, lng: number, types: readonly string[], meters: number) {
  const distance = sql<number>`earth_distance(ll_to_earth(lat, lng), ll_to_earth(${lat}, ${lng}))`;
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where('status', '=', 'active')
    .where('type', 'in', [...types] as never[])
    .where('lat', 'is not', null)
    .where(sql<SqlBool>`earth_box(ll_to_earth(${lat}, ${lng}), ${meters}) @> ll_to_earth(lat, lng)`)
    .where(distance, '<=', meters)
    .orderBy(distance)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The active federation (of `types`) for a region code, the lowest first. */
export function findOrgForRegion(db: Db, regionCode: string, types: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where('status', '=', 'active')
    .where('region_code', '=', regionCode)
    .where('type', 'in', [...types] as never[])
    .orderBy('level', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function findStation(db: Db, id: number) {
  return db
    .selectFrom('stations')
    .innerJoin('orgs', 'orgs.id', 'stations.org_id')
    .select(['stations.id', 'stations.name', 'stations.lat', 'stations.lng', 'stations.region_code', 'stations.status'])
    .select(['orgs.id as org_id', 'orgs.path as org_path'])
    .where('stations.id', '=', id)
    .executeTakeFirst();
}

/** The case settings of the org at `path` and its ancestors, nearest first (a subtree inherits). */
export function findSettingsChain(db: Db, path: string) {
  return db
    .selectFrom('case_settings')
    .innerJoin('orgs', 'orgs.id', 'case_settings.org_id')
    .select(['case_settings.org_id', 'sign_days', 'limits', 'show_cadre_names', 'case_settings.version'])
    .where(sql<SqlBool>`orgs.path @> ${path}::ltree`)
    .orderBy(sql`nlevel(orgs.path)`, 'desc')
    .execute();
}

export function upsertSettings(
  db: Db,
  orgId: number,
  values: { sign_days: number; limits: Record<string, number>; show_cadre_names: boolean },
) {
  return db
    .insertInto('case_settings')
    .values({ org_id: orgId, ...values, limits: JSON.stringify(values.limits) as never })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        sign_days: values.sign_days,
        limits: JSON.stringify(values.limits) as never,
        show_cadre_names: values.show_cadre_names,
        version: sql`case_settings.version + 1`,
        updated_at: new Date(),
      }),
    )
    .returning(['version'])
    .executeTakeFirstOrThrow();
}

export function deleteSettings(db: Db, orgId: number) {
  return db.deleteFrom('case_settings').where('org_id', '=', orgId).execute();
}

/** Labels of statuses as the org at `path` sees them: the platform's, overridden by the nearest ancestor's. */
export function findStatusLabels(db: Db, path: string) {
  // The platform's rows, then the relabellings of the org's ancestors: found from the ancestors
  // (orgs_path_gist), not by joining every org to the labels (a hash of the whole tree, ~4 ms at 20k orgs).
  return db
    .selectFrom('case_statuses')
    .select(['code', 'label_zh', sql<number>`0`.as('depth')])
    .where('org_id', 'is', null)
    .unionAll(
      db
        .selectFrom('orgs')
        .innerJoin('case_statuses', 'case_statuses.org_id', 'orgs.id')
        .select(['case_statuses.code', 'case_statuses.label_zh', sql<number>`nlevel(orgs.path)`.as('depth')])
        .where(sql<SqlBool>`orgs.path @> ${path}::ltree`),
    )
    .orderBy('depth')
    .execute();
}

/** Every status with the labels that apply at `path`, each from the org nearest to it (null: the platform's). */
export function findStatusesWithLabels(db: Db, path: string) {
  return db
    .selectFrom('case_statuses as p')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_statuses as o')
          .innerJoin('orgs', 'orgs.id', 'o.org_id')
          .select(['o.label_zh', 'orgs.id as org_id', 'orgs.name as org_name'])
          .whereRef('o.code', '=', 'p.code')
          .where(sql<SqlBool>`orgs.path @> ${path}::ltree`)
          .orderBy(sql`nlevel(orgs.path)`, 'desc')
          .limit(1)
          .as('own'),
      (join) => join.onTrue(),
    )
    .select(['p.code', 'p.category', 'p.label_zh as platform_label', 'own.label_zh', 'own.org_id', 'own.org_name'])
    .where('p.org_id', 'is', null)
    .orderBy('p.sort_order')
    .execute();
}

/** The platform's row of a status code (undefined: no such status). */
export function findPlatformStatus(db: Db, code: string) {
  return db
    .selectFrom('case_statuses')
    .select(['code', 'category', 'label_en', 'sort_order'])
    .where('org_id', 'is', null)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Sets an org's own label for a status (its subtree sees it), replacing the one it had. */
export function upsertStatusLabel(
  db: Db,
  orgId: number,
  status: NonNullable<Awaited<ReturnType<typeof findPlatformStatus>>>,
  label: string,
) {
  return db
    .insertInto('case_statuses')
    .values({ org_id: orgId, ...status, label_zh: label })
    .onConflict((oc) => oc.columns(['org_id', 'code']).where('org_id', 'is not', null).doUpdateSet({ label_zh: label }))
    .execute();
}

/** Drops an org's own label for a status (it sees its ancestors' or the platform's again). */
export function deleteStatusLabel(db: Db, orgId: number, code: string) {
  return db.deleteFrom('case_statuses').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** Inserts a case unless its tracking number is taken (undefined: draw again). */
export function insertCase(db: Db, values: Insertable<CasesTable>) {
  return db
    .insertInto('cases')
    .values({ ...values, party_paths: sql`${values.party_paths}::ltree[]` as never })
    .onConflict((oc) => oc.column('tracking_no').doNothing())
    .returning(['id', 'tracking_no'])
    .executeTakeFirst();
}

export function insertEvent(db: Db, values: Insertable<CaseEventsTable>) {
  return db
    .insertInto('case_events')
    .values({ ...values, details: JSON.stringify(values.details ?? {}) as never })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export const CASE_COLUMNS = [
  'cases.id',
  'cases.tracking_no',
  'cases.kind',
  'cases.subject',
  'cases.tier',
  'cases.emergency',
  'cases.channel',
  'cases.status',
  'cases.category',
  'cases.requester_name_masked',
  'cases.phone_hash',
  'cases.phone_masked',
  'cases.anonymous',
  'cases.member_id',
  'cases.employer_name',
  'cases.employer_key',
  'cases.employer_uscc',
  'cases.station_id',
  'cases.source_ref',
  'cases.lat',
  'cases.lng',
  'cases.region_code',
  'cases.severity',
  'cases.wage_claimed_fen',
  'cases.wage_recovered_fen',
  'cases.receiving_org_id',
  'cases.handling_org_id',
  'cases.routed_org_id',
  'cases.routed_by',
  'cases.intake_account_id',
  'cases.parent_id',
  'cases.is_collective',
  'cases.received_at',
  'cases.dispatch_due_at',
  'cases.dispatched_at',
  'cases.sign_due_at',
  'cases.signed_at',
  'cases.signed_on_time',
  'cases.clock_from',
  'cases.clock_days',
  'cases.due_at',
  'cases.pending_request',
  'cases.pending_days',
  'cases.pending_reason',
  'cases.parked_at',
  'cases.replied_at',
  'cases.closed_at',
  'cases.handling_days',
  'cases.supervised_for',
  'cases.publicised_for',
  'cases.rating',
  'cases.rating_resolved',
  'cases.rating_reason',
  'cases.rated_at',
  'cases.reopen_count',
  'cases.version',
] as const;

/** One case with its parties' names and paths (no ciphertext: the description is read on its own). */
export function findCase(db: Db, id: number, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('cases')
    .innerJoin('orgs as r', 'r.id', 'cases.receiving_org_id')
    .leftJoin('orgs as h', 'h.id', 'cases.handling_org_id')
    .select(CASE_COLUMNS)
    .select(['r.name as receiving_name', 'r.path as receiving_path', 'r.region_code as receiving_region'])
    .select(['h.name as handling_name', 'h.path as handling_path', 'h.region_code as handling_region'])
    .select(sql<string[]>`cases.party_paths::text[]`.as('party_paths'))
    .where('cases.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('cases');
  return q.executeTakeFirst();
}

export function findCaseByTrackingNo(db: Db, trackingNo: string) {
  return db.selectFrom('cases').select(['id', 'phone_hash']).where('tracking_no', '=', trackingNo).executeTakeFirst();
}

export function findSealed(db: Db, id: number) {
  return db
    .selectFrom('cases')
    .select(['description_enc', 'requester_name_enc', 'phone_enc'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Applies a step's changes if the case still has the version the actor read (optimistic lock);
 * undefined when someone else changed it first. Bumps the version.
 */
export function updateCase(db: Db, id: number, version: number, values: Updateable<CasesTable>) {
  const { party_paths, ...rest } = values;
  return db
    .updateTable('cases')
    .set({
      ...rest,
      ...(party_paths ? { party_paths: sql`${party_paths}::ltree[]` as never } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export function findEvents(db: Db, caseId: number) {
  return db
    .selectFrom('case_events')
    .leftJoin('accounts', 'accounts.id', 'case_events.actor_account_id')
    .leftJoin('orgs', 'orgs.id', 'case_events.actor_org_id')
    .select([
      'case_events.id',
      'case_events.at',
      'case_events.action',
      'case_events.from_status',
      'case_events.to_status',
      'case_events.actor_kind',
      'case_events.reason',
      'case_events.internal',
      'case_events.details',
      'accounts.display_name as actor_name',
      'orgs.name as org_name',
    ])
    .where('case_events.case_id', '=', caseId)
    .orderBy('case_events.id')
    .execute();
}

export function findCoHandlers(db: Db, caseId: number) {
  return db
    .selectFrom('case_orgs')
    .innerJoin('orgs', 'orgs.id', 'case_orgs.org_id')
    .select(['orgs.id', 'orgs.name', 'orgs.path'])
    .where('case_orgs.case_id', '=', caseId)
    .orderBy('case_orgs.added_at')
    .execute();
}

export function findChildren(db: Db, parentId: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'tracking_no', 'requester_name_masked', 'anonymous', 'rating'])
    .where('parent_id', '=', parentId)
    .orderBy('id')
    .execute();
}

export function findStationName(db: Db, id: number) {
  return db.selectFrom('stations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Makes cases children of a collective parent (their own clocks now follow it). */
export function setParent(db: Db, ids: readonly number[], parentId: number) {
  return db
    .updateTable('cases')
    .set({ parent_id: parentId, version: sql`version + 1`, updated_at: new Date() })
    .where('id', 'in', [...ids])
    .where('parent_id', 'is', null)
    .returning('id')
    .execute();
}

export function insertCoHandler(db: Db, caseId: number, orgId: number, addedBy: number | null) {
  return db
    .insertInto('case_orgs')
    .values({ case_id: caseId, org_id: orgId, added_by: addedBy })
    .onConflict((oc) => oc.columns(['case_id', 'org_id']).doNothing())
    .returning('org_id')
    .executeTakeFirst();
}
