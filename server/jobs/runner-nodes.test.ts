/**
 * The runner across nodes (several runners on one database, as several app processes would be):
 * a cron slot fires once, a dead node's run is recovered after its lease, a stopping node finishes
 * or hands back its run, a cancel reaches the node running the run.
 */
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../http/actor';
import { enqueueJob } from '../features/jobs/enqueue';
import { createTestApp, type TestApp } from '../testing/test-app';
import { defineJob } from './job';
import { CANCELLED, createRunner, SHUTTING_DOWN } from './runner';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const system = () => ({ db: t.db, actor: SYSTEM_ACTOR });
const runOf = (id: number) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
};

/** A job that reports progress until its signal is aborted, then throws the abort's reason. */
function patientJob(name: string, aborted: string[]) {
  return defineJob({
    name,
    payload: Type.Object({}),
    async run(ctx) {
      for (let i = 0; !ctx.signal.aborted; i++) {
        await ctx.progress(i % 100, '处理中');
        await new Promise((r) => setTimeout(r, 5));
      }
      aborted.push((ctx.signal.reason as Error).message);
      throw ctx.signal.reason;
    },
  });
}

describe('schedules', () => {
  const ticks: string[] = [];
  const hourly = defineJob({
    name: 'test.hourly',
    payload: Type.Object({}),
    schedule: '0 * * * *',
    async run() {
      ticks.push('ran');
    },
  });
  const slots = () =>
    t.db
      .selectFrom('jobs')
      .select(['schedule_slot', 'state'])
      .where('name', '=', 'test.hourly')
      .orderBy('id')
      .execute();

  it('fire once per slot when two nodes tick at the same moment, and again in the next hour', async () => {
    let now = new Date('2026-12-01T10:59:30+08:00');
    const nodes = [1, 2, 3].map((n) => createRunner(t.deps, [hourly], { node: `node-${n}`, now: () => now }));
    await Promise.all(nodes.map((r) => r.tick()));
    await Promise.all(nodes.map((r) => r.tick()));
    expect((await slots()).map((s) => s.schedule_slot?.toISOString())).toEqual(['2026-12-01T02:00:00.000Z']);

    now = new Date('2026-12-01T11:00:05+08:00');
    await Promise.all(nodes.map((r) => r.tick()));
    // A node that starts later (a fresh process, nothing in memory) does not fire the slot again.
    await createRunner(t.deps, [hourly], { node: 'node-late', now: () => now }).tick();
    expect((await slots()).map((s) => s.schedule_slot?.toISOString())).toEqual([
      '2026-12-01T02:00:00.000Z',
      '2026-12-01T03:00:00.000Z',
    ]);
    while (await nodes[0]!.runNext());
    expect(ticks).toEqual(['ran', 'ran']);
    expect((await slots()).map((s) => s.state)).toEqual(['succeeded', 'succeeded']);
  });

  it('a scheduled job must accept an empty payload, and a bad cron is refused at start', () => {
    const needsInput = defineJob({ ...hourly, name: 'test.needs', payload: Type.Object({ n: Type.Integer() }) });
    expect(() => createRunner(t.deps, [needsInput as never])).toThrow(/payload schema must accept \{\}/);
    expect(() => createRunner(t.deps, [{ ...hourly, schedule: '0 25 * * *' }])).toThrow(/hour/);
    expect(() => createRunner(t.deps, [hourly, hourly])).toThrow(/two jobs/);
  });
});

describe('leases', () => {
  it('a run whose node died mid-run is queued again when its lease has expired, and another node finishes it', async () => {
    const runs: string[] = [];
    const job = defineJob({
      name: 'test.leased',
      payload: Type.Object({}),
      retry: { limit: 1, delaySeconds: 0 },
      async run(ctx) {
        runs.push(ctx.jobId);
        return { by: 'survivor' };
      },
    });
    const id = await enqueueJob(system(), job, {});
    // The dead node claimed it and then stopped renewing: its lease ran out a second ago.
    await t.db
      .updateTable('jobs')
      .set({
        state: 'running',
        attempts: 1,
        locked_by: 'dead-node',
        locked_until: sql`now() - interval '1 second'`,
        started_at: sql`now() - interval '2 minutes'`,
      })
      .where('id', '=', id)
      .execute();
    const survivor = createRunner(t.deps, [job], { node: 'survivor' });
    expect(await survivor.runNext()).toBe(false); // still "running" until the recovery pass
    await survivor.tick();
    expect(await runOf(id)).toMatchObject({ state: 'queued', locked_by: null });
    expect((await runOf(id)).error).toMatch(/租约过期/);
    expect(await survivor.runNext()).toBe(true);
    expect(await runOf(id)).toMatchObject({ state: 'succeeded', attempts: 2, result: { by: 'survivor' }, error: null });
    expect(runs).toEqual([String(id)]);
  });

  it('a lease that is still live is left alone', async () => {
    const job = defineJob({ name: 'test.live', payload: Type.Object({}), async run() {} });
    const id = await enqueueJob(system(), job, {});
    await t.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, locked_by: 'busy-node', locked_until: sql`now() + interval '1 minute'` })
      .where('id', '=', id)
      .execute();
    await createRunner(t.deps, [job]).tick();
    expect(await runOf(id)).toMatchObject({ state: 'running', locked_by: 'busy-node' });
    await t.db
      .updateTable('jobs')
      .set({ state: 'cancelled', locked_by: null, locked_until: null })
      .where('id', '=', id)
      .execute();
  });
});

describe('graceful shutdown', () => {
  it('waits for a run that ends within the timeout', async () => {
    let release = () => {};
    const job = defineJob({
      name: 'test.brief',
      payload: Type.Object({}),
      run: () => new Promise<{ done: boolean }>((r) => (release = () => r({ done: true }))),
    });
    const id = await enqueueJob(system(), job, {});
    const runner = createRunner(t.deps, [job], { pollMs: 10 });
    runner.start();
    await until(async () => (await runOf(id)).state === 'running');
    const stopped = runner.stop(5_000);
    setTimeout(() => release(), 30);
    await stopped;
    expect(await runOf(id)).toMatchObject({ state: 'succeeded', result: { done: true } });
  });

  it('aborts a run still going at the timeout and hands it back to the queue for another node', async () => {
    const aborted: string[] = [];
    const job = patientJob('test.patient', aborted);
    const id = await enqueueJob(system(), job, {});
    const leaving = createRunner(t.deps, [job], { pollMs: 10, node: 'leaving' });
    leaving.start();
    await until(async () => (await runOf(id)).state === 'running');
    await leaving.stop(50);
    expect(aborted).toEqual([SHUTTING_DOWN]);
    expect(await runOf(id)).toMatchObject({ state: 'queued', attempts: 0, locked_by: null, error: null });
    // Another node takes it up (and is cancelled, to end it).
    const other = createRunner(t.deps, [job], { node: 'other', progressEveryMs: 0 });
    const running = other.runNext();
    await until(async () => (await runOf(id)).locked_by === 'other');
    await t.db
      .updateTable('jobs')
      .set({ state: 'cancelled', locked_by: null, locked_until: null })
      .where('id', '=', id)
      .execute();
    await running;
    expect(aborted).toEqual([SHUTTING_DOWN, CANCELLED]);
  });
});
