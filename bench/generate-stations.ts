/**
 * Benchmark stations spread like real Chinese cities (dense cores, sparse counties), with mixed hours
 * and amenity sets, and query points drawn where riders are (near stations). Fixed-seed, so runs
 * compare. Used by bench/stations.ts (in process) and bench/server.ts (the HTTP ratio).
 */
import { AMENITY_CODES, type Amenity } from '../common/stations';
import type { Db } from '../server/db/database';
import { seededRandom } from './random';

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

/**
 * Points drawn like the stations and the riders of Chinese cities, from a fixed seed: `station()` is
 * 70% in a dense core (σ ≈ 4 km) and 30% in the county around (σ ≈ 40 km); `rider()` is within ~500 m
 * of a station-like point (riders are where stations are).
 */
export function cityPoints(seed?: number) {
  const { random, gauss } = seededRandom(seed);
  const pickCity = () => {
    let r = random() * TOTAL_WEIGHT;
    for (const c of CITIES) if ((r -= c[2]) <= 0) return c;
    return CITIES[0]!;
  };
  const station = () => {
    const [lat, lng, , region] = pickCity();
    const spread = random() < 0.7 ? 0.04 : 0.4;
    return { lat: lat + gauss() * spread, lng: lng + gauss() * spread, region };
  };
  const rider = () => {
    const s = station();
    return { lat: s.lat + gauss() * 0.005, lng: s.lng + gauss() * 0.005 };
  };
  return { station, rider, random, gauss };
}

/** Inserts `count` stations of `orgId`; answers how long it took and a drawer of query points near stations. */
export async function generateStations(db: Db, p: { count: number; orgId: number; seed?: number }) {
  const { station, rider, random } = cityPoints(p.seed);
  const t0 = performance.now();
  for (let done = 0; done < p.count; done += 2000) {
    const rows = Array.from({ length: Math.min(2000, p.count - done) }, (_, i) => {
      const point = station();
      return {
        org_id: p.orgId,
        kind: 'outdoor_worker' as const,
        name: `驿站${done + i}`,
        address: '基准测试路',
        region_code: point.region,
        lat: point.lat,
        lng: point.lng,
        amenities: AMENITY_CODES.filter(() => random() < 0.45) as Amenity[],
        opening_hours: HOURS[Math.floor(random() * HOURS.length)]!,
        status: random() < 0.02 ? ('temporarily_closed' as const) : ('open' as const),
      };
    });
    await db.insertInto('stations').values(rows).execute();
  }
  return { ms: performance.now() - t0, queryPoint: rider, random };
}
