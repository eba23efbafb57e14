/**
 * The runner on a real database (PGlite, and PostgreSQL with TEST_DATABASE_URL): runs, retries,
 * cancel, leases, schedules across nodes, shutdown. No test sleeps for seconds: the clock and the
 * intervals are injected, and runner.tick() / runner.runNext() drive the work step by step.
 */
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { SYSTEM_ACTOR } from '../http/actor';
import { withTransaction } from '../http/context';
import { enqueueJob } from '../features/jobs/enqueue';
import { createTestApp, type TestApp } from '../testing/test-app';
import { defineJob } from './job';
import { createRunner } from './runner';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const system = () => ({ db: t.db, actor: SYSTEM_ACTOR });
const runOf = (id: number) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Seconds from the database's now() to a run's run_after. */
const dueIn = async (id: number) =>
  Number(
    (
      await sql<{
        s: number;
      }>`SELECT extract(epoch FROM run_after - now())::float8 AS s FROM jobs WHERE id = ${id}`.execute(t.db)
    ).rows[0]!.s,
  );
const makeDue = (id: number) =>
  t.db
    .updateTable('jobs')
    .set({ run_after: sql`now()` })
    .where('id', '=', id)
    .execute();

const doubler = defineJob({
  name: 'test.double',
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  async run(ctx, { n }) {
    await ctx.progress(50, '计算中');
    return { doubled: n * 2, jobId: ctx.jobId };
  },
});

describe('enqueue and run', () => {
  it('runs a run to its result, as the system, with progress 100', async () => {
    const id = await enqueueJob(system(), doubler, { n: 21 });
    expect(await runOf(id)).toMatchObject({ state: 'queued', attempts: 0, started_by: null });
    const runner = createRunner(t.deps, [doubler]);
    expect(await runner.runNext()).toBe(true);
    expect(await runOf(id)).toMatchObject({
      state: 'succeeded',
      attempts: 1,
      progress: 100,
      result: { doubled: 42, jobId: String(id) },
      locked_by: null,
      error: null,
    });
    expect(await runner.runNext()).toBe(false);
  });

  it('refuses a payload its schema does not accept, naming the field', async () => {
    const err = await enqueueJob(system(), doubler, { n: 'x' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields).toEqual({ 'payload.n': '应为整数' });
    const missing = await enqueueJob(system(), doubler, {} as never).catch((e: AppError) => e.fields);
    expect(missing).toEqual({ 'payload.n': '必填' });
  });

  it('enqueues inside the caller’s transaction: a rolled-back write leaves no run, a committed one leaves one', async () => {
    const before = await t.db.selectFrom('jobs').select('id').where('name', '=', 'test.double').execute();
    await withTransaction({ ...t.deps, actor: SYSTEM_ACTOR, ip: null }, async (tx) => {
      await enqueueJob(tx, doubler, { n: 1 });
      throw new Error('the write failed');
    }).catch(() => {});
    const committed = await withTransaction({ ...t.deps, actor: SYSTEM_ACTOR, ip: null }, (tx) =>
      enqueueJob(tx, doubler, { n: 2 }),
    );
    const after = await t.db.selectFrom('jobs').select(['id', 'payload']).where('name', '=', 'test.double').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.find((r) => r.id === committed)?.payload).toEqual({ n: 2 });
    await createRunner(t.deps, [doubler]).runNext();
  });

  it('a singleton key holds one queued or running run at a time', async () => {
    const first = await enqueueJob(system(), doubler, { n: 1 }, { singletonKey: 'org-7' });
    expect(await enqueueJob(system(), doubler, { n: 2 }, { singletonKey: 'org-7' })).toBe(first);
    await createRunner(t.deps, [doubler]).runNext();
    expect(await enqueueJob(system(), doubler, { n: 3 }, { singletonKey: 'org-7' })).not.toBe(first);
    await createRunner(t.deps, [doubler]).runNext();
  });

  it('startAfter keeps a run waiting until it is due', async () => {
    const id = await enqueueJob(system(), doubler, { n: 5 }, { startAfter: 3600 });
    const runner = createRunner(t.deps, [doubler]);
    expect(await runner.runNext()).toBe(false);
    await makeDue(id);
    expect(await runner.runNext()).toBe(true);
    expect((await runOf(id)).state).toBe('succeeded');
  });
});

