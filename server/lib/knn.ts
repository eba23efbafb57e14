/**
 * Nearest-first search on the sphere over a kdbush tree, without allocating per visited node.
 *
 * The algorithm is geokdbush's `around` (ISC, Vladimir Agafonkin): a best-first walk over the tree's
 * nodes and points in one priority queue ordered by a lower bound of the haversine distance. geokdbush
 * allocates an object for every node and every point it queues; at 200k stations that garbage made a
 * young-generation collection land inside about one search in a hundred, and the p99 was the
 * collector's (docs/decisions/0016-station-index.md). Here the queue lives in typed arrays reused from
 * one search to the next, and the filter is split in two: `cheap(position)` (typed arrays only) when a
 * point is queued, `accept(position)` (may read the station) only when it comes out, nearest first.
 */
import type KDBush from 'kdbush';

const RAD = Math.PI / 180;
const EARTH_RADIUS_KM = 6371;

const haverSin = (theta: number) => {
  const s = Math.sin(theta / 2);
  return s * s;
};
const haverSinDistPartial = (haverSinDLng: number, cosLat1: number, lat1: number, lat2: number) =>
  cosLat1 * Math.cos(lat2 * RAD) * haverSinDLng + haverSin((lat1 - lat2) * RAD);

/** The latitude of the great circle's vertex through the point (geokdbush's vertexLat). */
function vertexLat(lat: number, haverSinDLng: number): number {
  const cosDLng = 1 - 2 * haverSinDLng;
  if (cosDLng <= 0) return lat > 0 ? 90 : -90;
  return Math.atan(Math.tan(lat * RAD) / cosDLng) / RAD;
}

/** A lower bound of the haversine distance from the point to anything inside the box. */
function boxDist(
  lng: number,
  lat: number,
  cosLat: number,
  minLng: number,
  minLat: number,
  maxLng: number,
  maxLat: number,
): number {
  if (lng >= minLng && lng <= maxLng) {
    if (lat < minLat) return haverSin((lat - minLat) * RAD);
    if (lat > maxLat) return haverSin((lat - maxLat) * RAD);
    return 0;
  }
  const haverSinDLng = Math.min(haverSin((lng - minLng) * RAD), haverSin((lng - maxLng) * RAD));
  const extremumLat = vertexLat(lat, haverSinDLng);
  if (extremumLat > minLat && extremumLat < maxLat) return haverSinDistPartial(haverSinDLng, cosLat, lat, extremumLat);
  return Math.min(
    haverSinDistPartial(haverSinDLng, cosLat, lat, minLat),
    haverSinDistPartial(haverSinDLng, cosLat, lat, maxLat),
  );
}

/**
 * The queue's entries, in parallel typed arrays: a point (right = -1, left = its position in the tree's
 * arrays) or a node (left..right of the tree's sorted arrays, the axis it splits on, its box).
 */
let capacity = 0;
let dist = new Float64Array(0);
let left = new Int32Array(0);
let right = new Int32Array(0);
let axis = new Uint8Array(0);
let box = new Float64Array(0);
/** The binary heap of entry numbers, ordered by dist. */
let heap = new Int32Array(0);

function grow(to: number): void {
  const keep = capacity;
  capacity = Math.max(to, capacity * 2, 1024);
  const d = new Float64Array(capacity);
  d.set(dist.subarray(0, keep));
  const l = new Int32Array(capacity);
  l.set(left.subarray(0, keep));
  const r = new Int32Array(capacity);
  r.set(right.subarray(0, keep));
  const a = new Uint8Array(capacity);
  a.set(axis.subarray(0, keep));
  const b = new Float64Array(capacity * 4);
  b.set(box.subarray(0, keep * 4));
  const h = new Int32Array(capacity);
  h.set(heap.subarray(0, keep));
  dist = d;
  left = l;
  right = r;
  axis = a;
  box = b;
  heap = h;
}
grow(1024);

// The search's inputs, held at module level while it runs (a search is synchronous): functions made
// per call would each pay tsx's keepNames wrapper (`__name`), measured at ~3% of a nearby request.
let qLng = 0;
let qLat = 0;
let qCosLat = 1;
let qMaxHav = 0;
let entries = 0;
let size = 0;
let qIds: ArrayLike<number> = [];
let qCoords: ArrayLike<number> = [];
let qCheap: (position: number) => boolean = () => true;

