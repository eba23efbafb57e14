import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';

// Supervision sweeps (sweep.ts) and the requester's notices (notify.ts).

/** One sweep batch's outcome: the rows looked at (claimed), the events written, and where the next batch starts. */
export interface SweepBatch {
  picked: number;
  taken: number;
  last: { dueAt: Date; id: number } | null;
  /** With `listTaken`: each event written, with its case and the union it was written for. */
  events?: Array<{ case_id: number; event_id: number; org_id: number | null }>;
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
    /** Return the events written (the emergencies' pages are enqueued for them). */
    listTaken?: boolean;
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
    events: Array<{ case_id: string | number; event_id: string | number; org_id: number | null }> | null;
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
      RETURNING case_id, id, actor_org_id
    )
    SELECT
      (SELECT count(*) FROM picked) AS picked,
      (SELECT count(*) FROM events) AS taken,
      (SELECT due_at FROM picked ORDER BY due_at DESC, id DESC LIMIT 1) AS last_due,
      (SELECT id FROM picked ORDER BY due_at DESC, id DESC LIMIT 1) AS last_id,
      ${
        spec.listTaken
          ? sql`(SELECT json_agg(json_build_object('case_id', case_id, 'event_id', id, 'org_id', actor_org_id)) FROM events)`
          : sql`NULL::json`
      } AS events
  `.execute(db);
  const row = result.rows[0]!;
  return {
    picked: Number(row.picked),
    taken: Number(row.taken),
    last: row.last_due && row.last_id !== null ? { dueAt: new Date(row.last_due), id: Number(row.last_id) } : null,
    ...(spec.listTaken
      ? {
          events: (row.events ?? []).map((e) => ({
            case_id: Number(e.case_id),
            event_id: Number(e.event_id),
            org_id: e.org_id === null ? null : Number(e.org_id),
          })),
        }
      : {}),
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

/**
 * Where 通报 starts: a case due at or before `national` is still overdue PUBLICISE_AFTER_WORKING_DAYS
 * working days later on the national calendar; a case whose clock runs on a region's calendar (the
 * handling union's region code, the receiving one's before dispatch, as its due date was counted)
 * uses the cutoff of the longest prefix that covers it (a regional holiday moves it later).
 */
export interface PubliciseCutoffs {
  national: Date;
  /** Longest prefix first; a null cutoff: that region's calendar does not reach back (not listed). */
  regional: Array<{ prefix: string; cutoff: Date | null }>;
}

/** 通报: open cases due at or before their calendar's cutoff not yet listed for their due date. */
export function publiciseOverdue(db: Db, now: Date, cutoffs: PubliciseCutoffs, after: SweepAfter, limit: number) {
  const latest = cutoffs.regional.reduce((max, r) => (r.cutoff && r.cutoff > max ? r.cutoff : max), cutoffs.national);
  const region = sql`(SELECT o.region_code FROM orgs o WHERE o.id = coalesce(c.handling_org_id, c.receiving_org_id))`;
  const cutoff = cutoffs.regional.length
    ? sql`(CASE ${sql.join(
        cutoffs.regional.map((r) => sql`WHEN ${region} LIKE ${`${r.prefix}%`} THEN ${r.cutoff}::timestamptz`),
        sql` `,
      )} ELSE ${cutoffs.national}::timestamptz END)`
    : sql`${cutoffs.national}::timestamptz`;
  return sweepBatch(db, {
    action: 'publicise',
    // `latest` bounds the index range; the per-region cutoff decides.
    condition: sql<SqlBool>`c.due_at <= ${latest} AND c.due_at <= ${cutoff} AND c.publicised_for IS DISTINCT FROM c.due_at`,
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
    listTaken: true,
    now,
    after,
    limit,
  });
}

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

/**
 * What a message about a case needs (the requester's notice, an emergency's page): where a notice
 * goes (sealed), the tracking number, the kind, the hour to dispatch by, and whether the message
 * keyed to `eventId` (its `marker` event: 'notify' or 'page') went out already.
 */
export function findNoticeCase(db: Db, caseId: number, eventId: number, marker: 'notify' | 'page' = 'notify') {
  return db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      'c.tracking_no',
      'c.kind',
      'c.phone_enc',
      'c.category',
      'c.parent_id',
      'c.dispatch_due_at',
      eb
        .exists(
          eb
            .selectFrom('case_events as n')
            .select('n.id')
            .whereRef('n.case_id', '=', 'c.id')
            .where('n.action', '=', marker)
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
