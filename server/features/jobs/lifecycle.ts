import type { Db } from '../../db/database';
import type { JobDefinition } from '../../jobs/job';
import { withTransaction, type Ctx } from '../../http/context';
import { enqueueJob } from './enqueue';
import * as q from './sql';

// The runs' life as the workers (server/jobs/runner.ts) drive it. Each write names the node that
// holds the run, so a node that lost a run (cancelled, released, recovered) changes nothing.

export type { ClaimedRun } from './sql';

/** Claims the oldest due queued run of the named jobs for this node, leased for `leaseSeconds`. */
export function claimNextRun(db: Db, names: readonly string[], node: string, leaseSeconds: number) {
  return q.claimNextRun(db, names, node, leaseSeconds);
}

/**
 * Renews the node's lease of a run, writing its progress when given. False when the node no
 * longer holds it: cancelled, or recovered by another node after the lease ran out.
 */
export async function renewRunLease(
  db: Db,
  id: number,
  node: string,
  leaseSeconds: number,
  progress?: { percent: number; message: string | null },
): Promise<boolean> {
  return (await q.renewLease(db, id, node, leaseSeconds, progress)) !== undefined;
}

/** Records a run's success and result; false when the node no longer held it (the outcome is dropped). */
export async function completeRun(db: Db, id: number, node: string, result: unknown): Promise<boolean> {
  return (await q.completeRun(db, id, node, result)) !== undefined;
}

/** Records a failed attempt: queued for a retry while attempts remain (with the delay), else failed. */
export function failRun(db: Db, id: number, node: string, reason: string) {
  return q.failRun(db, id, node, reason);
}

/** Hands a run back to the queue (graceful shutdown); the interrupted attempt does not count. */
export async function releaseRun(db: Db, id: number, node: string): Promise<boolean> {
  return (await q.releaseRun(db, id, node)) !== undefined;
}

/** Requeues (or fails, when spent) the runs of nodes whose lease ran out; returns their ids. */
export async function recoverExpiredLeases(db: Db): Promise<number[]> {
  const rows = await q.recoverExpiredLeases(db, '执行任务的节点已中断（租约过期），任务已重新排队或终止');
  return rows.map((r) => r.id);
}

/**
 * Enqueues the run of a cron slot if no node has yet: claiming the slot and enqueueing the run
 * commit together, so the slot fires exactly once across nodes. Returns the run's id, or null.
 */
export async function fireScheduleSlot(ctx: Ctx, job: JobDefinition, slot: Date): Promise<number | null> {
  return withTransaction(ctx, async (tx) => {
    if (!(await q.claimScheduleSlot(tx.db, job.name, slot))) return null;
    // A scheduled job's payload schema accepts {} (checked when the runner registers it).
    return enqueueJob(tx, job, {}, { scheduleSlot: slot });
  });
}

/** Forgets finished runs older than `days` (housekeeping); returns how many. */
export function purgeFinishedRuns(db: Db, days: number): Promise<number> {
  return q.deleteFinishedRuns(db, days);
}
