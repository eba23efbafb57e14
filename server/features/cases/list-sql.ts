import { sql, type SqlBool } from 'kysely';
import type { CaseCategory } from '../../../common/cases';
import type { Db } from '../../db/database';
import { pathInScope, type Scope } from '../../http/scope';
import { CASE_COLUMNS } from './sql';

// The case lists and lookups: the queues (one filtered query behind every list and count), a
// requester's and a caller's earlier cases, and the reports similar to one case (collective cases).

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
