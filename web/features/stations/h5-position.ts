import type { Crs, LatLng } from '../../../common/geo';

/**
 * Where the rider is, as the finder knows it: in the coordinate system it came in (the phone's GPS
 * gives WGS-84, a WeChat/AMap/Tencent web-view GCJ-02, Baidu's BD-09), asked of the API in that
 * system. It lives in the page's URL fragment, which a browser never sends to a server: the rider's
 * position reaches the API only as the nearby query, which nothing logs or stores.
 */
export interface RiderPosition extends LatLng {
  crs: Crs;
}

const CRS: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];
const COORD = /^-?\d{1,3}(\.\d{1,12})?$/;

/** `#lat=…&lng=…&crs=gcj02` (crs defaults to WGS-84) → the position, or null when absent or malformed. */
export function parsePositionFragment(hash: string): RiderPosition | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lat = params.get('lat') ?? '';
  const lng = params.get('lng') ?? '';
  const crs = (params.get('crs') ?? 'wgs84').toLowerCase() as Crs;
  if (!COORD.test(lat) || !COORD.test(lng) || !CRS.includes(crs)) return null;
  const p = { lat: Number(lat), lng: Number(lng), crs };
  return Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180 ? p : null;
}

/** The fragment that hands the position on (to the detail page, or back after a reload). 6 decimals: ~0.1 m. */
export function positionFragment(p: RiderPosition): string {
  return `#lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&crs=${p.crs}`;
}

/** Initial bearing from `a` to `b` in degrees clockwise from north, 0–360. */
export function bearingDegrees(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLng = (b.lng - a.lng) * rad;
  const y = Math.sin(dLng) * Math.cos(b.lat * rad);
  const x =
    Math.cos(a.lat * rad) * Math.sin(b.lat * rad) - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos(dLng);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

export const COMPASS = ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'] as const;
export type Compass = (typeof COMPASS)[number];

/** The nearest of the 8 compass points to a bearing. */
export function compassOf(bearing: number): Compass {
  return COMPASS[Math.round(bearing / 45) % 8]!;
}

/** A distance as a rider reads it: whole metres under 1 km, then km with one decimal. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.round(m)} m`;
  return m < 100_000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m / 1000)} km`;
}
