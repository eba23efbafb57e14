import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { CaseCategory } from '../../../common/cases';
import type { Db } from '../../db/database';
import type { CaseEventsTable, CasesTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

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
  return db
    .selectFrom('case_statuses')
    .leftJoin('orgs', 'orgs.id', 'case_statuses.org_id')
    .select(['case_statuses.code', 'case_statuses.label_zh', sql<number>`coalesce(nlevel(orgs.path), 0)`.as('depth')])
    .where((eb) => eb.or([eb('case_statuses.org_id', 'is', null), sql<SqlBool>`orgs.path @> ${path}::ltree`]))
    .orderBy('depth')
    .execute();
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

const CASE_COLUMNS = [
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
    .select(['id', 'tracking_no', 'requester_name_masked', 'anonymous'])
    .where('parent_id', '=', parentId)
    .orderBy('id')
    .execute();
}

export function findStationName(db: Db, id: number) {
  return db.selectFrom('stations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** What a list filters on, already checked by the service. */
export interface CaseFilter {
  scopes: readonly Scope[];
  q?: { trackingNo: string | null; employerLike: string | null };
  kind?: string;
  subject?: string;
  category?: CaseCategory;
  categories?: readonly CaseCategory[];
  /** Cases whose receiving union is in this scope (the dispatcher's queues). */
  receivingIn?: Scope;
  /** Cases whose handling union is in this scope (the handler's queue). */
  handlingIn?: Scope;
  pending?: boolean;
  overdueAt?: Date;
  publicised?: boolean;
  intakeAccountId?: number;
  orgPath?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  channel?: string;
  emergency?: boolean;
  collective?: boolean;
  receivedFrom?: Date;
  receivedTo?: Date;
}

/** Any of the scopes holds one of the case's parties. */
function partyInScopes(scopes: readonly Scope[]) {
  const parts = scopes.flatMap((s) => s.paths.map((p) => sql`cases.party_paths <@ ${p}::ltree`));
  // Duplicate roots across permissions are folded by the caller; none at all matches nothing.
  return parts.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** The cases a filter holds, in scope: the one query behind every list and count. */
function filtered(db: Db, f: CaseFilter) {
  let q = db
    .selectFrom('cases')
    .innerJoin('orgs as r', 'r.id', 'cases.receiving_org_id')
    .leftJoin('orgs as h', 'h.id', 'cases.handling_org_id')
    .where(partyInScopes(f.scopes));
  if (f.q?.trackingNo) q = q.where('cases.tracking_no', '=', f.q.trackingNo);
  if (f.q?.employerLike) q = q.where('cases.employer_name', 'like', f.q.employerLike);
  if (f.kind) q = q.where('cases.kind', '=', f.kind as never);
  if (f.subject) q = q.where('cases.subject', '=', f.subject);
  if (f.category) q = q.where('cases.category', '=', f.category);
  if (f.categories) q = q.where('cases.category', 'in', [...f.categories]);
  if (f.receivingIn) q = q.where(pathInScope(f.receivingIn, 'r.path'));
  if (f.handlingIn) q = q.where(pathInScope(f.handlingIn, 'h.path'));
  if (f.pending) q = q.where('cases.pending_request', 'is not', null);
  if (f.overdueAt) q = q.where('cases.due_at', '<=', f.overdueAt);
  if (f.publicised) q = q.where('cases.publicised_for', 'is not', null);
  if (f.intakeAccountId) q = q.where('cases.intake_account_id', '=', f.intakeAccountId);
  if (f.orgPath) q = q.where(sql<SqlBool>`cases.party_paths <@ ${f.orgPath}::ltree`);
  if (f.dueBefore) q = q.where('cases.due_at', '<=', f.dueBefore);
  if (f.dueAfter) q = q.where('cases.due_at', '>', f.dueAfter);
  if (f.channel) q = q.where('cases.channel', '=', f.channel as never);
  if (f.emergency !== undefined) q = q.where('cases.emergency', '=', f.emergency);
  if (f.collective !== undefined) q = q.where('cases.is_collective', '=', f.collective);
  if (f.receivedFrom) q = q.where('cases.received_at', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('cases.received_at', '<', f.receivedTo);
  return q;
}

/** One page of cases in scope, most urgent (or newest) first; keyset on (due_at|received_at, id). */
export function listCases(
  db: Db,
  f: CaseFilter,
  sort: 'due' | 'received' | 'emergency',
  after: [string, number] | [number, string, number] | undefined,
  limit: number,
) {
  let q = filtered(db, f).select(CASE_COLUMNS).select(['r.name as receiving_name', 'h.name as handling_name']);
  if (sort === 'emergency') {
    // Emergencies first (dispatched within the hour), then by due date: the dispatcher's queue.
    if (after)
      q = q.where(
        sql<SqlBool>`(NOT cases.emergency, cases.due_at, cases.id) > (${after[0] === 0}, ${after[1]}::timestamptz, ${after[2]})`,
      );
    q = q
      .orderBy(sql`NOT cases.emergency`)
      .orderBy('cases.due_at')
      .orderBy('cases.id');
  } else if (sort === 'due') {
    if (after) q = q.where(sql<SqlBool>`(cases.due_at, cases.id) > (${after[0]}::timestamptz, ${after[1]})`);
    q = q.orderBy('cases.due_at').orderBy('cases.id');
  } else {
    if (after) q = q.where(sql<SqlBool>`(cases.received_at, cases.id) < (${after[0]}::timestamptz, ${after[1]})`);
    q = q.orderBy('cases.received_at', 'desc').orderBy('cases.id', 'desc');
  }
  return q.limit(limit + 1).execute();
}

/** How many cases a filter holds (the queue badges), counting at most `cap`. */
export async function countCases(db: Db, f: CaseFilter, cap: number): Promise<number> {
  const rows = await filtered(db, f).select('cases.id').limit(cap).execute();
  return rows.length;
}

/** A requester's cases by their phone's blind index, newest first. */
export function findCasesOfPhone(db: Db, phoneHash: Buffer, limit: number) {
  return db
    .selectFrom('cases')
    .select('id')
    .where('phone_hash', '=', phoneHash)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Earlier cases of a caller (the hotline's lookup), newest first. */
export function findRecentCasesOfPhone(db: Db, phoneHash: Buffer, scopes: readonly Scope[], limit: number) {
  return db
    .selectFrom('cases')
    .innerJoin('orgs as r', 'r.id', 'cases.receiving_org_id')
    .leftJoin('orgs as h', 'h.id', 'cases.handling_org_id')
    .select(CASE_COLUMNS)
    .select(['r.name as receiving_name', 'h.name as handling_name'])
    .where('cases.phone_hash', '=', phoneHash)
    .where(partyInScopes(scopes))
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute();
}

/** How far apart two reports may be to be "the same place" for a collective case. */
const SAME_PLACE_M = 500;

/**
 * Open cases that look like `c` (the same employer by USCC or normalised name, the same station, or
 * within 500 m), received within `days` of it, not yet in a collective case, in the scopes given.
 */
export function findSimilarCases(
  db: Db,
  c: {
    id: number;
    employer_key: string | null;
    employer_uscc: string | null;
    station_id: number | null;
    lat: number | null;
    lng: number | null;
    received_at: Date;
  },
  scopes: readonly Scope[],
  days: number,
  limit: number,
) {
  const from = new Date(c.received_at.getTime() - days * 86_400_000);
  const to = new Date(c.received_at.getTime() + days * 86_400_000);
  return db
    .selectFrom('cases')
    .innerJoin('orgs as r', 'r.id', 'cases.receiving_org_id')
    .leftJoin('orgs as h', 'h.id', 'cases.handling_org_id')
    .select(CASE_COLUMNS)
    .select(['r.name as receiving_name', 'h.name as handling_name'])
    .select([
      sql<boolean>`cases.employer_uscc IS NOT DISTINCT FROM ${c.employer_uscc} AND ${c.employer_uscc}::text IS NOT NULL`.as(
        'same_uscc',
      ),
      sql<boolean>`cases.employer_key = ${c.employer_key}`.as('same_employer'),
      sql<boolean>`cases.station_id = ${c.station_id}`.as('same_station'),
    ])
    .where('cases.id', '<>', c.id)
    .where('cases.parent_id', 'is', null)
    .where('cases.is_collective', '=', false)
    .where('cases.category', 'in', ['new', 'dispatched', 'in_progress'])
    .where('cases.received_at', '>=', from)
    .where('cases.received_at', '<=', to)
    .where(partyInScopes(scopes))
    .where((eb) => {
      const any = [];
      if (c.employer_uscc) any.push(eb('cases.employer_uscc', '=', c.employer_uscc));
      if (c.employer_key) any.push(eb('cases.employer_key', '=', c.employer_key));
      if (c.station_id !== null) any.push(eb('cases.station_id', '=', c.station_id));
      if (c.lat !== null && c.lng !== null)
        any.push(
          sql<SqlBool>`cases.lat IS NOT NULL AND earth_distance(ll_to_earth(cases.lat, cases.lng), ll_to_earth(${c.lat}, ${c.lng})) <= ${SAME_PLACE_M}`,
        );
      return any.length ? eb.or(any) : sql<SqlBool>`false`;
    })
    .orderBy('cases.received_at')
    .orderBy('cases.id')
    .limit(limit)
    .execute();
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

// ————— The hotline's knowledge base —————

const ANSWER_COLUMNS = [
  'case_answers.id',
  'case_answers.org_id',
  'case_answers.kind',
  'case_answers.title',
  'case_answers.body',
  'case_answers.keywords',
  'case_answers.retired',
  'case_answers.version',
  'case_answers.updated_at',
  'orgs.name as org_name',
  'orgs.path as org_path',
] as const;

/** Answers the caller reads: of unions above or at their grants (`above`), or in their scope (`within`). */
function answersSeen(above: readonly string[], within: Scope) {
  const up = above.map((p) => sql`orgs.path @> ${p}::ltree`);
  const parts = [...up, pathInScope(within, 'orgs.path')];
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

export function listAnswers(
  db: Db,
  f: { above: readonly string[]; within: Scope; like?: string; kind?: string; retired: boolean },
  after: [string, number] | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('case_answers')
    .innerJoin('orgs', 'orgs.id', 'case_answers.org_id')
    .select(ANSWER_COLUMNS)
    .where(answersSeen(f.above, f.within))
    .where('case_answers.retired', '=', f.retired);
  if (f.like)
    q = q.where(
      sql<SqlBool>`(case_answers.title || ' ' || case_answers.keywords || ' ' || case_answers.body) ILIKE ${f.like}`,
    );
  if (f.kind)
    q = q.where((eb) => eb.or([eb('case_answers.kind', '=', f.kind as never), eb('case_answers.kind', 'is', null)]));
  if (after) q = q.where(sql<SqlBool>`(case_answers.title, case_answers.id) > (${after[0]}, ${after[1]})`);
  return q
    .orderBy('case_answers.title')
    .orderBy('case_answers.id')
    .limit(limit + 1)
    .execute();
}

export function findAnswer(db: Db, id: number) {
  return db
    .selectFrom('case_answers')
    .innerJoin('orgs', 'orgs.id', 'case_answers.org_id')
    .select(ANSWER_COLUMNS)
    .where('case_answers.id', '=', id)
    .executeTakeFirst();
}

export function insertAnswer(db: Db, values: Insertable<import('../../db/schema').CaseAnswersTable>) {
  return db.insertInto('case_answers').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateAnswer(
  db: Db,
  id: number,
  version: number,
  values: Updateable<import('../../db/schema').CaseAnswersTable>,
) {
  return db
    .updateTable('case_answers')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

// ————— The requester's side (server/features/cases/public.ts) —————

/** The columns the requester's view of a case needs (PublicCaseView), with the phone's blind index to check. */
function publicCaseQuery(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('orgs as receiving', 'receiving.id', 'cases.receiving_org_id')
    .select([
      'cases.id',
      'cases.tracking_no',
      'cases.kind',
      'cases.subject',
      'cases.status',
      'cases.category',
      'cases.received_at',
      'cases.due_at',
      'cases.rating',
      'cases.phone_hash',
      'cases.receiving_org_id',
      'receiving.name as org_name',
      'receiving.path as org_path',
    ]);
}

export type PublicCaseRow = Awaited<ReturnType<ReturnType<typeof publicCaseQuery>['executeTakeFirstOrThrow']>>;

/** One case by its tracking number (the caller compares the phone). */
export async function findPublicCase(db: Db, trackingNo: string) {
  return publicCaseQuery(db).where('cases.tracking_no', '=', trackingNo).executeTakeFirst();
}

/** The cases filed with this phone (blind index), newest first: 我的诉求. */
export async function findPublicCasesByPhone(db: Db, phoneHash: Buffer, limit: number) {
  return publicCaseQuery(db)
    .where('cases.phone_hash', '=', phoneHash)
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The timeline entries a requester may see of these cases, oldest first: never an internal row,
 * and of the rest only the listed actions. The actor's name comes with each; the caller drops it
 * unless the org shows cadre names.
 */
export async function findPublicEvents(db: Db, caseIds: readonly number[], actions: readonly string[]) {
  if (caseIds.length === 0 || actions.length === 0) return [];
  return db
    .selectFrom('case_events as e')
    .leftJoin('orgs', 'orgs.id', 'e.actor_org_id')
    .leftJoin('accounts', 'accounts.id', 'e.actor_account_id')
    .select([
      'e.case_id',
      'e.at',
      'e.action',
      'e.to_status',
      'e.actor_kind',
      'e.reason',
      'orgs.name as org_name',
      'accounts.display_name as actor_name',
    ])
    .where('e.case_id', 'in', [...caseIds])
    .where('e.internal', '=', false)
    .where('e.action', 'in', [...actions])
    .orderBy('e.case_id')
    .orderBy('e.id')
    .execute();
}

// ————— Supervision sweeps (sweep.ts) —————

/** One sweep batch's outcome: the rows looked at (claimed), the events written, and where the next batch starts. */
export interface SweepBatch {
  picked: number;
  taken: number;
  last: { dueAt: Date; id: number } | null;
}

/** Where a keyset sweep stands: the (due_at, id) of the last row of the previous batch. */
export type SweepAfter = { dueAt: Date; id: number } | null;

const iso = (column: string) => sql`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The shape every sweep step shares: claim up to `limit` open cases matching `condition` in
 * (due_at, id) order after `after` (the partial index cases_open_due serves it), FOR UPDATE SKIP
 * LOCKED; set `mark` = `markValue` on the rows whose condition still holds; append one internal
 * system event per row taken, in the same statement. The condition names the mark (… IS DISTINCT
 * FROM due_at), so a row is taken once per due date however many nodes run: a row another node
 * locked is skipped, and one it already marked no longer matches (READ COMMITTED re-reads a row
 * after its lock). `version` and `updated_at` stay as they are: a reminder is not an edit, and a
 * cadre's optimistic lock must not break because the sweep passed by.
 */
async function sweepBatch(
  db: Db,
  spec: {
    action: 'remind' | 'supervise' | 'publicise';
    condition: Expression<SqlBool>;
    mark: 'reminded_for' | 'supervised_for' | 'publicised_for';
    markValue: 'due_at' | 'dispatch_due_at';
    /** remind: the union that handles it; supervise and publicise: the union above it. */
    actorOrg: 'none' | 'upper';
    extra?: Expression<unknown>;
    now: Date;
    after: SweepAfter;
    limit: number;
  },
): Promise<SweepBatch> {
  const after = spec.after ? sql`AND (c.due_at, c.id) > (${spec.after.dueAt}, ${spec.after.id})` : sql``;
  const mark = sql.ref(spec.mark);
  const value = sql.ref(`c.${spec.markValue}`);
  const actorOrg =
    spec.actorOrg === 'upper'
      ? sql`(SELECT coalesce(o.parent_id, o.id) FROM orgs o WHERE o.id = coalesce(t.handling_org_id, t.receiving_org_id))`
      : sql`NULL::integer`;
  const result = await sql<{
    picked: string | number;
    taken: string | number;
    last_due: Date | null;
    last_id: string | number | null;
  }>`
    WITH picked AS (
      SELECT c.id, c.due_at FROM cases c
      WHERE c.category IN ('new', 'dispatched', 'in_progress') AND ${spec.condition} ${after}
      ORDER BY c.due_at, c.id
      LIMIT ${spec.limit}
      FOR UPDATE OF c SKIP LOCKED
    ), taken AS (
      UPDATE cases c SET ${mark} = ${value}
      FROM picked
      WHERE c.id = picked.id AND ${spec.condition}
      RETURNING c.id, c.due_at, c.dispatch_due_at, c.handling_org_id, c.receiving_org_id, c.emergency
    ), events AS (
      INSERT INTO case_events (case_id, at, action, actor_kind, actor_org_id, internal, details)
      SELECT t.id, ${spec.now}, ${spec.action}, 'system', ${actorOrg}, true,
        jsonb_build_object('due_at', ${iso('t.due_at')}, 'org_id', coalesce(t.handling_org_id, t.receiving_org_id))
          ${spec.extra ? sql`|| ${spec.extra}` : sql``}
      FROM taken t
      RETURNING case_id
    )
    SELECT
      (SELECT count(*) FROM picked) AS picked,
      (SELECT count(*) FROM events) AS taken,
      (SELECT due_at FROM picked ORDER BY due_at DESC, id DESC LIMIT 1) AS last_due,
      (SELECT id FROM picked ORDER BY due_at DESC, id DESC LIMIT 1) AS last_id
  `.execute(db);
  const row = result.rows[0]!;
  return {
    picked: Number(row.picked),
    taken: Number(row.taken),
    last: row.last_due && row.last_id !== null ? { dueAt: new Date(row.last_due), id: Number(row.last_id) } : null,
  };
}

/** 催办: open cases due within (now, until] not yet reminded for this due date. */
export function remindDueSoon(db: Db, now: Date, until: Date, after: SweepAfter, limit: number) {
  return sweepBatch(db, {
    action: 'remind',
    condition: sql<SqlBool>`c.due_at > ${now} AND c.due_at <= ${until} AND c.reminded_for IS DISTINCT FROM c.due_at`,
    mark: 'reminded_for',
    markValue: 'due_at',
    actorOrg: 'none',
    now,
    after,
    limit,
  });
}

/** 督办: open cases past their due date not yet supervised for it. */
export function superviseOverdue(db: Db, now: Date, after: SweepAfter, limit: number) {
  return sweepBatch(db, {
    action: 'supervise',
    condition: sql<SqlBool>`c.due_at <= ${now} AND c.supervised_for IS DISTINCT FROM c.due_at`,
    mark: 'supervised_for',
    markValue: 'due_at',
    actorOrg: 'upper',
    now,
    after,
    limit,
  });
}

/** 通报: open cases due at or before `cutoff` (still overdue PUBLICISE_AFTER_WORKING_DAYS later) not yet listed for it. */
export function publiciseOverdue(db: Db, now: Date, cutoff: Date, after: SweepAfter, limit: number) {
  return sweepBatch(db, {
    action: 'publicise',
    condition: sql<SqlBool>`c.due_at <= ${cutoff} AND c.publicised_for IS DISTINCT FROM c.due_at`,
    mark: 'publicised_for',
    markValue: 'due_at',
    actorOrg: 'upper',
    now,
    after,
    limit,
  });
}

/**
 * An emergency still waiting for dispatch past its hour: supervised once, marked with
 * supervised_for = dispatch_due_at. The resolution deadline always lies later, so once the
 * ordinary 督办 has marked due_at (≥ dispatch_due_at) this never matches again.
 */
export function superviseUndispatchedEmergencies(db: Db, now: Date, after: SweepAfter, limit: number) {
  return sweepBatch(db, {
    action: 'supervise',
    condition: sql<SqlBool>`c.emergency AND c.category = 'new' AND c.dispatch_due_at <= ${now}
      AND (c.supervised_for IS NULL OR c.supervised_for < c.dispatch_due_at)`,
    mark: 'supervised_for',
    markValue: 'dispatch_due_at',
    actorOrg: 'upper',
    extra: sql`jsonb_build_object('emergency', true, 'dispatch_due_at', ${iso('t.dispatch_due_at')})`,
    now,
    after,
    limit,
  });
}

// ————— Notices to the requester (notify.ts) —————

/** The latest event of one of `actions` on a case: the step a notice is about. */
export function findLatestStepEvent(db: Db, caseId: number, actions: readonly string[]) {
  return db
    .selectFrom('case_events')
    .select(['id', 'action'])
    .where('case_id', '=', caseId)
    .where('action', 'in', actions)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What a notice needs: where it goes (sealed), the tracking number, the kind, and whether it was sent already. */
export function findNoticeCase(db: Db, caseId: number, eventId: number) {
  return db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.tracking_no',
      'c.kind',
      'c.phone_enc',
      'c.category',
      'c.parent_id',
      eb
        .exists(
          eb
            .selectFrom('case_events as n')
            .select('n.id')
            .whereRef('n.case_id', '=', 'c.id')
            .where('n.action', '=', 'notify')
            .where(sql<SqlBool>`n.details->>'event_id' = ${String(eventId)}`),
        )
        .as('sent'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/** The timeline's trace of a notice sent (internal: the requester sees the step itself). */
export function insertNoticeEvent(db: Db, caseId: number, eventId: number, what: string, at: Date) {
  return db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      at,
      action: 'notify',
      actor_kind: 'system',
      internal: true,
      details: JSON.stringify({ event_id: eventId, what, channel: 'sms' }) as never,
    })
    .execute();
}

// ————— The case figures (rates.ts) and the ledger (ledger.ts) —————

/** An org the caller may see the figures of: its path, when it lies in one of `paths`. */
export function findOrgInPaths(db: Db, orgId: number, paths: readonly string[]) {
  if (paths.length === 0) return Promise.resolve(undefined);
  const within = paths.map((p) => sql`path <@ ${p}::ltree`);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', '=', orgId)
    .where(sql<SqlBool>`(${sql.join(within, sql` OR `)})`)
    .executeTakeFirst();
}

/**
 * The cases a union's figures count: those HANDLED in its subtree — the handling union's path
 * under `orgPath`, or, before dispatch, the receiving union's — received in [from, to). Collective
 * parents are left out: their children are the requesters' cases and carry the figures.
 */
function figuresScope(orgPath: string, from: Date, to: Date): Expression<SqlBool> {
  // party_paths holds the handling and receiving unions' paths, so its GiST index narrows to the
  // subtree's parties first; the exact rule (whose party handles it) then picks among them.
  return sql<SqlBool>`c.party_paths <@ ${orgPath}::ltree
    AND c.received_at >= ${from} AND c.received_at < ${to} AND NOT c.is_collective
    AND coalesce(c.handling_org_id, c.receiving_org_id) IN (SELECT o.id FROM orgs o WHERE o.path <@ ${orgPath}::ltree)`;
}

export interface CaseFigureRow {
  category: CaseCategory;
  cases: number;
  dispatched: number;
  signed_on_time: number;
  closed: number;
  resolved: number;
  rated: number;
  satisfied: number;
  basically: number;
  unsatisfied: number;
  wage_claimed_fen: number;
  wage_recovered_fen: number;
  handling_days_sum: number;
  handling_days_n: number;
}

/** The figures' sums per category (summed up in rates.ts). */
export async function sumCaseFigures(db: Db, orgPath: string, from: Date, to: Date): Promise<CaseFigureRow[]> {
  const { rows } = await sql<Record<keyof CaseFigureRow, string | number>>`
    SELECT c.category,
      count(*) AS cases,
      count(*) FILTER (WHERE c.dispatched_at IS NOT NULL) AS dispatched,
      count(*) FILTER (WHERE c.dispatched_at IS NOT NULL AND c.signed_on_time) AS signed_on_time,
      count(*) FILTER (WHERE c.closed_at IS NOT NULL) AS closed,
      count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.rating_resolved) AS resolved,
      count(*) FILTER (WHERE c.rating IS NOT NULL) AS rated,
      count(*) FILTER (WHERE c.rating = 'satisfied') AS satisfied,
      count(*) FILTER (WHERE c.rating = 'basically') AS basically,
      count(*) FILTER (WHERE c.rating = 'unsatisfied') AS unsatisfied,
      coalesce(sum(c.wage_claimed_fen), 0) AS wage_claimed_fen,
      coalesce(sum(c.wage_recovered_fen), 0) AS wage_recovered_fen,
      coalesce(sum(c.handling_days) FILTER (WHERE c.closed_at IS NOT NULL), 0) AS handling_days_sum,
      count(c.handling_days) FILTER (WHERE c.closed_at IS NOT NULL) AS handling_days_n
    FROM cases c
    WHERE ${figuresScope(orgPath, from, to)}
    GROUP BY c.category
  `.execute(db);
  return rows.map((r) => {
    const out = {} as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) out[k] = k === 'category' ? v : Number(v);
    return out as unknown as CaseFigureRow;
  });
}

export type RateMeasure = 'response' | 'resolution' | 'satisfaction';

/** The condition of a case in a measure's numerator (hit) or in its denominator but not its numerator (miss). */
function outcomeCondition(measure: RateMeasure, outcome: 'hit' | 'miss'): Expression<SqlBool> {
  const hit = outcome === 'hit';
  switch (measure) {
    case 'response':
      return hit
        ? sql<SqlBool>`c.dispatched_at IS NOT NULL AND c.signed_on_time IS TRUE`
        : sql<SqlBool>`c.dispatched_at IS NOT NULL AND c.signed_on_time IS NOT TRUE`;
    case 'resolution':
      return hit
        ? sql<SqlBool>`c.closed_at IS NOT NULL AND c.rating_resolved IS TRUE`
        : sql<SqlBool>`c.closed_at IS NOT NULL AND c.rating_resolved IS NOT TRUE`;
    case 'satisfaction':
      return hit ? sql<SqlBool>`c.rating = 'satisfied'` : sql<SqlBool>`c.rating IN ('basically', 'unsatisfied')`;
  }
}

/** The cases behind one number of the figures, newest first, keyset on (received_at, id). */
export function listFigureCases(
  db: Db,
  f: {
    orgPath: string;
    from: Date;
    to: Date;
    measure: RateMeasure;
    outcome: 'hit' | 'miss';
    after?: [string, number];
    limit: number;
  },
) {
  let query = db
    .selectFrom('cases as c')
    .select([
      'c.id',
      'c.tracking_no',
      'c.kind',
      'c.status',
      'c.category',
      'c.received_at',
      'c.due_at',
      'c.signed_on_time',
      'c.rating',
      'c.rating_resolved',
    ])
    .where(figuresScope(f.orgPath, f.from, f.to))
    .where(outcomeCondition(f.measure, f.outcome));
  if (f.after) {
    const [at, id] = f.after;
    query = query.where(sql<SqlBool>`(c.received_at, c.id) < (${new Date(at)}, ${id})`);
  }
  return query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute();
}

/** One page of the ledger (台账): the cases of the figures' scope and period, oldest first, with their unions' names. */
export function listLedgerCases(
  db: Db,
  f: { orgPath: string; from: Date; to: Date; after?: [Date, number]; limit: number },
) {
  let query = db
    .selectFrom('cases as c')
    .innerJoin('orgs as r', 'r.id', 'c.receiving_org_id')
    .leftJoin('orgs as h', 'h.id', 'c.handling_org_id')
    .select([
      'c.id',
      'c.tracking_no',
      'c.kind',
      'c.subject',
      'c.tier',
      'c.emergency',
      'c.channel',
      'c.status',
      'c.category',
      'c.phone_masked',
      'c.anonymous',
      'c.requester_name_masked',
      'c.employer_name',
      'c.received_at',
      'c.dispatched_at',
      'c.signed_at',
      'c.signed_on_time',
      'c.due_at',
      'c.replied_at',
      'c.closed_at',
      'c.handling_days',
      'c.rating',
      'c.rating_resolved',
      'c.wage_claimed_fen',
      'c.wage_recovered_fen',
      'c.supervised_for',
      'c.publicised_for',
      'r.name as receiving_org',
      'h.name as handling_org',
    ])
    .where(figuresScope(f.orgPath, f.from, f.to));
  if (f.after) {
    const [at, id] = f.after;
    query = query.where(sql<SqlBool>`(c.received_at, c.id) > (${at}, ${id})`);
  }
  return query.orderBy('c.received_at').orderBy('c.id').limit(f.limit).execute();
}
