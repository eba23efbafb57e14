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
