import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestPositions } from './knn';

/** Points like stations: clusters around a few cores, and some scattered across China. */
function tree(points: Array<[number, number]>): KDBush {
  const kd = new KDBush(points.length, 16);
  for (const [lng, lat] of points) kd.add(lng, lat);
  kd.finish();
  return kd;
}

const core = fc.record({
  lng: fc.double({ min: 75, max: 134, noNaN: true }),
  lat: fc.double({ min: 5, max: 53, noNaN: true }),
});
const offset = fc.double({ min: -0.3, max: 0.3, noNaN: true });

describe('nearestPositions (geokdbush’s search without its garbage)', () => {
  it('answers what geokdbush answers: the same positions in the same order, for any points, radius, limit and filters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(core, offset, offset), { minLength: 1, maxLength: 400 }),
        core,
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.05, max: 3000, noNaN: true }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        (raw, q, limit, maxKm, cheapMod, acceptMod) => {
          const points = raw.map(([c, dx, dy]) => [c.lng + dx, c.lat + dy] as [number, number]);
          const kd = tree(points);
          const cheap = (i: number) => cheapMod === 0 || i % (cheapMod + 1) !== 0;
          const accept = (i: number) => acceptMod === 0 || i % (acceptMod + 2) !== 1;
          const ours = nearestPositions(kd, q.lng, q.lat, limit, maxKm, cheap, accept);
          const theirs = around(kd, q.lng, q.lat, limit, maxKm, (i: number) => cheap(i) && accept(i));
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('asks the costly filter only of points that come out within the radius, nearest first', () => {
    const points: Array<[number, number]> = Array.from({ length: 2000 }, (_, i) => [
      117 + (i % 50) * 0.01,
      28 + Math.floor(i / 50) * 0.01,
    ]);
    const kd = tree(points);
    const asked: number[] = [];
    const found = nearestPositions(
      kd,
      117.2,
      28.2,
      5,
      3,
      () => true,
      (i) => (asked.push(i), i % 2 === 0),
    );
    expect(found).toHaveLength(5);
    // Each asked point was at least as near as the last one found, so at most a handful more were asked.
    expect(asked.length).toBeLessThan(15);
    expect(found.every((i) => asked.includes(i))).toBe(true);
  });

  it('finds nothing in an empty tree or beyond the radius', () => {
    expect(
      nearestPositions(
        tree([]),
        117,
        28,
        10,
        5,
        () => true,
        () => true,
      ),
    ).toEqual([]);
    expect(
      nearestPositions(
        tree([[100, 30]]),
        117,
        28,
        10,
        5,
        () => true,
        () => true,
      ),
    ).toEqual([]);
  });
});
