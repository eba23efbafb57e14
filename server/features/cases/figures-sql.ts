import { sql, type Expression, type SqlBool } from 'kysely';
import { CASE_CATEGORIES, type CaseCategory } from '../../../common/cases';
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

/** The sums the figures are made of (rates.ts), over one org's subtree and period. */
export interface CaseFigures {
  cases: number;
  counts: Record<CaseCategory, number>;
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

type Sums = Omit<CaseFigures, 'counts'>;
const SUMS: ReadonlyArray<keyof Sums> = [
  'cases',
  'dispatched',
  'signed_on_time',
  'closed',
  'resolved',
  'rated',
  'satisfied',
  'basically',
  'unsatisfied',
  'wage_claimed_fen',
  'wage_recovered_fen',
  'handling_days_sum',
  'handling_days_n',
];

/**
 * The figures computed live from the cases: what the roll-up (sumCaseFigureDays) must always
 * equal. The tests and the bench compare the two; the API reads the roll-up.
 */
export async function sumCaseFigures(db: Db, orgPath: string, from: Date, to: Date): Promise<CaseFigures> {
  const { rows } = await sql<Record<keyof Sums | 'category', string | number>>`
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
  const out = {
    ...(Object.fromEntries(SUMS.map((k) => [k, 0])) as Sums),
    counts: Object.fromEntries(CASE_CATEGORIES.map((c) => [c, 0])) as Record<CaseCategory, number>,
  };
  for (const r of rows) {
    for (const k of SUMS) out[k] += Number(r[k]);
    out.counts[r.category as CaseCategory] = Number(r.cases);
  }
  return out;
}

/**
 * The figures from the daily roll-up (case_figure_days, docs/decisions/0019): the org's own row of
 * each Shanghai day in [fromDay, toDay] (ISO dates, inclusive) — at most one row a day whatever the
 * subtree's size.
 */
export async function sumCaseFigureDays(db: Db, orgId: number, fromDay: string, toDay: string): Promise<CaseFigures> {
  const row = await db
    .selectFrom('case_figure_days')
    .select(DAY_SUMS)
    .where('org_id', '=', orgId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .executeTakeFirstOrThrow();
  return figuresOfRow(row as Record<string, string | number>);
}

/** The roll-up's columns summed (zero over no rows), for sumCaseFigureDays and sumChildFigureDays. */
const DAY_SUMS = [
  ...SUMS.map((k) => sql<number>`coalesce(sum(${sql.ref(`case_figure_days.${k}`)}), 0)`.as(k)),
  ...CASE_CATEGORIES.map((c) => sql<number>`coalesce(sum(${sql.ref(`case_figure_days.cat_${c}`)}), 0)`.as(`cat_${c}`)),
];

function figuresOfRow(r: Record<string, string | number>): CaseFigures {
  return {
    ...(Object.fromEntries(SUMS.map((k) => [k, Number(r[k])])) as Sums),
    counts: Object.fromEntries(CASE_CATEGORIES.map((c) => [c, Number(r[`cat_${c}`])])) as Record<CaseCategory, number>,
  };
}

/**
 * The figures of each union right below `parentId`, in one statement over the roll-up: each
 * child's own rows of the period (a child without any has zeros). Ordered as the org tree lists
 * children (pinyin, id); `limit` + 1 rows tell whether there are more.
 */
export async function sumChildFigureDays(
  db: Db,
  parentId: number,
  fromDay: string,
  toDay: string,
  limit: number,
): Promise<Array<{ org: { id: number; name: string }; figures: CaseFigures }>> {
  const rows = await db
    .selectFrom('orgs')
    .leftJoin('case_figure_days', (join) =>
      join
        .onRef('case_figure_days.org_id', '=', 'orgs.id')
        .on('case_figure_days.day', '>=', fromDay)
        .on('case_figure_days.day', '<=', toDay),
    )
    .select(['orgs.id', 'orgs.name'])
    .select(DAY_SUMS)
    .where('orgs.parent_id', '=', parentId)
    .groupBy(['orgs.id', 'orgs.name', 'orgs.name_pinyin'])
    .orderBy('orgs.name_pinyin')
    .orderBy('orgs.id')
    .limit(limit + 1)
    .execute();
  return rows.map((r) => ({
    org: { id: r.id, name: r.name },
    figures: figuresOfRow(r as unknown as Record<string, string | number>),
  }));
}

/**
 * Rebuilds the roll-up from the cases, whole: after a bulk load with its triggers off (the bench's
 * generated cases) or to repair it. Writers of cases wait meanwhile (SHARE lock), so no change
 * falls between the sums and the table.
 */
export function rebuildCaseFigureDays(db: Db) {
  return db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE cases IN SHARE MODE`.execute(trx);
    await sql`DELETE FROM case_figure_days`.execute(trx);
    // First per handling union and day, then up the path: one row per union and day.
    await sql`
      WITH leaf AS (
        SELECT coalesce(c.handling_org_id, c.receiving_org_id) AS org_id,
          ((c.received_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day,
          count(*) AS cases,
          count(*) FILTER (WHERE c.category = 'new') AS cat_new,
          count(*) FILTER (WHERE c.category = 'dispatched') AS cat_dispatched,
          count(*) FILTER (WHERE c.category = 'in_progress') AS cat_in_progress,
          count(*) FILTER (WHERE c.category = 'waiting') AS cat_waiting,
          count(*) FILTER (WHERE c.category = 'resolved') AS cat_resolved,
          count(*) FILTER (WHERE c.category = 'closed') AS cat_closed,
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
        WHERE NOT c.is_collective
        GROUP BY 1, 2
      )
      INSERT INTO case_figure_days (org_id, day, cases, cat_new, cat_dispatched, cat_in_progress,
        cat_waiting, cat_resolved, cat_closed, dispatched, signed_on_time, closed, resolved, rated,
        satisfied, basically, unsatisfied, wage_claimed_fen, wage_recovered_fen, handling_days_sum,
        handling_days_n)
      SELECT a.id::integer, l.day, sum(l.cases), sum(l.cat_new), sum(l.cat_dispatched),
        sum(l.cat_in_progress), sum(l.cat_waiting), sum(l.cat_resolved), sum(l.cat_closed),
        sum(l.dispatched), sum(l.signed_on_time), sum(l.closed), sum(l.resolved), sum(l.rated),
        sum(l.satisfied), sum(l.basically), sum(l.unsatisfied), sum(l.wage_claimed_fen),
        sum(l.wage_recovered_fen), sum(l.handling_days_sum), sum(l.handling_days_n)
      FROM leaf l
      JOIN orgs o ON o.id = l.org_id
      CROSS JOIN unnest(string_to_array(o.path::text, '.')) AS a(id)
      GROUP BY 1, 2
    `.execute(trx);
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
