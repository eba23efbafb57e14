/**
 * Coordinate systems (DESIGN.md §4.3): GPS gives WGS-84, WeChat and AMap/Tencent maps GCJ-02,
 * Baidu BD-09. Stored as WGS-84; taken and answered in the system the client names.
 */
export const CRS_LIST = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_LIST)[number];

export interface LatLng {
  lat: number;
  lng: number;
}

// The conversions are gcoord 1.0.7's formulas (MIT, Jiulong Hu), called directly: gcoord.transform()
// accepts any input shape (arrays, GeoJSON) and composes its steps per call, ≈ 6 µs a point — most of
// what converting a nearby answer's ten stations cost. A test checks these against gcoord itself.
const { sin, cos, sqrt, abs, atan2, PI } = Math;
const A = 6378245;
const EE = 0.006693421622965823;
const BAIDU_FACTOR = (PI * 3000.0) / 180.0;

/** gcoord's rough box of China: outside it GCJ-02 equals WGS-84. */
const inChinaBox = (lng: number, lat: number) => lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;

function transformLat(x: number, y: number): number {
  let ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x));
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  ret += ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3;
  ret += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x));
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  ret += ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3;
  ret += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3;
  return ret;
}

function wgsToGcj(lng: number, lat: number): [number, number] {
  if (!inChinaBox(lng, lat)) return [lng, lat];
  let dLng = transformLng(lng - 105, lat - 35);
  let dLat = transformLat(lng - 105, lat - 35);
  const radLat = (lat / 180) * PI;
  let magic = sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = sqrt(magic);
  dLng = (dLng * 180) / ((A / sqrtMagic) * cos(radLat) * PI);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  return [lng + dLng, lat + dLat];
}

/** The inverse, by iteration to 1e-6° (as gcoord). */
function gcjToWgs(lng: number, lat: number): [number, number] {
  if (!inChinaBox(lng, lat)) return [lng, lat];
  let wgsLng = lng;
  let wgsLat = lat;
  let [tLng, tLat] = wgsToGcj(wgsLng, wgsLat);
  let dx = tLng - lng;
  let dy = tLat - lat;
  while (abs(dx) > 1e-6 || abs(dy) > 1e-6) {
    wgsLng -= dx;
    wgsLat -= dy;
    [tLng, tLat] = wgsToGcj(wgsLng, wgsLat);
    dx = tLng - lng;
    dy = tLat - lat;
  }
  return [wgsLng, wgsLat];
}

function gcjToBd(lng: number, lat: number): [number, number] {
  const z = sqrt(lng * lng + lat * lat) + 0.00002 * sin(lat * BAIDU_FACTOR);
  const theta = atan2(lat, lng) + 0.000003 * cos(lng * BAIDU_FACTOR);
  return [z * cos(theta) + 0.0065, z * sin(theta) + 0.006];
}

function bdToGcj(lng: number, lat: number): [number, number] {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = sqrt(x * x + y * y) - 0.00002 * sin(y * BAIDU_FACTOR);
  const theta = atan2(y, x) - 0.000003 * cos(x * BAIDU_FACTOR);
  return [z * cos(theta), z * sin(theta)];
}

// 7 decimal places are ~1 cm: past that a conversion only adds noise.
const round = (x: number) => Math.round(x * 1e7) / 1e7;

/** The point in `to` (through GCJ-02, as gcoord composes); outside China GCJ-02 and BD-09's base equal WGS-84. */
export function convertPoint(point: LatLng, from: Crs, to: Crs): LatLng {
  if (from === to) return point;
  let p: [number, number] = [point.lng, point.lat];
  if (from === 'wgs84') p = wgsToGcj(p[0], p[1]);
  else if (from === 'bd09') p = bdToGcj(p[0], p[1]);
  if (to === 'wgs84') p = gcjToWgs(p[0], p[1]);
  else if (to === 'bd09') p = gcjToBd(p[0], p[1]);
  return { lat: round(p[1]), lng: round(p[0]) };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine): plenty for points a city apart. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * China's bounding box (mainland, Hainan, Taiwan and the islands of the South China Sea to ~3.8°N),
 * in degrees. Coarse on purpose: it turns away a swapped lat/lng or a point abroad, not a point
 * just across a land border — the GCJ-02 conversion itself decides by a finer outline (gcoord).
 */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 } as const;

/** Whether a point lies inside CHINA_BOUNDS. */
export function isInChinaBounds(p: LatLng): boolean {
  const b = CHINA_BOUNDS;
  return p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng;
}
