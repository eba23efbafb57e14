import gcoord from 'gcoord';

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

const GCOORD: Record<Crs, typeof gcoord.WGS84 | typeof gcoord.GCJ02 | typeof gcoord.BD09> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

// 7 decimal places are ~1 cm: past that a conversion only adds noise.
const round = (x: number) => Math.round(x * 1e7) / 1e7;

/** The point in `to`; outside China (gcoord's box) GCJ-02 and BD-09 equal WGS-84. */
export function convertPoint(point: LatLng, from: Crs, to: Crs): LatLng {
  if (from === to) return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD[from], GCOORD[to]);
  return { lat: round(lat), lng: round(lng) };
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
