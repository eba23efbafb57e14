/**
 * `npm run bench:stations`: the nearest-stations search in process (DESIGN.md §7: 200k stations, k=10 with
 * open_now and one amenity, p99 ≤ 1 ms), from the node's index and from the database alone, in one run;
 * the index's full reload; and, on PostgreSQL, the time until a second node answers an edit made in SQL.
 * PGlite (on disk in a temp dir) always; PostgreSQL too when BENCH_DATABASE_URL names a server. The HTTP
 * ratio against the trivial route comes next (bench/run.ts).
 *
 *   npm run bench:stations          (node --expose-gc --import tsx bench/stations.ts also collects the reload's garbage first)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:stations
 *
 * Knobs: BENCH_STATIONS (200000), BENCH_QUERIES (2000 on the index; a tenth on the database).
 * Writes bench/results/stations.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { systemContext } from '../server/http/context';
import { findNearbyStations, type NearbySource } from '../server/features/stations/service';
import { createStationIndex } from '../server/features/stations/station-index';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';
import { generateStations } from './generate-stations';
import { generateTree } from './generate-tree';

const N = Number(process.env.BENCH_STATIONS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/** A Wednesday (a working day) at three Shanghai times, as UTC instants. */
const SHANGHAI_TIMES = {
  '03:00': Date.UTC(2026, 11, 1, 19, 0),
  '12:00': Date.UTC(2026, 11, 2, 4, 0),
  '19:30': Date.UTC(2026, 11, 2, 11, 30),
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function measure(database: Database, label: string) {
  await migrate(database.pool);
  const tree = await generateTree(database.db, { streetsPerCounty: 1, enterprisesPerStreet: 1 });
  const { ms: insertMs, queryPoint, random } = await generateStations(database.db, { count: N, orgId: tree.root.id });
  const deps = await createDeps(testConfig({ demo: false }), database.db);
  const index = deps.state.stations;
  // The first load, then a reload while loaded (what a '*' or the periodic check does): how long, and
  // the longest the event loop stood still meanwhile (searches wait that long).
  await index.reload();
  // A 5 ms tick that notes how late it runs: the longest wait is the longest the loop stood still.
  let reloadBlockMs = 0;
  let tick = performance.now();
  const meter = setInterval(() => {
    const now = performance.now();
    reloadBlockMs = Math.max(reloadBlockMs, now - tick - 5);
    tick = now;
  }, 5);
  const reloadStart = performance.now();
  await index.reload();
  const reloadMs = performance.now() - reloadStart;
  clearInterval(meter);
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const ctx = systemContext(deps);

  // Riders are where stations are: query points near generated station points.
  const points = Array.from({ length: QUERIES }, queryPoint);
  const run = async (source: NearbySource, count: number, nowMs?: number) => {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < count; i++) {
      const q = { ...points[i % points.length]!, limit: 10, open_now: true, amenity: ['microwave'] };
      const t0 = performance.now();
      found += (await findNearbyStations(ctx, q, source, nowMs)).items.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { queries: count, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), meanFound: found / count };
  };
  // The reload's garbage (the driver's 200k rows) collected first when `--expose-gc` allows: a search
  // should not pay for it.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterGcMb = process.memoryUsage().heapUsed / 1e6;
  await run('index', 200); // warm-up: hours parsed for today, JIT
  const fromIndex = await run('index', QUERIES);
  // Which stations are open changes what a search must walk past: at night only the 24/7 ones pass.
  const byTimeOfDay: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const [label, utc] of Object.entries(SHANGHAI_TIMES)) byTimeOfDay[label] = await run('index', QUERIES, utc);
  const fromDatabase = await run('database', Math.max(50, Math.floor(QUERIES / 10)));

  // A second node on the same database: how long until it answers an edit made in plain SQL.
  let refreshMs: { p50: number; max: number } | null = null;
  if (database.kind === 'postgres') {
    const other = createStationIndex(database.db);
    await other.reload(); // it starts on first use: loaded and listening before the edits
    await new Promise((r) => setTimeout(r, 500));
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = 1 + Math.floor(random() * N);
      const name = `改名${i}`;
      const t0 = performance.now();
      await database.db.updateTable('stations').set({ name }).where('id', '=', id).execute();
      while (other.get(id)?.name !== name) await new Promise((r) => setImmediate(r));
      waits.push(performance.now() - t0);
    }
    other.stop();
    waits.sort((a, b) => a - b);
    refreshMs = { p50: percentile(waits, 0.5), max: waits.at(-1)! };
  }
  index.stop();
  const result = {
    label,
    stations: index.size(),
    insertMs,
    reloadMs,
    reloadBlockMs,
    heapMb,
    heapAfterGcMb,
    fromIndex,
    byTimeOfDay,
    fromDatabase,
    refreshMs,
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

async function main() {
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-bench-stations-'));
  const lite = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
  try {
    results.push(await measure(lite, 'pglite'));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const created = await createDatabase(url);
    const pgDb = await openDatabase({ kind: 'postgres', url: created.url });
    try {
      results.push(await measure(pgDb, 'postgres'));
    } finally {
      await pgDb.close();
      await created.drop();
    }
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(RESULTS, 'stations.json'),
    JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2),
  );
}

await main();
