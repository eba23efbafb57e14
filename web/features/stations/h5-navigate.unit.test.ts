import { describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters, type Crs, type LatLng } from '../../../common/geo';
import { amapMarkerUrl, baiduMarkerUrl, tencentMarkerUrl } from './h5-navigate';
import { bearingDegrees, compassOf, formatDistance, parsePositionFragment, positionFragment } from './h5-position';

// 上饶站站前广场驿站 as the seed stores it (WGS-84).
const STATION = { lat: 28.4668, lng: 117.9872, name: '上饶站站前广场驿站', address: '信州区站前路 1 号上饶站东侧' };

/** How far the URL's point, read in `crs`, lies from the station. */
const offBy = (p: LatLng, crs: Crs) => distanceMeters(convertPoint(p, crs, 'wgs84'), STATION);

describe('the navigate hand-off URLs', () => {
  it('hands AMap the GCJ-02 point as lng,lat', () => {
    const url = new URL(amapMarkerUrl(STATION));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    const [lng, lat] = url.searchParams.get('position')!.split(',').map(Number);
    expect(offBy({ lat: lat!, lng: lng! }, 'gcj02')).toBeLessThan(1);
    // Read as WGS-84 it would be hundreds of metres off: the conversion happened.
    expect(offBy({ lat: lat!, lng: lng! }, 'wgs84')).toBeGreaterThan(300);
    expect(url.searchParams.get('name')).toBe(STATION.name);
  });

  it('hands Baidu the BD-09 point as lat,lng with coord_type=bd09ll', () => {
    const url = new URL(baiduMarkerUrl(STATION));
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    const [lat, lng] = url.searchParams.get('location')!.split(',').map(Number);
    expect(offBy({ lat: lat!, lng: lng! }, 'bd09')).toBeLessThan(1);
    expect(offBy({ lat: lat!, lng: lng! }, 'gcj02')).toBeGreaterThan(300);
    expect(url.searchParams.get('title')).toBe(STATION.name);
    expect(url.searchParams.get('content')).toBe(STATION.address);
  });

  it('hands Tencent the GCJ-02 point as coord:lat,lng with the title and address', () => {
    const url = new URL(tencentMarkerUrl(STATION));
    expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect(url.searchParams.get('referer')).toBeTruthy();
    const marker = url.searchParams.get('marker')!;
    const [, lat, lng] = /^coord:([\d.]+),([\d.]+);/.exec(marker)!.map(Number);
    expect(offBy({ lat: lat!, lng: lng! }, 'gcj02')).toBeLessThan(1);
    expect(marker).toContain(`;title:${STATION.name};addr:${STATION.address}`);
  });

  it('keeps a name with & or ; from breaking the query', () => {
    const odd = { ...STATION, name: '驿站 A&B;C', address: '路#1' };
    expect(new URL(amapMarkerUrl(odd)).searchParams.get('name')).toBe('驿站 A&B;C');
    expect(new URL(baiduMarkerUrl(odd)).searchParams.get('content')).toBe('路#1');
    expect(new URL(tencentMarkerUrl(odd)).searchParams.get('marker')).toMatch(/;title:驿站 A&B；C;addr:路#1$/);
  });
});

describe("the rider's position", () => {
  it('comes from the URL fragment in any crs, WGS-84 when none is named, and nothing malformed', () => {
    expect(parsePositionFragment('#lat=28.4551&lng=117.9602&crs=gcj02')).toEqual({
      lat: 28.4551,
      lng: 117.9602,
      crs: 'gcj02',
    });
    expect(parsePositionFragment('#lat=28.4551&lng=117.9602')).toMatchObject({ crs: 'wgs84' });
    expect(parsePositionFragment('#lat=28.4551&lng=117.9602&crs=BD09')).toMatchObject({ crs: 'bd09' });
    for (const bad of [
      '',
      '#lat=28.4',
      '#lat=abc&lng=117',
      '#lat=28&lng=117&crs=epsg3857',
      '#lat=95&lng=117',
      '#lat=1e2&lng=3',
    ])
      expect(parsePositionFragment(bad), bad).toBeNull();
    const p = { lat: 28.455123456, lng: 117.96, crs: 'bd09' as const };
    expect(parsePositionFragment(positionFragment(p))).toEqual({ lat: 28.455123, lng: 117.96, crs: 'bd09' });
  });

  it('names the direction of a station on the 8 compass points', () => {
    const here = { lat: 28.45, lng: 117.95 };
    expect(compassOf(bearingDegrees(here, { lat: 28.46, lng: 117.95 }))).toBe('north');
    expect(compassOf(bearingDegrees(here, { lat: 28.46, lng: 117.9614 }))).toBe('northeast');
    expect(compassOf(bearingDegrees(here, { lat: 28.45, lng: 117.94 }))).toBe('west');
    expect(compassOf(bearingDegrees(here, { lat: 28.44, lng: 117.94 }))).toBe('southwest');
    expect(compassOf(359)).toBe('north');
  });

  it('reads distances in metres under 1 km, then in km', () => {
    expect(formatDistance(326.4)).toBe('326 m');
    expect(formatDistance(999)).toBe('999 m');
    expect(formatDistance(1049)).toBe('1.0 km');
    expect(formatDistance(12_345)).toBe('12.3 km');
  });
});
