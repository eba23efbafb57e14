/**
 * The stations each app node keeps in memory for the nearby search (docs/decisions/0016-station-index.md):
 * every station that is not retired, in a static k-d tree (kdbush) searched nearest-first on the sphere
 * (geokdbush), plus a small overlay of stations changed since the tree was built. The database stays
 * the source of truth: its triggers NOTIFY gh_stations with the changed ids (migration
 * 2026-12-02T1100) and this node re-reads those rows; '*' or a dropped listening connection means a
 * full reload. While the node is not listening, `isServing()` is false and the search goes to the
 * database instead: a missed notification is never trusted.
 */
import KDBush from 'kdbush';
import { parseIsoDate, type DayNumber } from '../../../common/calendar/days';
import { distanceMeters, type LatLng } from '../../../common/geo';
import { AMENITY_CODES, type Amenity } from '../../../common/stations';
import { listenToChannel, type Db } from '../../db/database';
import { nearestPositions } from '../../lib/knn';
import { findSearchableStations, stationsFingerprint, type SearchableStation } from './sql';

declare module '../../http/context' {
  interface FeatureState {
    stations: StationIndex;
  }
}

export const STATIONS_CHANNEL = 'gh_stations';
/** Past this many changed stations since the tree was built, the tree is rebuilt (in the change's turn). */
const OVERLAY_MAX = 256;
/**
 * A full reload this often whatever the notifications say: the bound on staleness if a listening
 * connection breaks without the socket noticing (keep-alive finds it later than this, if at all).
 */
export const RELOAD_EVERY_MS = 5 * 60_000;

/** A station as the index holds it. */
export interface IndexedStation extends SearchableStation {
  amenityMask: number;
  /** closed_until as a day number (temporarily closed through that Shanghai day), or null. */
  closedThrough: DayNumber | null;
  /**
   * The same number for stations whose hours read the same now (same value, same region's holidays),
   * so a search evaluates each once; -1 for hours that depend on the place (sunrise, sunset).
   */
  hoursKey: number;
}

export interface Nearest {
  station: IndexedStation;
  distanceM: number;
}

/**
 * Whether a station is open now: by its hours key alone for a station in service with plain hours
 * (the same for every station of the key, evaluated once a minute), else by the station itself.
 */
export interface OpenCheck {
  byKey(hoursKey: number): boolean;
  station(s: IndexedStation): boolean;
}

export interface StationIndex {
  /** Whether answers come from here: the node listens and its last reload succeeded. */
  isServing(): boolean;
  /**
   * Up to `limit` stations within `radiusM` of a WGS-84 point holding every amenity of `mask` and,
   * with `open`, open now (asked only of those, nearest first), nearest first.
   */
  nearest(point: LatLng, limit: number, radiusM: number, mask: number, open: OpenCheck | null): Nearest[];

  /** The station by id, or undefined (retired or unknown). */
  get(id: number): IndexedStation | undefined;
  /** Re-reads these stations now (this node's own write, before it answers) and waits for it. */
  refresh(ids: readonly number[]): Promise<void>;
  /** Reloads everything (also what a '*' notification or a reconnect does). */
  reload(): Promise<void>;
  /**
   * The periodic safety net (every RELOAD_EVERY_MS): reloads everything only if the table differs from
   * what this node last read whole or checked; true when it reloaded.
   */
  recheck(): Promise<boolean>;
  size(): number;
  stop(): void;
}

const AMENITY_BIT = new Map<string, number>(AMENITY_CODES.map((a, i) => [a, 1 << i]));

/** The bits of a set of amenities (18 of them fit in one integer). */
export function amenityMask(amenities: readonly string[]): number {
  let mask = 0;
  for (const a of amenities) mask |= AMENITY_BIT.get(a) ?? 0;
  return mask;
}

const hoursKeys = new Map<string, number>();
const SOLAR = /sunrise|sunset|dawn|dusk/i;

/** What each hours key stands for, by key. */
const keyed: Array<{ region_code: string; opening_hours: string }> = [];

function hoursKeyOf(regionCode: string, hours: string): number {
  if (SOLAR.test(hours)) return -1;
  const text = `${regionCode}|${hours}`;
  let key = hoursKeys.get(text);
  if (key === undefined) {
    hoursKeys.set(text, (key = hoursKeys.size));
    keyed.push({ region_code: regionCode, opening_hours: hours });
  }
  return key;
}

/** The hours and region every station of `hoursKey` shares. */
export const hoursOfKey = (hoursKey: number) => keyed[hoursKey]!;

/**
 * Strings many stations share (hours, region codes) held once: the driver gives every row its own
 * copy, which at 200k stations was most of the index's heap.
 */
