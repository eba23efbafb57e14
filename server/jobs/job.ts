import type { Static, TSchema } from '@sinclair/typebox';
import type { Permission } from '../../common/permissions';
import type { Ctx } from '../http/context';

/**
 * What a job handler is given: the system's context (audited as 系统; `db` is the pool, so a
 * handler opens its own transactions with withTransaction) and the run's controls.
 */
export interface JobContext extends Ctx {
  /** The run's id, as the console and `GET /api/v1/jobs/:id` show it. */
  jobId: string;
  /** Reports progress (0–100) and a short Chinese message a cadre can read; cheap to call often. */
  progress(percent: number, message?: string): Promise<void>;
  /** Aborted when the run is cancelled or the node shuts down: stop at the next safe point. */
  signal: AbortSignal;
}

/** A named job with a typed payload, registered by the feature that owns the work (Feature.jobs). */
export interface JobDefinition<S extends TSchema = TSchema> {
  /** `<feature>.<verb>`, e.g. `system.housekeeping`, `files.sweep-orphans`. */
  name: string;
  /** Validated when the job is enqueued. */
  payload: S;
  /** A cron expression in Asia/Shanghai: the run fires once across all app nodes. */
  schedule?: string;
  /**
   * Retries after a failure (`limit` more attempts, the first after `delaySeconds`); the delay
   * doubles each time when `backoff` is set. Default: none. A failure is never swallowed: the
   * run shows the reason, and stays failed once the attempts are spent.
   */
  retry?: { limit: number; delaySeconds: number; backoff?: boolean };
  /**
   * Who besides the account that started a run may see and cancel it: holders of this permission
   * over the run's org; for a run with no org (a schedule's), holders of it on a root org.
   * Default: DEFAULT_JOB_PERMISSION.
   */
  permission?: Permission;
  /**
   * The work. It must be idempotent by construction (a retry or a second node may run it again),
   * and it returns the result the console shows (a small JSON object).
   */
  run(ctx: JobContext, payload: Static<S>): Promise<Record<string, unknown> | void>;
}

/** Who sees runs of a job that names no permission: those who read the audit trail there. */
export const DEFAULT_JOB_PERMISSION: Permission = 'audit.read';

/** Declares a job; the identity, there to infer the payload's type from its schema. */
export function defineJob<S extends TSchema>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
