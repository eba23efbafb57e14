/**
 * The service-circle analysis (issue 8 item 6; 1公里服务圈 and the 15-minute walk): which share of the
 * demand lies within 1 km and within 1.2 km of an open station, where the uncovered demand gathers,
 * and where new stations would cover the most of it (a greedy maximum-coverage pick). Pure: points and
 * stations come in as typed arrays (WGS-84), so the job, the tests and the benchmark run the same code.
 * It yields to the event loop every CHUNK points, so a node running it as a job keeps answering.
 */
import KDBush from 'kdbush';
import { distanceMeters } from '../../../common/geo';
import { SERVICE_RADIUS_M, WALK_15_MIN_M } from '../../../common/stations';
import { nearestPositions } from '../../lib/knn';

export interface DemandPoints {
  count: number;
  lat: Float64Array;
  lng: Float64Array;
  /** How many people (or visits) the point stands for. */
  weight: Float64Array;
  /** The index of the point's group (a child org of the analysed one), or -1. */
  group: Int32Array;
}

export interface StationPoints {
  count: number;
  lat: Float64Array;
  lng: Float64Array;
}

export interface CoverageShare {
  points: number;
  weight: number;
  within_1km: number;
  within_walk: number;
}

export interface CoverageResult extends CoverageShare {
  groups: CoverageShare[];
  /** Clusters of demand farther than 1 km from any open station, heaviest first. */
  gaps: Array<{ lat: number; lng: number; weight: number; points: number }>;
  /** New sites in the order a greedy maximum-coverage pick takes them; `covers` is the uncovered weight each adds. */
  suggestions: Array<{ rank: number; lat: number; lng: number; covers: number }>;
}

export interface AnalyseOptions {
  groups: number;
  /** Told the share of the work done (0–1) now and then. */
  onProgress?: (done: number) => Promise<void> | void;
  signal?: AbortSignal;
  /** The side of a gap cluster's cell, metres. */
  cellM?: number;
  maxGaps?: number;
  maxSuggestions?: number;
  /** The heaviest uncovered cells considered as sites. */
  maxCandidates?: number;
}

const CHUNK = 20_000;
const M_PER_DEG_LAT = 111_320;
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

const emptyShare = (): CoverageShare => ({ points: 0, weight: 0, within_1km: 0, within_walk: 0 });

function count(share: CoverageShare, weight: number, distanceM: number): void {
  share.points++;
  share.weight += weight;
  if (distanceM <= SERVICE_RADIUS_M) share.within_1km += weight;
  if (distanceM <= WALK_15_MIN_M) share.within_walk += weight;
}

const ROW = 4_000_000;

/**
 * Gaps: uncovered cells joined with their eight neighbours into clusters (a cluster split by a cell
 * border is one gap), each with its weighted centre, heaviest first.
 */
function joinNeighbours(cells: Map<number, { weight: number; points: number; sumLat: number; sumLng: number }>) {
  const parent = new Map<number, number>();
  const find = (k: number): number => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let x = k; x !== root; ) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const k of cells.keys()) parent.set(k, k);
  for (const k of cells.keys())
    for (const dr of [-1, 0, 1])
      for (const dc of [-1, 0, 1]) {
        const n = k + dr * ROW + dc;
        if (n !== k && cells.has(n)) parent.set(find(n), find(k));
      }
  const clusters = new Map<number, { weight: number; points: number; sumLat: number; sumLng: number }>();
  for (const [k, c] of cells) {
    const root = find(k);
    let g = clusters.get(root);
    if (!g) clusters.set(root, (g = { weight: 0, points: 0, sumLat: 0, sumLng: 0 }));
    g.weight += c.weight;
    g.points += c.points;
    g.sumLat += c.sumLat;
    g.sumLng += c.sumLng;
  }
  return [...clusters.values()]
    .map((g) => ({ lat: g.sumLat / g.points, lng: g.sumLng / g.points, weight: g.weight, points: g.points }))
    .sort((a, b) => b.weight - a.weight);
}

/**
 * A grid of about `cellM` metres: rows by latitude, columns by longitude scaled at one latitude for the
 * whole analysis (the demand's mean), so the columns of every row line up and neighbours are ±1. Far
 * from that latitude the cells stretch east–west; they only gather demand into clusters.
 */
function gridAt(meanLat: number, cellM: number) {
  const dLat = cellM / M_PER_DEG_LAT;
  const dLng = dLat / Math.max(0.05, Math.cos((meanLat * Math.PI) / 180));
  return (lat: number, lng: number) => Math.floor((lat + 90) / dLat) * ROW + Math.floor((lng + 180) / dLng);
}

