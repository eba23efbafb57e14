import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseCategory } from '../../../common/cases';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { CasesTable } from '../../db/schema';

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

/** An org's labels of the statuses, nearest ancestor first then the platform's (for the ledger). */
export function findStatusLabels(db: Db, orgPath: string) {
  return db
    .selectFrom('case_statuses as s')
    .leftJoin('orgs as o', 'o.id', 's.org_id')
    .select(['s.code', 's.label_zh', 'o.level'])
    .where(sql<SqlBool>`s.org_id IS NULL OR o.path @> ${orgPath}::ltree`)
    .orderBy(sql`o.level NULLS FIRST`)
    .execute();
}

/** Test factories and the benchmark: one case row as it stands, straight in (cases.factories.ts insertCaseRow). */
export async function insertCaseRow(db: Db, row: Insertable<CasesTable>): Promise<number> {
  const { id } = await db
    .insertInto('cases')
    .values({ ...row, party_paths: sql`${`{${row.party_paths.join(',')}}`}::ltree[]` as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Test factories: one timeline row as a step would have written it (cases.factories.ts buildCaseEvent). */
export async function insertCaseEventRow(
  db: Db,
  row: {
    case_id: number;
    action: string;
    at: Date;
    actor_kind: 'account' | 'requester' | 'system';
    internal?: boolean;
  },
): Promise<number> {
  const { id } = await db.insertInto('case_events').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}
