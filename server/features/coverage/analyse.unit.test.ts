import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../../common/geo';
import { analyseCoverage, type DemandPoints } from './analyse';

const M_PER_DEG = 111_320;
/** A point `north` and `east` metres from (28.45, 117.95). */
const at = (north: number, east: number) => ({
  lat: 28.45 + north / M_PER_DEG,
  lng: 117.95 + east / (M_PER_DEG * Math.cos((28.45 * Math.PI) / 180)),
});

function demand(points: Array<{ lat: number; lng: number; weight?: number; group?: number }>): DemandPoints {
  return {
    count: points.length,
    lat: Float64Array.from(points, (p) => p.lat),
    lng: Float64Array.from(points, (p) => p.lng),
    weight: Float64Array.from(points, (p) => p.weight ?? 1),
    group: Int32Array.from(points, (p) => p.group ?? -1),
  };
}
const stationsAt = (points: Array<{ lat: number; lng: number }>) => ({
  count: points.length,
  lat: Float64Array.from(points, (p) => p.lat),
  lng: Float64Array.from(points, (p) => p.lng),
});

describe('analyseCoverage', () => {
  it('counts the weight within 1 km and within the 1.2 km walk, overall and per group', async () => {
    const station = at(0, 0);
    const points = demand([
      { ...at(500, 0), weight: 3, group: 0 }, // covered
      { ...at(0, 990), weight: 2, group: 1 }, // covered, just
      { ...at(1100, 0), weight: 5, group: 1 }, // only the walk
      { ...at(0, -1250), weight: 7, group: 0 }, // neither
      { ...at(-3000, 0), weight: 1 }, // neither, no group
    ]);
    const r = await analyseCoverage(points, stationsAt([station]), { groups: 2 });
    expect(r).toMatchObject({ points: 5, weight: 18, within_1km: 5, within_walk: 10 });
    expect(r.groups).toEqual([
      { points: 2, weight: 10, within_1km: 3, within_walk: 3 },
      { points: 2, weight: 7, within_1km: 2, within_walk: 7 },
    ]);
  });

  it('gathers the uncovered demand into gaps and picks sites greedily, heaviest gain first, none twice', async () => {
    const station = at(0, 0);
    // Two uncovered clusters 5 km and 10 km away (weights 30 and 12), one covered cluster.
    const cluster = (north: number, east: number, n: number, weight: number) =>
      Array.from({ length: n }, (_, i) => ({ ...at(north + (i % 5) * 40, east + Math.floor(i / 5) * 40), weight }));
    const points = demand([...cluster(200, 200, 10, 1), ...cluster(5000, 0, 15, 2), ...cluster(0, 10_000, 12, 1)]);
    const r = await analyseCoverage(points, stationsAt([station]), { groups: 0 });
    expect(r.within_1km).toBe(10);
    expect(r.gaps.map((g) => g.weight)).toEqual([30, 12]);
    expect(r.suggestions.map((s) => s.covers)).toEqual([30, 12]);
    expect(r.suggestions.map((s) => s.rank)).toEqual([1, 2]);
    // Each site lies among the demand it covers.
    expect(distanceMeters(r.suggestions[0]!, at(5080, 40))).toBeLessThan(200);
    expect(distanceMeters(r.suggestions[1]!, at(0, 10_040))).toBeLessThan(200);
  });

  it('with no station at all, nothing is covered and the sites still come', async () => {
    const r = await analyseCoverage(demand([at(0, 0), at(100, 0)]), stationsAt([]), { groups: 0 });
    expect(r).toMatchObject({ weight: 2, within_1km: 0, within_walk: 0 });
    expect(r.suggestions).toHaveLength(1);
    expect(r.suggestions[0]!.covers).toBe(2);
  });

  it('reports progress and stops when aborted', async () => {
    const many = demand(Array.from({ length: 50_000 }, (_, i) => at(i % 1000, Math.floor(i / 1000) * 10)));
    const seen: number[] = [];
    await analyseCoverage(many, stationsAt([at(0, 0)]), { groups: 0, onProgress: (d) => void seen.push(d) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(analyseCoverage(many, stationsAt([at(0, 0)]), { groups: 0, signal: controller.signal })).rejects.toThrow();
  });
});