describe('a handler that throws', () => {
  const failing = defineJob({
    name: 'test.fail',
    payload: Type.Object({}),
    retry: { limit: 2, delaySeconds: 30, backoff: true },
    async run(ctx) {
      // Half a write: inside its own transaction, rolled back by the throw.
      await withTransaction(ctx, async (tx) => {
        await tx.db
          .insertInto('login_failures')
          .values({ key: `job:${ctx.jobId}` })
          .execute();
        throw new AppError('conflict', undefined, '导入的文件第 3 行格式不对');
      });
    },
  });

  it('is retried with a doubling delay, then failed with its reason; nothing half-written stays', async () => {
    const logged: string[] = [];
    const runner = createRunner(t.deps, [failing], { log: (m) => logged.push(m) });
    const id = await enqueueJob(system(), failing, {});

    expect(await runner.runNext()).toBe(true);
    expect(await runOf(id)).toMatchObject({ state: 'queued', attempts: 1, error: '导入的文件第 3 行格式不对' });
    expect(await dueIn(id)).toBeGreaterThan(28);
    expect(await dueIn(id)).toBeLessThanOrEqual(30);
    expect(await runner.runNext()).toBe(false); // not before the delay

    await makeDue(id);
    await runner.runNext();
    expect(await runOf(id)).toMatchObject({ state: 'queued', attempts: 2 });
    expect(await dueIn(id)).toBeGreaterThan(58); // doubled
    expect(await dueIn(id)).toBeLessThanOrEqual(60);

    await makeDue(id);
    await runner.runNext();
    const run = await runOf(id);
    expect(run).toMatchObject({ state: 'failed', attempts: 3, error: '导入的文件第 3 行格式不对', result: null });
    expect(run.finished_at).not.toBeNull();
    expect(logged.filter((m) => m === 'job run failed')).toHaveLength(3);
    expect(await t.db.selectFrom('login_failures').select('key').where('key', '=', `job:${id}`).execute()).toEqual([]);
  });

  it('an error that is not the handler’s own AppError shows a generic reason, no stack or message', async () => {
    const crashing = defineJob({
      name: 'test.crash',
      payload: Type.Object({}),
      async run() {
        throw new TypeError("Cannot read properties of undefined (reading '13800138000')");
      },
    });
    const id = await enqueueJob(system(), crashing, {});
    await createRunner(t.deps, [crashing]).runNext();
    const run = await runOf(id);
    expect(run.state).toBe('failed');
    expect(run.error).toBe('任务执行出错（内部错误，详情见服务器日志）');
  });
});

describe('progress', () => {
  it('is throttled: within the interval only the first report is written, the run ends at 100', async () => {
    let seen: number | undefined;
    const chatty = defineJob({
      name: 'test.chatty',
      payload: Type.Object({}),
      async run(ctx) {
        for (let i = 1; i <= 200; i++) await ctx.progress(i / 2, `第 ${i} 步`);
        seen = (await t.db.selectFrom('jobs').select('progress').where('id', '=', Number(ctx.jobId)).executeTakeFirst())
          ?.progress;
      },
    });
    const id = await enqueueJob(system(), chatty, {});
    await createRunner(t.deps, [chatty], { progressEveryMs: 60_000 }).runNext();
    expect(seen).toBe(1); // the first report (0.5 → 1); the 199 after it waited
    expect(await runOf(id)).toMatchObject({ state: 'succeeded', progress: 100 });
  });
});
