/**
 * `npm run bench:jobs`: the job runner's throughput and latency (docs/benchmarks.md), each as a
 * ratio to a reference measured in the same run on the same pool: single-row INSERT + DELETE
 * round trips. PGlite (on disk in a temp dir, as `npm start`) always; PostgreSQL too when
 * BENCH_DATABASE_URL names a server (a fresh database is created there and dropped afterwards).
 *
 *   npm run bench:jobs
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:jobs
 *
 * Knobs: BENCH_JOBS (no-op runs, 10000), BENCH_LATENCY_RUNS (200). Writes bench/results/jobs.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { createDatabase } from './database';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { SYSTEM_ACTOR } from '../server/http/actor';
import { enqueueJob } from '../server/features/jobs/enqueue';
import { defineJob } from '../server/jobs/job';
import { createRunner } from '../server/jobs/runner';
import { testConfig } from '../server/testing/test-app';

const N = Number(process.env.BENCH_JOBS ?? 10_000);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 200);
const POLL_MS = 1000;
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One database's figures. */
async function measure(database: Database) {
  await migrate(database.pool);
  const deps = await createDeps(testConfig(), database.db);
  const { db } = database;

  // The reference: one INSERT and one DELETE of a row, each its own round trip and commit.
  await sql`CREATE TABLE bench_ref (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz DEFAULT now())`.execute(
    db,
  );
  let t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const { rows } = await sql<{ id: number }>`INSERT INTO bench_ref DEFAULT VALUES RETURNING id`.execute(db);
    await sql`DELETE FROM bench_ref WHERE id = ${rows[0]!.id}`.execute(db);
  }
  const referenceMs = performance.now() - t0;
  const roundTripMs = referenceMs / N;

  let done = 0;
  let startedAt = 0;
  const noop = defineJob({
    name: 'bench.noop',
    payload: Type.Object({}),
    async run() {
      startedAt = performance.now();
      done++;
    },
  });
  const system = { db, actor: SYSTEM_ACTOR };

  t0 = performance.now();
  for (let i = 0; i < N; i++) await enqueueJob(system, noop, {});
  const enqueueMs = performance.now() - t0;

  const runner = createRunner(deps, [noop], { pollMs: POLL_MS });
  t0 = performance.now();
  runner.start();
  while (done < N) await sleep(5);
  const runMs = performance.now() - t0;
  await runner.stop();

  // Latency: enqueue (outside a transaction) → the handler starts, on an idle node; woken in
  // process, and by polling alone (as a run enqueued on another node is found).
  async function latency(wakeOnEnqueue: boolean): Promise<number[]> {
    const r = createRunner(deps, [noop], { pollMs: POLL_MS, wakeOnEnqueue });
    r.start();
    const samples: number[] = [];
    const runs = wakeOnEnqueue ? LATENCY_RUNS : Math.min(LATENCY_RUNS, 30);
    for (let i = 0; i < runs; i++) {
      // Polling: enqueue at a random phase of the poll cycle, which restarted when the last run ended.
      await sleep(wakeOnEnqueue ? 5 + Math.random() * 20 : Math.random() * POLL_MS);
      const before = done;
      const sent = performance.now();
      await enqueueJob(system, noop, {});
      while (done === before) await sleep(1);
      samples.push(startedAt - sent);
    }
    await r.stop();
    return samples;
  }
  const woken = await latency(true);
  const polled = await latency(false);
  const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0]!.v;
  return {
    database: database.kind,
    version,
    jobs: N,
    reference: { roundTripsPerSecond: (2 * N) / (referenceMs / 1000), insertDeletePairMs: roundTripMs },
    enqueuePerSecond: N / (enqueueMs / 1000),
    runPerSecond: N / (runMs / 1000),
    // A run costs a claim and a completion: two writes, like one INSERT + DELETE pair.
    runRatio: N / (runMs / 1000) / (N / (referenceMs / 1000)),
    enqueueRatio: N / (enqueueMs / 1000) / ((2 * N) / (referenceMs / 1000)),
    latencyWokenMs: { p50: percentile(woken, 0.5), p95: percentile(woken, 0.95) },
    latencyPolledMs: { p50: percentile(polled, 0.5), p95: percentile(polled, 0.95) },
    latencyWokenInPairs: percentile(woken, 0.5) / roundTripMs,
  };
}

type Figures = Awaited<ReturnType<typeof measure>>;

function table(all: Figures[]): string {
  const f = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const rows = [
    ['reference: INSERT+DELETE pairs/s', (r: Figures) => f(1000 / r.reference.insertDeletePairMs)],
    [
      'enqueue/s (one enqueueJob each)',
      (r: Figures) => `${f(r.enqueuePerSecond)} (${f(r.enqueueRatio * 100, 0)}% of single round trips)`,
    ],
    [
      `run/s (${N.toLocaleString('en-US')} no-op runs, 1 worker)`,
      (r: Figures) => `${f(r.runPerSecond)} (${f(r.runRatio * 100, 0)}% of pairs)`,
    ],
    [
      'enqueue → start, woken in process (p50 / p95)',
      (r: Figures) =>
        `${f(r.latencyWokenMs.p50, 1)} / ${f(r.latencyWokenMs.p95, 1)} ms (${f(r.latencyWokenInPairs, 1)} pairs)`,
    ],
    [
      `enqueue → start, found by polling every ${POLL_MS} ms (p50 / p95)`,
      (r: Figures) => `${f(r.latencyPolledMs.p50)} / ${f(r.latencyPolledMs.p95)} ms`,
    ],
  ] as const;
  const head = `| | ${all.map((r) => `${r.database} ${r.version}`).join(' | ')} |\n|---|${all.map(() => '---').join('|')}|`;
  return [head, ...rows.map(([label, cell]) => `| ${label} | ${all.map(cell).join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const results: Figures[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-bench-jobs-'));
  try {
    const lite = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
    try {
      results.push(await measure(lite));
    } finally {
      await lite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DATABASE_URL) {
    const scratch = await createDatabase(process.env.BENCH_DATABASE_URL);
    try {
      const database = await openDatabase({ kind: 'postgres', url: scratch.url });
      try {
        results.push(await measure(database));
      } finally {
        await database.close();
      }
    } finally {
      await scratch.drop();
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'jobs.json'), JSON.stringify(results, null, 2));
  process.stdout.write(`\n${table(results)}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
