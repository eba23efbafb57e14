import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { JobState } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

/** What a worker needs of a claimed run. */
export interface ClaimedRun {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface NewRun {
  name: string;
  payload: unknown;
  orgId: number | null;
  permission: string;
  startedBy: number | null;
  singletonKey: string | null;
  scheduleSlot: Date | null;
  maxAttempts: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** Seconds from now, or an instant. */
  startAfter: number | Date | undefined;
}

const runAfter = (startAfter: NewRun['startAfter']) =>
  startAfter instanceof Date
    ? sql<Date>`${startAfter.toISOString()}::timestamptz`
    : sql<Date>`now() + make_interval(secs => ${startAfter ?? 0})`;

/**
 * Adds a run; with a singleton key that a queued or running run of the job already holds, adds
 * nothing and returns undefined (the unique index decides, so two enqueues at once add one).
 */
export const insertRun = (db: Db, run: NewRun) =>
  db
    .insertInto('jobs')
    .values({
      name: run.name,
      payload: JSON.stringify(run.payload ?? {}),
      org_id: run.orgId,
      permission: run.permission,
      started_by: run.startedBy,
      singleton_key: run.singletonKey,
      schedule_slot: run.scheduleSlot,
      max_attempts: run.maxAttempts,
      retry_delay_s: run.retryDelaySeconds,
      retry_backoff: run.retryBackoff,
      run_after: runAfter(run.startAfter),
    })
    .onConflict((oc) =>
      oc
        .columns(['name', 'singleton_key'])
        // The unique index's predicate, as literals: a parameter would not prove that the index applies
        // once PostgreSQL plans the prepared statement generically (after five runs).
        .where(sql<SqlBool>`singleton_key IS NOT NULL AND state IN ('queued', 'running')`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();

/** The queued or running run that holds a singleton key. */
export const findActiveSingleton = (db: Db, name: string, key: string) =>
  db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('singleton_key', '=', key)
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirst();

/**
 * Claims the oldest due queued run of the given jobs for a node. The name test is written so no
 * index can serve it (array_position, not `= ANY`): the planner then walks jobs_due_idx in order
 * and stops at the first row, instead of ANDing it with jobs_name_idx and sorting every queued run
 * (42 ms, not 0.4 ms, with 10,000 queued on PGlite, which never ANALYZEs on its own). The run
 * becomes running, leased for `leaseSeconds`, one attempt more. SKIP LOCKED lets any number of workers claim at once,
 * each a different run, none waiting on another.
 */
export const claimNextRun = async (db: Db, names: readonly string[], node: string, leaseSeconds: number) => {
  const { rows } = await sql<ClaimedRun>`
    UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ${node},
      locked_until = now() + make_interval(secs => ${leaseSeconds}), started_at = now(), finished_at = NULL
    WHERE id = (
      SELECT id FROM jobs
      WHERE state = 'queued' AND run_after <= now()
        AND array_position(${names as string[]}::text[], name) IS NOT NULL
      ORDER BY run_after, id LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, name, payload, attempts, max_attempts`.execute(db);
  return rows[0];
};

/** An update of a run only while `node` holds it: a node that lost the run (cancelled, recovered, released) changes nothing. */
const updateHeldRun = (db: Db, id: number, node: string) =>
  db.updateTable('jobs').where('id', '=', id).where('state', '=', 'running').where('locked_by', '=', node);

/** Where a run a node holds stands: the node writes progress and renews its lease; undefined when it no longer holds it. */
export const renewLease = (
  db: Db,
  id: number,
  node: string,
  leaseSeconds: number,
  progress?: { percent: number; message: string | null },
) =>
  updateHeldRun(db, id, node)
    .set({
      locked_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})`,
      ...(progress ? { progress: progress.percent, progress_message: progress.message } : {}),
    })
    .returning('id')
    .executeTakeFirst();

/** Marks a run the node holds succeeded with its result; undefined when it no longer holds it (cancelled, released). */
export const completeRun = (db: Db, id: number, node: string, result: unknown) =>
  updateHeldRun(db, id, node)
    .set({
      state: 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
      progress: 100,
      error: null,
      finished_at: sql<Date>`now()`,
      locked_by: null,
      locked_until: null,
    })
    .returning('id')
    .executeTakeFirst();

/** While attempts remain: queued again after the retry delay, doubled per attempt with backoff. */
const RETRIES_LEFT = sql<boolean>`attempts < max_attempts`;
const RETRY_AT = sql<Date>`now() + make_interval(secs =>
  retry_delay_s * CASE WHEN retry_backoff THEN power(2, greatest(attempts - 1, 0)) ELSE 1 END)`;

/** Records a failed attempt of a run the node holds: queued for a retry while attempts remain, else failed. */
export const failRun = (db: Db, id: number, node: string, error: string) =>
  updateHeldRun(db, id, node)
    .set({
      state: sql<JobState>`CASE WHEN ${RETRIES_LEFT} THEN 'queued' ELSE 'failed' END`,
      run_after: sql<Date>`CASE WHEN ${RETRIES_LEFT} THEN ${RETRY_AT} ELSE run_after END`,
      finished_at: sql<Date | null>`CASE WHEN ${RETRIES_LEFT} THEN NULL ELSE now() END`,
      error,
      locked_by: null,
      locked_until: null,
    })
    .returning(['state', 'run_after'])
    .executeTakeFirst();

/** Hands a run the node holds back to the queue, due now; the interrupted attempt does not count. */
export const releaseRun = (db: Db, id: number, node: string) =>
  updateHeldRun(db, id, node)
    .set({
      state: 'queued',
      attempts: sql<number>`greatest(attempts - 1, 0)`,
      run_after: sql<Date>`now()`,
      locked_by: null,
      locked_until: null,
    })
    .returning('id')
    .executeTakeFirst();

/**
 * Runs whose node stopped renewing its lease (it died mid-run): queued again while attempts
 * remain, else failed, each with the reason.
 */
export const recoverExpiredLeases = (db: Db, reason: string) =>
  db
    .updateTable('jobs')
    .set({
      state: sql<JobState>`CASE WHEN ${RETRIES_LEFT} THEN 'queued' ELSE 'failed' END`,
      run_after: sql<Date>`now()`,
      finished_at: sql<Date | null>`CASE WHEN ${RETRIES_LEFT} THEN NULL ELSE now() END`,
      error: reason,
      locked_by: null,
      locked_until: null,
    })
    .where('state', '=', 'running')
    .where('locked_until', '<', sql<Date>`now()`)
    .returning('id')
    .execute();

/** Cancels a queued or running run; undefined when it had already finished. */
export const cancelRunById = (db: Db, id: number) =>
  db
    .updateTable('jobs')
    .set({ state: 'cancelled', finished_at: sql<Date>`now()`, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'running'])
    .returning('id')
    .executeTakeFirst();

/**
 * Claims a cron slot: true for exactly one caller per (job, slot), however many nodes call at
 * once (the row lock orders them; the later ones see the slot taken).
 */
export const claimScheduleSlot = async (db: Db, name: string, slot: Date) => {
  const { rows } = await sql<{ name: string }>`
    INSERT INTO job_schedules (name, last_slot) VALUES (${name}, ${slot.toISOString()}::timestamptz)
    ON CONFLICT (name) DO UPDATE SET last_slot = EXCLUDED.last_slot, updated_at = now()
      WHERE job_schedules.last_slot IS NULL OR job_schedules.last_slot < EXCLUDED.last_slot
    RETURNING name`.execute(db);
  return rows.length === 1;
};

/** Forgets finished runs older than `days`; returns how many. */
export const deleteFinishedRuns = async (db: Db, days: number) =>
  Number(
    (
      await db
        .deleteFrom('jobs')
        .where('finished_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
        .executeTakeFirst()
    ).numDeletedRows,
  );

/** Who sees which runs: the account's own, and per permission it holds, runs at orgs in that scope. */
export interface RunVisibility {
  accountId: number;
  scopes: readonly Scope[];
  /** Permissions held on a root org: these see the deployment-wide runs (no org) that name them. */
  rootPermissions: readonly string[];
}

const visibleTo = (v: RunVisibility): Expression<SqlBool> => {
  const perScope = v.scopes
    .filter((s) => s.paths.length > 0)
    .map((s) => sql<SqlBool>`(jobs.permission = ${s.permission} AND ${pathInScope(s, 'run_org.path')})`);
  const deploymentWide =
    v.rootPermissions.length > 0
      ? sql<SqlBool>`(jobs.org_id IS NULL AND jobs.permission = ANY(${v.rootPermissions as string[]}::text[]))`
      : sql<SqlBool>`false`;
  return sql<SqlBool>`(jobs.started_by = ${v.accountId} OR ${deploymentWide}${perScope.length ? sql` OR ${sql.join(perScope, sql` OR `)}` : sql``})`;
};

const VIEW_COLUMNS = [
  'jobs.id',
  'jobs.name',
  'jobs.state',
  'jobs.progress',
  'jobs.progress_message',
  'jobs.org_id',
  'run_org.name as org_name',
  'run_org.path as org_path',
  'jobs.permission',
  'jobs.started_by',
  'starter.display_name as starter_name',
  'starter_org.path as starter_org_path',
  'jobs.attempts',
  'jobs.max_attempts',
  'jobs.run_after',
  'jobs.created_at',
  'jobs.started_at',
  'jobs.finished_at',
  'jobs.result',
  'jobs.error',
] as const;

const runsVisibleTo = (db: Db, v: RunVisibility) =>
  db
    .selectFrom('jobs')
    .leftJoin('orgs as run_org', 'run_org.id', 'jobs.org_id')
    .leftJoin('accounts as starter', 'starter.id', 'jobs.started_by')
    .leftJoin('orgs as starter_org', 'starter_org.id', 'starter.org_id')
    .select(VIEW_COLUMNS)
    .where(visibleTo(v));

/** Runs the account sees, newest first, keyset-paginated on id. */
export const findRuns = (
  db: Db,
  v: RunVisibility,
  q: { name?: string; state?: JobState; after?: number; limit: number },
) => {
  let qb = runsVisibleTo(db, v);
  if (q.name) qb = qb.where('jobs.name', '=', q.name);
  if (q.state) qb = qb.where('jobs.state', '=', q.state);
  if (q.after !== undefined) qb = qb.where('jobs.id', '<', q.after);
  return qb
    .orderBy('jobs.id', 'desc')
    .limit(q.limit + 1)
    .execute();
};

/** One run, if the account sees it. */
export const findRun = (db: Db, v: RunVisibility, id: number) =>
  runsVisibleTo(db, v).where('jobs.id', '=', id).executeTakeFirst();
