import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { Static, TSchema } from '@sinclair/typebox';
import { AppError } from '../../../common/errors';
import type { Ctx } from '../../http/context';
import { DEFAULT_JOB_PERMISSION, type JobDefinition } from '../../jobs/job';
import { findActiveSingleton, insertRun } from './sql';

export interface EnqueueOptions {
  /** The org the run works on: places it in the tree, so holders of the job's permission there see it. */
  orgId?: number;
  /** Not before this instant, or this many seconds from now. */
  startAfter?: Date | number;
  /**
   * At most one queued or running run of the job holds a key: enqueueing again while one does
   * returns that run's id instead of adding a second.
   */
  singletonKey?: string;
}

/** Internal: the cron slot a scheduled run is for (server/jobs/runner.ts). */
export interface ScheduledEnqueue extends EnqueueOptions {
  scheduleSlot?: Date;
}

const listeners = new Set<() => void>();

/**
 * Subscribes to "a run was just enqueued in this process", so an idle worker here claims it at
 * once instead of at its next poll. Workers on other nodes find it by polling. Returns an unsubscribe.
 */
export function onRunEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const REASONS: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.ObjectRequiredProperty]: '必填',
  [ValueErrorType.ObjectAdditionalProperties]: '不允许的字段',
  [ValueErrorType.Integer]: '应为整数',
  [ValueErrorType.Number]: '应为数字',
  [ValueErrorType.String]: '应为文本',
  [ValueErrorType.Boolean]: '应为是或否',
  [ValueErrorType.StringMaxLength]: '过长',
  [ValueErrorType.StringMinLength]: '过短',
};

/** The payload's first fault per field, as a 422 names them (`payload.<field>`). */
function payloadFaults(schema: TSchema, payload: unknown): Record<string, string> | null {
  if (Value.Check(schema, payload)) return null;
  const fields: Record<string, string> = {};
  for (const e of Value.Errors(schema, payload)) {
    const field = ['payload', ...e.path.split('/').filter(Boolean)].join('.');
    fields[field] ??= REASONS[e.type] ?? '不正确';
  }
  return fields;
}

/**
 * Enqueues a run of `job` with a payload its schema accepts (else a 422 naming the field).
 * Called inside the caller's withTransaction, it goes through `ctx.db`, the transaction: the run
 * exists exactly when the write that asked for it commits. Returns the run's id (with a
 * singleton key already held, the holder's).
 */
export async function enqueueJob<S extends TSchema>(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  job: JobDefinition<S>,
  payload: Static<S>,
  options: ScheduledEnqueue = {},
): Promise<number> {
  const faults = payloadFaults(job.payload, payload);
  if (faults) throw new AppError('validation_failed', faults);
  const retry = job.retry ?? { limit: 0, delaySeconds: 0 };
  const inserted = await insertRun(ctx.db, {
    name: job.name,
    payload,
    orgId: options.orgId ?? null,
    permission: job.permission ?? DEFAULT_JOB_PERMISSION,
    startedBy: ctx.actor?.kind === 'account' ? ctx.actor.accountId : null,
    singletonKey: options.singletonKey ?? null,
    scheduleSlot: options.scheduleSlot ?? null,
    maxAttempts: 1 + retry.limit,
    retryDelaySeconds: retry.delaySeconds,
    retryBackoff: retry.backoff ?? false,
    startAfter: options.startAfter,
  });
  // Inside a transaction the run is seen once it commits, a moment after this returns.
  const notify = () => listeners.forEach((l) => l());
  setTimeout(notify, ctx.db.isTransaction ? 20 : 0);
  if (inserted) return inserted.id;
  const holder = await findActiveSingleton(ctx.db, job.name, options.singletonKey!);
  // The holder finished between the insert and this read: the key is free again.
  return holder ? holder.id : enqueueJob(ctx, job, payload, options);
}