const shared = new Map<string, string>();
function once(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size >= 100_000) shared.clear();
  shared.set(value, value);
  return value;
}

/** One frozen list per set of amenities, in the closed list's order (the mask is the set). */
const amenityLists = new Map<number, Amenity[]>();
function amenitiesOf(mask: number): Amenity[] {
  let list = amenityLists.get(mask);
  if (!list)
    amenityLists.set(
      mask,
      (list = Object.freeze(AMENITY_CODES.filter((a) => mask & AMENITY_BIT.get(a)!)) as Amenity[]),
    );
  return list;
}

/** A row as the index (and the database-only search) holds it. */
export function toIndexed(row: SearchableStation): IndexedStation {
  const mask = amenityMask(row.amenities);
  const regionCode = once(row.region_code);
  const hours = once(row.opening_hours);
  // Named fields, not a spread of the driver's row: 2× faster over 200k rows on a reload.
  return {
    id: row.id,
    name: row.name,
    kind: once(row.kind) as SearchableStation['kind'],
    address: row.address,
    region_code: regionCode,
    lat: row.lat,
    lng: row.lng,
    amenities: amenitiesOf(mask),
    opening_hours: hours,
    phone: row.phone,
    status: once(row.status) as SearchableStation['status'],
    closed_until: row.closed_until,
    amenityMask: mask,
    closedThrough: row.closed_until ? parseIsoDate(row.closed_until) : null,
    hoursKey: hoursKeyOf(regionCode, hours),
  };
}

/**
 * The k-d tree and, per position, what its search's predicate reads without touching the station
 * objects (scattered in the heap: reading them per visited point was 90% of a search's time).
 */
interface Tree {
  kd: KDBush | null;
  /** The station at each of the tree's positions, as it was when the tree was built. */
  at: IndexedStation[];
  masks: Int32Array;
  /** The hours key of a station in service with plain hours; -1: ask the station (closed for now, solar hours). */
  keys: Int32Array;
  /** 0 once the station at a position changed or left (its current version is in the overlay). */
  live: Uint8Array;
  position: Map<number, number>;
}

/** A station's hours key if it alone says whether it is open now, else -1. */
const plainKey = (s: IndexedStation) => (s.status === 'open' ? s.hoursKey : -1);

function buildTree(stations: Iterable<IndexedStation>): Tree {
  const at = [...stations];
  const masks = new Int32Array(at.length);
  const keys = new Int32Array(at.length);
  const live = new Uint8Array(at.length).fill(1);
  const position = new Map<number, number>();
  if (at.length === 0) return { kd: null, at, masks, keys, live, position };
  const kd = new KDBush(at.length, 16);
  at.forEach((s, i) => {
    kd.add(s.lng, s.lat);
    masks[i] = s.amenityMask;
    keys[i] = plainKey(s);
    position.set(s.id, i);
  });
  kd.finish();
  return { kd, at, masks, keys, live, position };
}

// One search's inputs, at module level while it runs (synchronous): the filters below are made once,
// not per search (tsx's keepNames wraps every function made at run time).
let sTree: Tree;
let sMask = 0;
let sOpen: OpenCheck | null = null;
function cheapAt(i: number): boolean {
  return sTree.live[i] === 1 && (sTree.masks[i]! & sMask) === sMask;
}
function openAt(i: number): boolean {
  if (!sOpen) return true;
  const key = sTree.keys[i]!;
  return key >= 0 ? sOpen.byKey(key) : sOpen.station(sTree.at[i]!);
}
function isOpen(s: IndexedStation, open: OpenCheck | null): boolean {
  if (!open) return true;
  const key = plainKey(s);
  return key >= 0 ? open.byKey(key) : open.station(s);
}

/** Stations read per page on a full reload: the old index serves between pages. */
const RELOAD_PAGE = 5000;

/**
 * The index of one app node, loaded from `db` and listening for changes. It starts on first use (a
 * search, a read of its size, a reload): a process that never searches (`npm run worker`, most test
 * apps) neither holds the stations nor keeps a listening connection. Until the first load ends,
 * `isServing()` is false and searches go to the database.
 */
