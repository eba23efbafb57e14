import { Type } from '@sinclair/typebox';
import type { Actor } from '../../http/actor';
import { SYSTEM_ACTOR } from '../../http/actor';
import { defineJob } from '../../jobs/job';
import type { TestApp } from '../../testing/test-app';
import { enqueueJob } from './enqueue';

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