function push(
  d: number,
  l: number,
  r: number,
  ax: number,
  minLng: number,
  minLat: number,
  maxLng: number,
  maxLat: number,
) {
  if (d > qMaxHav) return; // beyond the radius: never needed
  if (entries === capacity) grow(capacity * 2);
  const e = entries++;
  dist[e] = d;
  left[e] = l;
  right[e] = r;
  axis[e] = ax;
  box[4 * e] = minLng;
  box[4 * e + 1] = minLat;
  box[4 * e + 2] = maxLng;
  box[4 * e + 3] = maxLat;
  // sift up
  let i = size++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (dist[p]! <= d) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = e;
}

function pop(): number {
  const top = heap[0]!;
  const last = heap[--size]!;
  if (size > 0) {
    const d = dist[last]!;
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const r = child + 1;
      if (r < size && dist[heap[r]!]! < dist[heap[child]!]!) child = r;
      if (dist[heap[child]!]! >= d) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
  return top;
}

function pushPoint(i: number) {
  const position = qIds[i]!;
  if (!qCheap(position)) return;
  const pLng = qCoords[2 * i]!;
  const pLat = qCoords[2 * i + 1]!;
  push(haverSinDistPartial(haverSin((qLng - pLng) * RAD), qCosLat, qLat, pLat), position, -1, 0, 0, 0, 0, 0);
}

/**
 * The tree positions of up to `limit` points within `maxKm` of (lng, lat) passing both filters, nearest
 * first. Positions are kdbush's ids, i.e. the order the points were added in. Not re-entrant: the
 * filters must not search.
 */
export function nearestPositions(
  index: KDBush,
  lng: number,
  lat: number,
  limit: number,
  maxKm: number,
  cheap: (position: number) => boolean,
  accept: (position: number) => boolean,
): number[] {
  const result: number[] = [];
  const ids = index.ids;
  if (ids.length === 0) return result;
  const coords = index.coords;
  const nodeSize = index.nodeSize;
  qIds = ids;
  qCoords = coords;
  qCheap = cheap;
  qLng = lng;
  qLat = lat;
  qCosLat = Math.cos(lat * RAD);
  qMaxHav = haverSin(maxKm / EARTH_RADIUS_KM);
  entries = 0;
  size = 0;
  const cosLat = qCosLat;

  push(0, 0, ids.length - 1, 0, -180, -90, 180, 90);
  while (size > 0) {
    const e = pop();
    if (dist[e]! > qMaxHav) break;
    const r = right[e]!;
    if (r < 0) {
      const position = left[e]!;
      if (accept(position)) {
        result.push(position);
        if (result.length === limit) break;
      }
      continue;
    }
    const l = left[e]!;
    if (r - l <= nodeSize) {
      for (let i = l; i <= r; i++) pushPoint(i);
      continue;
    }
    const m = (l + r) >> 1;
    pushPoint(m);
    const ax = axis[e]!;
    const next = 1 - ax;
    const minLng = box[4 * e]!;
    const minLat = box[4 * e + 1]!;
    const maxLng = box[4 * e + 2]!;
    const maxLat = box[4 * e + 3]!;
    const midLng = coords[2 * m]!;
    const midLat = coords[2 * m + 1]!;
    // The left half ends at the middle on the split axis; the right half starts there.
    const lMaxLng = ax === 0 ? midLng : maxLng;
    const lMaxLat = ax === 1 ? midLat : maxLat;
    const rMinLng = ax === 0 ? midLng : minLng;
    const rMinLat = ax === 1 ? midLat : minLat;
    if (m - 1 >= l)
      push(
        boxDist(lng, lat, cosLat, minLng, minLat, lMaxLng, lMaxLat),
        l,
        m - 1,
        next,
        minLng,
        minLat,
        lMaxLng,
        lMaxLat,
      );
    if (r >= m + 1)
      push(
        boxDist(lng, lat, cosLat, rMinLng, rMinLat, maxLng, maxLat),
        m + 1,
        r,
        next,
        rMinLng,
        rMinLat,
        maxLng,
        maxLat,
      );
  }
  return result;
}