export async function analyseCoverage(
  points: DemandPoints,
  stations: StationPoints,
  opts: AnalyseOptions,
): Promise<CoverageResult> {
  const cellM = opts.cellM ?? 500;
  const total = emptyShare();
  const groups = Array.from({ length: opts.groups }, emptyShare);
  const kd = new KDBush(Math.max(1, stations.count), 64);
  for (let i = 0; i < stations.count; i++) kd.add(stations.lng[i]!, stations.lat[i]!);
  if (stations.count === 0) kd.add(0, -89.9); // a tree needs a point: one at the pole, far from any demand
  kd.finish();

  // 1. Each point's nearest open station, within the walk at most.
  const uncovered: number[] = [];
  const always = () => true;
  for (let i = 0; i < points.count; i++) {
    if (i % CHUNK === 0 && i > 0) {
      opts.signal?.throwIfAborted();
      await opts.onProgress?.((0.7 * i) / points.count);
      await yieldNow();
    }
    const lat = points.lat[i]!;
    const lng = points.lng[i]!;
    const w = points.weight[i]!;
    const [near] = nearestPositions(kd, lng, lat, 1, WALK_15_MIN_M / 1000, always, always);
    const d =
      near === undefined || stations.count === 0
        ? Infinity
        : distanceMeters({ lat, lng }, { lat: stations.lat[near]!, lng: stations.lng[near]! });
    count(total, w, d);
    const g = points.group[i]!;
    if (g >= 0) count(groups[g]!, w, d);
    if (d > SERVICE_RADIUS_M) uncovered.push(i);
  }

  // 2. The uncovered demand gathered into cells.
  const cells = new Map<number, { weight: number; points: number; sumLat: number; sumLng: number }>();
  let sumLat = 0;
  for (const i of uncovered) sumLat += points.lat[i]!;
  const cellOf = gridAt(uncovered.length ? sumLat / uncovered.length : 0, cellM);
  for (const i of uncovered) {
    const key = cellOf(points.lat[i]!, points.lng[i]!);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { weight: 0, points: 0, sumLat: 0, sumLng: 0 }));
    c.weight += points.weight[i]!;
    c.points++;
    c.sumLat += points.lat[i]!;
    c.sumLng += points.lng[i]!;
  }
  const ranked = [...cells.values()]
    .map((c) => ({ lat: c.sumLat / c.points, lng: c.sumLng / c.points, weight: c.weight, points: c.points }))
    .sort((a, b) => b.weight - a.weight);
  const gaps = joinNeighbours(cells);
  await opts.onProgress?.(0.8);

  // 3. Sites: the heaviest cells' centres as candidates; each pick the one covering the most demand
  // still uncovered (lazy greedy: a candidate's gain only shrinks as others are picked).
  const candidates = ranked.slice(0, opts.maxCandidates ?? 3000);
  const suggestions: CoverageResult['suggestions'] = [];
  if (uncovered.length > 0 && candidates.length > 0) {
    const ukd = new KDBush(uncovered.length, 64);
    for (const i of uncovered) ukd.add(points.lng[i]!, points.lat[i]!);
    ukd.finish();
    const taken = new Uint8Array(uncovered.length);
    /** The uncovered positions within 1 km of a site. */
    const reach = (c: { lat: number; lng: number }) => {
      const dLat = SERVICE_RADIUS_M / M_PER_DEG_LAT;
      const dLng = dLat / Math.max(0.01, Math.cos((c.lat * Math.PI) / 180));
      return ukd
        .range(c.lng - dLng, c.lat - dLat, c.lng + dLng, c.lat + dLat)
        .filter((k) => distanceMeters(c, { lat: points.lat[uncovered[k]!]!, lng: points.lng[uncovered[k]!]! }) <= SERVICE_RADIUS_M);
    };
    const gainOf = (c: { lat: number; lng: number }) => {
      let gain = 0;
      for (const k of reach(c)) if (!taken[k]) gain += points.weight[uncovered[k]!]!;
      return gain;
    };
    const gains = candidates.map((c) => ({ c, gain: gainOf(c) }));
    const max = opts.maxSuggestions ?? 10;
    while (suggestions.length < max && gains.length > 0) {
      opts.signal?.throwIfAborted();
      gains.sort((a, b) => b.gain - a.gain);
      const best = gains[0]!;
      const fresh = gainOf(best.c);
      if (fresh <= 0) {
        gains.shift(); // all it would cover is covered now
        continue;
      }
      if (gains.length > 1 && fresh < gains[1]!.gain) {
        best.gain = fresh; // stale: others may now be better
        continue;
      }
      for (const k of reach(best.c)) taken[k] = 1;
      suggestions.push({ rank: suggestions.length + 1, lat: best.c.lat, lng: best.c.lng, covers: fresh });
      gains.shift();
    }
  }
  await opts.onProgress?.(1);
  return { ...total, groups, gaps: gaps.slice(0, opts.maxGaps ?? 200), suggestions };
}
