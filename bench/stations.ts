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
import { AMENITY_CODES, type Amenity } from '../common/stations';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { systemContext } from '../server/http/context';
import { findNearbyStations, type NearbySource } from '../server/features/stations/service';
import { createStationIndex } from '../server/features/stations/station-index';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';
import { generateTree } from './generate-tree';

const N = Number(process.env.BENCH_STATIONS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

// A fixed-seed LCG, so runs compare.
let seed = 20_261_202;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

/** City cores with a weight (rough urban population, millions) and a region code. */
const CITIES: Array<[lat: number, lng: number, weight: number, region: string]> = [
  [39.9, 116.4, 21, '110101'],
  [31.23, 121.47, 24, '310101'],
  [23.13, 113.26, 18, '440103'],
  [22.54, 114.06, 17, '440303'],
  [30.57, 104.07, 16, '510104'],
  [29.56, 106.55, 16, '500103'],
  [30.59, 114.3, 12, '420102'],
  [34.34, 108.94, 12, '610102'],
  [32.06, 118.8, 9, '320102'],
  [30.27, 120.16, 12, '330102'],
  [36.07, 120.38, 10, '370202'],
  [34.75, 113.63, 12, '410102'],
  [28.23, 112.94, 10, '430102'],
  [41.8, 123.43, 9, '210102'],
  [45.75, 126.64, 9, '230102'],
  [25.04, 102.71, 8, '530102'],
  [26.65, 119.3, 8, '350102'],
  [28.68, 115.86, 6, '360102'],
  [28.45, 117.95, 2, '361102'],
  [22.82, 108.37, 8, '450102'],
  [43.82, 87.62, 4, '650102'],
  [29.65, 91.13, 1, '540102'],
  [36.06, 103.83, 4, '620102'],
  [38.04, 114.51, 10, '130102'],
];
const TOTAL_WEIGHT = CITIES.reduce((s, c) => s + c[2], 0);
const HOURS = [
  '24/7',
  'Mo-Fr 08:00-18:00; PH off',
  'Mo-Su 07:00-21:00',
  'Apr-Oct: Mo-Su 06:00-22:00; Nov-Mar: Mo-Su 07:00-20:00',
  'Mo-Sa 08:30-20:30; PH 09:00-17:00',
];

function pickCity() {
  let r = random() * TOTAL_WEIGHT;
  for (const c of CITIES) if ((r -= c[2]) <= 0) return c;
  return CITIES[0]!;
}

/** A point like a station's: 70% in a dense core (σ ≈ 4 km), 30% in the county around (σ ≈ 40 km). */
function stationPoint(): { lat: number; lng: number; region: string } {
  const [lat, lng, , region] = pickCity();
  const spread = random() < 0.7 ? 0.04 : 0.4;
  return { lat: lat + gauss() * spread, lng: lng + gauss() * spread, region };
}

async function insertStations(database: Database, orgId: number): Promise<number> {
  const t0 = performance.now();
  for (let done = 0; done < N; done += 2000) {
    const rows = Array.from({ length: Math.min(2000, N - done) }, (_, i) => {
      const p = stationPoint();
      return {
        org_id: orgId,
        kind: 'outdoor_worker' as const,
        name: `驿站${done + i}`,
        address: '基准测试路',
        region_code: p.region,
        lat: p.lat,
        lng: p.lng,
        amenities: AMENITY_CODES.filter(() => random() < 0.45) as Amenity[],
        opening_hours: HOURS[Math.floor(random() * HOURS.length)]!,
        status: random() < 0.02 ? ('temporarily_closed' as const) : ('open' as const),
      };
    });
    await database.db.insertInto('stations').values(rows).execute();
  }
  return performance.now() - t0;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function measure(database: Database, label: string) {
  await migrate(database.pool);
  const tree = await generateTree(database.db, { streetsPerCounty: 1, enterprisesPerStreet: 1 });
  const insertMs = await insertStations(database, tree.root.id);
  const deps = await createDeps(testConfig({ demo: false }), database.db);
  const index = deps.state.stations;
  const reloadStart = performance.now();
  await index.reload();
  const reloadMs = performance.now() - reloadStart;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const ctx = systemContext(deps);

  // Riders are where stations are: query points near generated station points.
  const points = Array.from({ length: QUERIES }, () => {
    const p = stationPoint();
    return { lat: p.lat + gauss() * 0.005, lng: p.lng + gauss() * 0.005 };
  });
  const run = async (source: NearbySource, count: number) => {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < count; i++) {
      const q = { ...points[i % points.length]!, limit: 10, open_now: true, amenity: ['microwave'] };
      const t0 = performance.now();
      found += (await findNearbyStations(ctx, q, source)).items.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { queries: count, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), meanFound: found / count };
  };
  // The reload's garbage (the driver's 200k rows) collected first when `--expose-gc` allows: a search
  // should not pay for it.
  (globalThis as { gc?: () => void }).gc?.();
  await run('index', 200); // warm-up: hours parsed for today, JIT
  const fromIndex = await run('index', QUERIES);
  const fromDatabase = await run('database', Math.max(50, Math.floor(QUERIES / 10)));

  // A second node on the same database: how long until it answers an edit made in plain SQL.
  let refreshMs: { p50: number; max: number } | null = null;
  if (database.kind === 'postgres') {
    const other = await createStationIndex(database.db);
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
  const result = { label, stations: index.size(), insertMs, reloadMs, heapMb, fromIndex, fromDatabase, refreshMs };
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
