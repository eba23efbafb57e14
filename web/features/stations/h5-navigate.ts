import { convertPoint, type LatLng } from '../../../common/geo';

/**
 * The 「导航」 hand-off: a marker URL for each map app, in the coordinate system that app reads
 * (AMap and Tencent GCJ-02, Baidu BD-09), converted from the API's WGS-84. Opened in a phone's
 * browser they offer the app, or the provider's web map where the app is not installed.
 */
export interface NavigateTarget extends LatLng {
  name: string;
  address: string;
}

export type MapApp = 'amap' | 'baidu' | 'tencent';

const SOURCE = 'gonghui';
// 6 decimals: ~0.1 m, as precise as the maps read.
const fixed = (x: number) => x.toFixed(6);
const enc = encodeURIComponent;

/** 高德: uri.amap.com/marker, position lng,lat in GCJ-02. */
export function amapMarkerUrl(s: NavigateTarget): string {
  const p = convertPoint(s, 'wgs84', 'gcj02');
  return `https://uri.amap.com/marker?position=${fixed(p.lng)},${fixed(p.lat)}&name=${enc(s.name)}&src=${SOURCE}&coordinate=gaode&callnative=1`;
}

/** 百度: api.map.baidu.com/marker, location lat,lng in BD-09 (coord_type=bd09ll). */
export function baiduMarkerUrl(s: NavigateTarget): string {
  const p = convertPoint(s, 'wgs84', 'bd09');
  return `https://api.map.baidu.com/marker?location=${fixed(p.lat)},${fixed(p.lng)}&title=${enc(s.name)}&content=${enc(s.address)}&output=html&coord_type=bd09ll&src=${SOURCE}`;
}

/** 腾讯: apis.map.qq.com/uri/v1/marker, coord lat,lng in GCJ-02. */
export function tencentMarkerUrl(s: NavigateTarget): string {
  const p = convertPoint(s, 'wgs84', 'gcj02');
  // The marker's fields are split on ";": one inside a name would cut it short.
  const field = (text: string) => enc(text.replace(/;/g, '；'));
  const marker = `coord:${fixed(p.lat)},${fixed(p.lng)};title:${field(s.name)};addr:${field(s.address)}`;
  return `https://apis.map.qq.com/uri/v1/marker?marker=${marker}&referer=${SOURCE}`;
}

export const MAP_APPS: ReadonlyArray<{ app: MapApp; url: (s: NavigateTarget) => string }> = [
  { app: 'amap', url: amapMarkerUrl },
  { app: 'baidu', url: baiduMarkerUrl },
  { app: 'tencent', url: tencentMarkerUrl },
];
