import { Type } from '@sinclair/typebox';
import { purgeIdempotencyKeys } from '../../http/idempotency';
import { defineJob } from '../../jobs/job';
import { purgeExpiredAuthRecords } from '../auth/sessions';
import { purgeFinishedRuns } from '../jobs/lifecycle';

/** How long finished job runs stay listed: a month of hourly housekeeping is 720 rows. */
const KEEP_RUNS_DAYS = 30;

/**
 * The hourly purge of what would otherwise grow for ever: dead sessions, old sign-in failures and
 * one-time codes, idempotency keys, finished job runs. Each delete is idempotent, so a retry or
 * a second node running it is harmless.
 */
export const housekeepingJob = defineJob({
  name: 'system.housekeeping',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: '0 * * * *',
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  permission: 'audit.read',
  async run(ctx) {
    await ctx.progress(10, '清理过期会话、登录失败记录和验证码');
    const auth = await purgeExpiredAuthRecords(ctx.db);
    await ctx.progress(60, '清理幂等键');
    const idempotencyKeys = await purgeIdempotencyKeys(ctx.db);
    await ctx.progress(80, '清理 30 天前结束的任务记录');
    const jobRuns = await purgeFinishedRuns(ctx.db, KEEP_RUNS_DAYS);
    return { ...auth, idempotencyKeys, jobRuns };
  },
});