export function createStationIndex(db: Db, options: { pageSize?: number } = {}): StationIndex {
  const pageSize = options.pageSize ?? RELOAD_PAGE;
  /** The current version of every searchable station. */
  let byId = new Map<number, IndexedStation>();
  let tree: Tree = buildTree([]);
  /** Stations changed or added since the tree was built: searched one by one. */
  let overlay = new Map<number, IndexedStation>();
  let isListening = false;
  let isLoaded = false;
  let started: Promise<void> | null = null;
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** What the stations table looked like when this node last read it whole or checked it. */
  let lastFingerprint: string | null = null;
  /** Every change to the index runs in this chain, in order, so a later read always lands last. */
  let queue: Promise<void> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>) => {
    const run = queue.then(work);
    queue = run.then(
      () => {},
      () => {},
    );
    return run;
  };

  /**
   * Reads every station page by page (by id) into a new map while the current one keeps serving, then
   * swaps. A change committed meanwhile is not lost: its notification queues a refresh behind this.
   */
  const reloadNow = async () => {
    try {
      const fingerprint = await stationsFingerprint(db);
      const next = new Map<number, IndexedStation>();
      for (let after = 0; ; ) {
        const rows = await findSearchableStations(db, { after, limit: pageSize });
        for (const row of rows) next.set(row.id, toIndexed(row));
        if (rows.length < pageSize) break;
        after = rows[rows.length - 1]!.id;
        // Let the loop turn between pages: the embedded database answers in microtasks alone, and
        // without this a PGlite reload held every request until it ended (13 s at 200k stations).
        await new Promise((resolve) => setImmediate(resolve));
      }
      byId = next;
      tree = buildTree(byId.values());
      overlay = new Map();
      lastFingerprint = fingerprint;
      isLoaded = true;
    } catch (err) {
      isLoaded = false;
      throw err;
    }
  };
  const refreshNow = async (ids: readonly number[]) => {
    if (!isLoaded) return; // the load under way (or the next) reads them anyway
    const rows = await findSearchableStations(db, { ids });
    for (const id of ids) {
      const at = tree.position.get(id);
      if (at !== undefined) tree.live[at] = 0;
      byId.delete(id); // retired or deleted, unless read again just below
      overlay.delete(id);
    }
    for (const row of rows) {
      const s = toIndexed(row);
      byId.set(s.id, s);
      overlay.set(s.id, s);
    }
    if (overlay.size > OVERLAY_MAX) {
      tree = buildTree(byId.values());
      overlay = new Map();
    }
  };
  const reload = () => enqueue(reloadNow);
  const refresh = (ids: readonly number[]) =>
    enqueue(() => refreshNow(ids)).catch(() => {
      // The rows could not be read: the index may now be stale, so reload it (or stop serving).
      return reload().catch(() => {});
    });
  /** The periodic safety net: a full reload only when the table differs from what this node last saw. */
  const recheck = () =>
    enqueue(async () => {
      if (isLoaded && (await stationsFingerprint(db)) === lastFingerprint) return false;
      await reloadNow();
      return true;
    });

  const start = () =>
    (started ??= (async () => {
      if (stopped) return;
      unsubscribe = listenToChannel(db, STATIONS_CHANNEL, {
        onMessage: (payload) => {
          if (payload === '*') void reload().catch(() => {});
          else void refresh(payload.split(',').map(Number));
        },
        onState: (up) => {
          isListening = up;
          // Back after a drop (or listening for the first time): what happened meanwhile is unknown.
          if (up) void reload().catch(() => {});
        },
      });
      timer = setInterval(() => void recheck().catch(() => {}), RELOAD_EVERY_MS);
      timer.unref();
      await reload().catch(() => {});
    })());

  return {
    isServing: () => {
      void start();
      return isListening && isLoaded;
    },
    nearest(point, limit, radiusM, mask, open) {
      void start();
      const found: Nearest[] = [];
      const { kd, at } = tree;
      if (kd) {
        sTree = tree;
        sMask = mask;
        sOpen = open;
        const positions = nearestPositions(kd, point.lng, point.lat, limit, radiusM / 1000, cheapAt, openAt);
        for (const i of positions) found.push({ station: at[i]!, distanceM: distanceMeters(point, at[i]!) });
      }
      for (const s of overlay.values()) {
        if ((s.amenityMask & mask) !== mask || !isOpen(s, open)) continue;
        const distanceM = distanceMeters(point, s);
        if (distanceM <= radiusM) found.push({ station: s, distanceM });
      }
      // The search's sphere and ours differ in the 7th digit: the exact radius is ours.
      return found
        .filter((n) => n.distanceM <= radiusM)
        .sort((a, b) => a.distanceM - b.distanceM || a.station.id - b.station.id)
        .slice(0, limit);
    },
    get: (id) => {
      void start();
      return byId.get(id);
    },

    refresh,
    recheck: async () => {
      await start();
      return recheck();
    },
    async reload() {
      await start();
      await reload();
    },
    size: () => {
      void start();
      return byId.size;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe?.();
      isListening = false;
    },
  };
}
