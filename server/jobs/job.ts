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
  /** Retries after a failure; the delay doubles each time when `backoff` is set. Default: none. */
  retry?: { limit: number; delaySeconds: number; backoff?: boolean };
  /** Who besides the account that started a run may see it: holders of this permission over the run's org. */
  permission?: Permission;
  /**
   * The work. It must be idempotent by construction (a retry or a second node may run it again),
   * and it returns the result the console shows (a small JSON object).
   */
  run(ctx: JobContext, payload: Static<S>): Promise<Record<string, unknown> | void>;
}

/** Declares a job; the identity, there to infer the payload's type from its schema. */
export function defineJob<S extends TSchema>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
