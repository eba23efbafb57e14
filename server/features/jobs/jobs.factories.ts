import { Type } from '@sinclair/typebox';
import type { Actor } from '../../http/actor';
import { SYSTEM_ACTOR } from '../../http/actor';
import { defineJob, type JobContext, type JobDefinition } from '../../jobs/job';
import type { TestApp } from '../../testing/test-app';
import { enqueueJob } from './enqueue';
import { claimNextRun, completeRun } from './sql';

/** A job that does nothing, seen by holders of audit.read (the default), for runs the tests place. */
export const noopJob = defineJob({
  name: 'test.noop',
  payload: Type.Object({}, { additionalProperties: false }),
  async run() {
    return { ok: true };
  },
});

/** A queued run of the no-op job, at an org (or deployment-wide), started by an account or the system. */
export async function buildJobRun(t: TestApp, options: { orgId?: number; startedBy?: number } = {}): Promise<number> {
  const actor: Actor =
    options.startedBy === undefined ? SYSTEM_ACTOR : ({ kind: 'account', accountId: options.startedBy } as Actor);
  return enqueueJob({ db: t.db, actor }, noopJob, {}, { orgId: options.orgId });
}

/**
 * Works every queued run of `job` once, as a worker would (the runner itself is tested in
 * server/jobs/): claims it, runs it with its payload in a system context, marks it succeeded.
 * Returns how many ran.
 */
export async function runQueuedJobs(t: TestApp, job: JobDefinition): Promise<number> {
  const node = 'test-factory';
  let ran = 0;
  for (
    let run = await claimNextRun(t.db, [job.name], node, 60);
    run;
    run = await claimNextRun(t.db, [job.name], node, 60)
  ) {
    const ctx: JobContext = {
      ...t.deps,
      actor: SYSTEM_ACTOR,
      ip: null,
      jobId: String(run.id),
      signal: new AbortController().signal,
      progress: async () => {},
    };
    await completeRun(t.db, Number(run.id), node, await job.run(ctx, run.payload as never));
    ran++;
  }
  return ran;
}
