import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseCategory } from '../../../common/cases';
import type { Db } from '../../db/database';

// The case figures (rates.ts) and the ledger (ledger.ts).

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
