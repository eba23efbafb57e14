/**
 * `npm run bench:coverage`: the coverage analysis (server/features/coverage/analyse.ts) of 1M demand
 * points against 200k stations, both drawn like Chinese cities (bench/generate-stations.ts): the time
 * of each phase and the peak memory. In process and without a database: the job's reads are ordinary
 * paged selects; this measures the analysis itself.
 *
 *   npm run bench:coverage        Knobs: BENCH_POINTS (1000000), BENCH_STATIONS (200000)
 *
 * Writes bench/results/coverage.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseCoverage } from '../server/features/coverage/analyse';
import { cityPoints } from './generate-stations';

const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const STATIONS = Number(process.env.BENCH_STATIONS ?? 200_000);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function main() {
  const { station, rider } = cityPoints(20_261_203);
  const stations = { count: STATIONS, lat: new Float64Array(STATIONS), lng: new Float64Array(STATIONS) };
  for (let i = 0; i < STATIONS; i++) {
    const s = station();
    stations.lat[i] = s.lat;
    stations.lng[i] = s.lng;
  }
  // Demand: most riders near stations, a third in between (where gaps are).
  const points = {
    count: POINTS,
    lat: new Float64Array(POINTS),
    lng: new Float64Array(POINTS),
    weight: new Float64Array(POINTS).fill(1),
    group: new Int32Array(POINTS).fill(-1),
  };
  for (let i = 0; i < POINTS; i++) {
    const p = i % 3 === 0 ? station() : rider();
    points.lat[i] = p.lat;
    points.lng[i] = p.lng;
  }
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const marks: Array<[string, number]> = [];
  const t0 = performance.now();
  let last = 0;
  const result = await analyseCoverage(points, stations, {
    groups: 0,
    onProgress: (done) => {
      if (done >= 0.8 && last < 0.8) marks.push(['nearest station per point, then the gaps', performance.now() - t0]);
      last = done;
    },
  });
  const totalMs = performance.now() - t0;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    points: POINTS,
    stations: STATIONS,
    totalMs: Math.round(totalMs),
    phasesMs: {
      ...Object.fromEntries(marks.map(([k, v]) => [k, Math.round(v)])),
      'sites (greedy)': Math.round(totalMs - (marks[0]?.[1] ?? 0)),
    },
    pointsPerSecond: Math.round(POINTS / (totalMs / 1000)),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peakRss),
    within1kmShare: Math.round((1000 * result.within_1km) / result.weight) / 10,
    gaps: result.gaps.length,
    suggestions: result.suggestions.map((s) => s.covers),
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'coverage.json'), JSON.stringify(report, null, 2));
}

await main();
