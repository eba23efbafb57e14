import fc from 'fast-check';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters, isInChinaBounds } from './geo';

// 天安门 in WGS-84 (GPS).
const TIANANMEN = { lat: 39.90872, lng: 116.39748 };

describe('coordinate systems (DESIGN.md §4.3)', () => {
  it('moves a point in China by the 100–700 m a Chinese basemap is off, and back within 1 m', () => {
    const gcj = convertPoint(TIANANMEN, 'wgs84', 'gcj02');
    const offset = distanceMeters(TIANANMEN, gcj);
    expect(offset).toBeGreaterThan(100);
    expect(offset).toBeLessThan(700);
    expect(distanceMeters(convertPoint(gcj, 'gcj02', 'wgs84'), TIANANMEN)).toBeLessThan(1);
  });

  it('takes BD-09 further than GCJ-02 and brings it back within 1 m', () => {
    const bd = convertPoint(TIANANMEN, 'wgs84', 'bd09');
    expect(distanceMeters(bd, convertPoint(TIANANMEN, 'wgs84', 'gcj02'))).toBeGreaterThan(100);
    expect(distanceMeters(convertPoint(bd, 'bd09', 'wgs84'), TIANANMEN)).toBeLessThan(1);
  });

  it('leaves a point outside China as it is', () => {
    const london = { lat: 51.50073, lng: -0.12463 };
    expect(convertPoint(london, 'wgs84', 'gcj02')).toEqual(london);
    expect(convertPoint(london, 'gcj02', 'wgs84')).toEqual(london);
  });

  it('measures a known distance', () => {
    // One degree of latitude is ~111.2 km.
    expect(distanceMeters({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111_195, -2);
  });

  it('takes a GCJ-02 point in 上饶信州区 (as AMap gives it) some hundreds of metres to WGS-84, and back within 1 m', () => {
    const gcj = { lat: 28.4546, lng: 117.9433 };
    const wgs = convertPoint(gcj, 'gcj02', 'wgs84');
    // The offset there is ~500 m, mostly westward and southward: GCJ-02 lies north-east of the truth.
    expect(distanceMeters(gcj, wgs)).toBeGreaterThan(300);
    expect(distanceMeters(gcj, wgs)).toBeLessThan(700);
    expect(wgs.lng).toBeLessThan(gcj.lng);
    expect(distanceMeters(convertPoint(wgs, 'wgs84', 'gcj02'), gcj)).toBeLessThan(1);
    // BD-09 of the same place goes through GCJ-02 and comes back just as close.
    const bd = convertPoint(wgs, 'wgs84', 'bd09');
    expect(distanceMeters(convertPoint(bd, 'bd09', 'wgs84'), wgs)).toBeLessThan(1);
  });
});

describe("China's bounding box", () => {
  it('holds 上饶, 三亚, 漠河 and 喀什, and not London, a swapped lat/lng or the open sea east of Japan', () => {
    for (const p of [
      { lat: 28.45, lng: 117.95 },
      { lat: 18.25, lng: 109.5 },
      { lat: 52.97, lng: 122.54 },
      { lat: 39.47, lng: 75.99 },
    ])
      expect(isInChinaBounds(p), JSON.stringify(p)).toBe(true);
    for (const p of [
      { lat: 51.5, lng: -0.12 },
      { lat: 117.95, lng: 28.45 },
      { lat: 35, lng: 150 },
      { lat: 2, lng: 110 },
    ])
      expect(isInChinaBounds(p), JSON.stringify(p)).toBe(false);
  });
});

describe('convertPoint against gcoord', () => {
  it('answers what gcoord.transform answers, for any pair of systems, in China and outside', () => {
    const SYSTEMS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
    const crs = fc.constantFrom('wgs84', 'gcj02', 'bd09') as fc.Arbitrary<'wgs84' | 'gcj02' | 'bd09'>;
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 80, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        crs,
        crs,
        (lat, lng, from, to) => {
          fc.pre(from !== to);
          const [gLng, gLat] = gcoord.transform([lng, lat], SYSTEMS[from], SYSTEMS[to]);
          const ours = convertPoint({ lat, lng }, from, to);
          expect(ours.lat).toBeCloseTo(gLat, 6);
          expect(ours.lng).toBeCloseTo(gLng, 6);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
