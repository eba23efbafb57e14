import { describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters } from './geo';

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
});
