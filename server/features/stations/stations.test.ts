import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoFromDay, dayOfInstant } from '../../../common/calendar/days';
import { convertPoint, distanceMeters, type Crs, type LatLng } from '../../../common/geo';
import { buildApp } from '../../app';
import { createDeps } from '../../deps';
import { systemContext, withTransaction } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { reloadCalendar } from '../calendar/state';
import { seedDemoOrgs } from '../orgs/seed';
import { seedDemoStations } from './seed';
import { findNearbyStations } from './service';
import { createStationIndex } from './station-index';
import { buildStation } from './stations.factories';

let t: TestApp;
const world: DemoWorld = { orgIds: new Map() };
let xinzhou: number;

interface Item {
  id: number;
  name: string;
  lat: number;
  lng: number;
  distance_m: number;
  open_now: boolean;
  amenities: string[];
  status: string;
}

const nearby = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/stations/nearby?${query}` });
  return { status: res.statusCode, body: res.json(), headers: res.headers, raw: res.body };
};
const items = async (query: string): Promise<Item[]> => {
  const res = await nearby(query);
  expect(res.status, res.raw).toBe(200);
  return res.body.items;
};
const at = (p: LatLng, crs: Crs) => `lat=${p.lat}&lng=${p.lng}&crs=${crs}`;

/** Polls `check` every 20 ms until it holds; fails after 2 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 2000) throw new Error('not reached in 2 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits until the feed's horizon (the oldest transaction running in the whole cluster: other test
 * files' included) has passed every write made so far, so a pull sees them.
 */
async function caughtUp(): Promise<void> {
  const { rows } = await sql<{ x: string }>`SELECT pg_current_xact_id()::text AS x`.execute(t.db);
  const started = Date.now();
  for (;;) {
    const done = await sql<{
      ok: boolean;
    }>`SELECT pg_snapshot_xmin(pg_current_snapshot()) > ${rows[0]!.x}::xid8 AS ok`.execute(t.db);
    if (done.rows[0]!.ok) return;
    if (Date.now() - started > 10_000) throw new Error('the feed horizon did not pass in 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await withTransaction(systemContext(t.deps), (tx) => seedDemoOrgs(tx, world));
  await withTransaction(systemContext(t.deps), (tx) => seedDemoStations(tx, world));
  xinzhou = world.orgIds.get('jx.sr.xz')!;
  const seeded = await t.db.selectFrom('stations').select('id').execute();
  // The seed's commit reached the index by NOTIFY.
  await eventually(async () => t.deps.state.stations.size() === seeded.length);
});
afterAll(() => t?.close());

// A rider near 上饶 信州区's 五三大道, as a GPS reads it.
const RIDER: LatLng = { lat: 28.4551, lng: 117.9602 };

describe('GET /api/v1/stations/nearby', () => {
  it('answers the same stations at the same distances for one place given in WGS-84, GCJ-02 and BD-09', async () => {
    const wgs = await items(at(RIDER, 'wgs84'));
    const gcj = await items(at(convertPoint(RIDER, 'wgs84', 'gcj02'), 'gcj02'));
    const bd = await items(at(convertPoint(RIDER, 'wgs84', 'bd09'), 'bd09'));
    expect(wgs.length).toBe(10);
    for (const other of [gcj, bd]) {
      expect(other.map((s) => s.id)).toEqual(wgs.map((s) => s.id));
      other.forEach((s, i) => expect(Math.abs(s.distance_m - wgs[i]!.distance_m)).toBeLessThanOrEqual(1));
    }
    // Each answer is in the system it was asked in: back in WGS-84 it is the stored point, within 1 m,
    // while the GCJ-02 answer itself lies hundreds of metres from it.
    gcj.forEach((s, i) => {
      expect(distanceMeters(convertPoint(s, 'gcj02', 'wgs84'), wgs[i]!)).toBeLessThan(1);
      expect(distanceMeters(s, wgs[i]!)).toBeGreaterThan(300);
    });
    bd.forEach((s, i) => expect(distanceMeters(convertPoint(s, 'bd09', 'wgs84'), wgs[i]!)).toBeLessThan(1));
  });

  it('lists nearest first within the radius and the limit, with distances measured from the caller', async () => {
    const list = await items(`${at(RIDER, 'wgs84')}&limit=50&radius_m=2000`);
    expect(list.length).toBeGreaterThan(5);
    for (let i = 1; i < list.length; i++) expect(list[i]!.distance_m).toBeGreaterThanOrEqual(list[i - 1]!.distance_m);
    for (const s of list) {
      expect(s.distance_m).toBeLessThanOrEqual(2000);
      expect(Math.abs(s.distance_m - distanceMeters(RIDER, s))).toBeLessThanOrEqual(1);
    }
    const all = await t.db.selectFrom('stations').select(['lat', 'lng']).where('status', '<>', 'retired').execute();
    expect(list.length).toBe(all.filter((s) => distanceMeters(RIDER, s) <= 2000).length);
    expect(await items(`${at(RIDER, 'wgs84')}&limit=3`)).toHaveLength(3);
  });

  it('keeps only stations holding every amenity asked for', async () => {
    const list = await items(`${at(RIDER, 'wgs84')}&limit=50&radius_m=50000&amenity=microwave&amenity=ebike_charging`);
    // The seed's stations within the radius (宿城区's are hundreds of kilometres away).
    const rows = (
      await t.db.selectFrom('stations').select(['amenities', 'lat', 'lng']).where('status', '<>', 'retired').execute()
    ).filter((r) => distanceMeters(RIDER, r) <= 50_000);
    const both = rows.filter((r) => r.amenities.includes('microwave') && r.amenities.includes('ebike_charging'));
    expect(list.length).toBe(both.length);
    expect(both.length).toBeLessThan(rows.length);
    for (const s of list) expect(s.amenities).toEqual(expect.arrayContaining(['microwave', 'ebike_charging']));
  });

  it('answers from the database alone exactly as from the index', async () => {
    expect(t.deps.state.stations.isServing()).toBe(true);
    const ctx = systemContext(t.deps);
    for (const q of [
      { ...RIDER, limit: 10 },
      { ...RIDER, limit: 50, radius_m: 3000, amenity: ['microwave'] },
      { ...convertPoint(RIDER, 'wgs84', 'gcj02'), crs: 'gcj02' as const, open_now: true, limit: 20 },
    ]) {
      const fromIndex = await findNearbyStations(ctx, q, 'index');
      const fromDb = await findNearbyStations(ctx, q, 'database');
      expect(fromDb.items.map((s) => [s.id, s.distance_m])).toEqual(fromIndex.items.map((s) => [s.id, s.distance_m]));
      expect(fromIndex.items.length).toBeGreaterThan(0);
    }
  });

  it('evaluates open now with our calendar’s holidays, and never counts a temporarily closed station open', async () => {
    // Far from the seeded stations: two that close on public holidays, in two districts; one closed for now.
    const here = { lat: 28.3, lng: 117.8 };
    const rule = 'Mo-Su 00:00-24:00; PH off';
    const inXinzhou = await buildStation(t, xinzhou, { ...here, opening_hours: rule, region_code: '361102' });
    const inGuangxin = await buildStation(t, xinzhou, {
      lat: 28.3005,
      lng: 117.8,
      opening_hours: rule,
      region_code: '361104',
    });
    const closed = await buildStation(t, xinzhou, { lat: 28.301, lng: 117.8, status: 'temporarily_closed' });
    const q = `${at(here, 'wgs84')}&radius_m=1000&limit=50`;
    await eventually(async () => (await items(q)).length === 3);

    const open = async () => (await items(`${q}&open_now=true`)).map((s) => s.id);
    expect(await open()).toEqual([inXinzhou.id, inGuangxin.id]);
    const closedItem = (await items(q)).find((s) => s.id === closed.id)!;
    expect(closedItem).toMatchObject({ open_now: false, status: 'temporarily_closed' });

    // Today becomes a holiday in 信州区 (361102) only: its station closes, 广信区's stays open.
    const today = isoFromDay(dayOfInstant(Date.now()));
    await t.db
      .insertInto('calendar_days')
      .values({ date: today, region_prefix: '361102', is_workday: false, label: '测试假日', source: 'manual' })
      .execute();
    try {
      await reloadCalendar(t.deps);
      expect(await open()).toEqual([inGuangxin.id]);
      expect((await items(q)).find((s) => s.id === inXinzhou.id)).toMatchObject({ open_now: false });
    } finally {
      await t.db.deleteFrom('calendar_days').where('date', '=', today).where('region_prefix', '=', '361102').execute();
      await reloadCalendar(t.deps);
    }
    expect(await open()).toEqual([inXinzhou.id, inGuangxin.id]);
  });

  it('sees a station changed by plain SQL within 2 s (NOTIFY), and loses a retired one', async () => {
    // The index answers (not the database fallback), so the change must travel by NOTIFY.
    expect(t.deps.state.stations.isServing()).toBe(true);
    const spot = { lat: 28.25, lng: 117.7 };
    const { id } = await buildStation(t, xinzhou, { ...spot, name: '改名前驿站' });
    const q = `${at(spot, 'wgs84')}&radius_m=500`;
    await eventually(async () => (await items(q)).some((s) => s.id === id));

    await t.db.updateTable('stations').set({ name: '改名后驿站', lng: 117.7003 }).where('id', '=', id).execute();
    await eventually(async () => (await items(q)).find((s) => s.id === id)?.name === '改名后驿站');
    const moved = (await items(q)).find((s) => s.id === id)!;
    expect(Math.abs(moved.distance_m - distanceMeters(spot, { lat: 28.25, lng: 117.7003 }))).toBeLessThanOrEqual(1);

    await t.db.updateTable('stations').set({ status: 'retired' }).where('id', '=', id).execute();
    await eventually(async () => !(await items(q)).some((s) => s.id === id));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${id}` });
    expect(res.statusCode).toBe(404);
  });

  it('reloads everything on a statement that changed more than 256 stations (one "*" notification), then keeps the tree true', async () => {
    const before = t.deps.state.stations.size();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      org_id: xinzhou,
      kind: 'outdoor_worker' as const,
      name: `批量驿站${i}`,
      address: '信州区批量路',
      region_code: '361102',
      lat: 28.2 + i * 0.0001,
      lng: 117.6,
    }));
    await t.db.insertInto('stations').values(rows).execute();
    await eventually(async () => t.deps.state.stations.size() === before + 300);
    expect((await items('lat=28.2&lng=117.6&radius_m=50&limit=50')).map((s) => s.name)).toContain('批量驿站0');
    await t.db.deleteFrom('stations').where('address', '=', '信州区批量路').execute();
    await eventually(async () => t.deps.state.stations.size() === before);

    // Now every station sits in the rebuilt tree: a change supersedes its tree entry, never doubles it.
    const q = `${at(RIDER, 'wgs84')}&limit=50&radius_m=1500`;
    const first = (await items(q))[0]!;
    await t.db.updateTable('stations').set({ name: '树中改名驿站' }).where('id', '=', first.id).execute();
    await eventually(async () => (await items(q))[0]!.name === '树中改名驿站');
    expect((await items(q)).filter((s) => s.id === first.id)).toHaveLength(1);
    await t.db.updateTable('stations').set({ status: 'retired' }).where('id', '=', first.id).execute();
    await eventually(async () => !(await items(q)).some((s) => s.id === first.id));
    await t.db.updateTable('stations').set({ status: 'open', name: first.name }).where('id', '=', first.id).execute();
    await eventually(async () => (await items(q))[0]!.name === first.name);
  });

  it('on a node that is not listening, answers from the database, never from a stale index', async () => {
    const other = await t.withConfig({});
    try {
      other.deps.state.stations.stop();
      expect(other.deps.state.stations.isServing()).toBe(false);
      const spot = { lat: 28.22, lng: 117.72 };
      const { id } = await buildStation(t, xinzhou, { ...spot, name: '未听到的驿站' });
      const res = await other.app.inject({
        method: 'GET',
        url: `/api/v1/stations/nearby?${at(spot, 'wgs84')}&radius_m=100`,
      });
      expect(res.json().items.map((s: Item) => s.id)).toEqual([id]);
    } finally {
      await other.close();
    }
  });

  it('stops with its app: no timer or NOTIFY subscription outlives the app closing', async () => {
    const other = await t.withConfig({});
    const index = other.deps.state.stations;
    await eventually(async () => index.isServing());
    await other.close(); // the database stays open: it is t's
    expect(index.isServing()).toBe(false);
  });

  it('starts on first use, reloads page by page, and its periodic check reloads only when the table changed unheard', async () => {
    const total = (await t.db.selectFrom('stations').select('id').where('status', '<>', 'retired').execute()).length;
    const index = createStationIndex(t.db, { pageSize: 4 });
    try {
      // Nothing read and no listening connection until it is first used.
      expect(index.isServing()).toBe(false);
      await eventually(async () => index.isServing());
      expect(index.size()).toBe(total); // pages of 4 stitched together, none lost at a page's edge
      expect(await index.recheck()).toBe(false); // nothing changed: no reload
      index.stop(); // from here the node hears nothing, as if its connection had silently died
      const { id } = await t.db.selectFrom('stations').select('id').orderBy('id').executeTakeFirstOrThrow();
      await t.db.updateTable('stations').set({ name: '悄悄改名驿站' }).where('id', '=', id).execute();
      await new Promise((r) => setTimeout(r, 100));
      expect(index.get(id)?.name).not.toBe('悄悄改名驿站');
      expect(await index.recheck()).toBe(true);
      expect(index.get(id)?.name).toBe('悄悄改名驿站');
      expect(await index.recheck()).toBe(false);
      await t.db.updateTable('stations').set({ name: '恢复原名' }).where('id', '=', id).execute();
    } finally {
      index.stop();
    }
  });

  it('is cacheable by the phone alone, and the 422s name the field without echoing the position', async () => {
    const ok = await nearby(at(RIDER, 'wgs84'));
    expect(ok.headers['cache-control']).toBe('private, max-age=30');

    const cases: Array<[string, string]> = [
      ['lat=100&lng=117.95', 'lat'],
      ['lat=28.45', 'lng'],
      ['lat=48.85&lng=2.35', 'lng'], // Paris: inside the latitudes, far outside the longitudes
      ['lat=1.29&lng=103.85', 'lat'], // Singapore
      ['lat=28.45&lng=117.95&crs=epsg3857', 'crs'],
      ['lat=28.45&lng=117.95&limit=0', 'limit'],
      ['lat=28.45&lng=117.95&limit=51', 'limit'],
      ['lat=28.45&lng=117.95&radius_m=-5', 'radius_m'],
      ['lat=28.45&lng=117.95&radius_m=100000', 'radius_m'],
      ['lat=28.45&lng=117.95&amenity=water&amenity=sauna', 'amenity'],
      ['lat=28.45&lng=117.95&open_now=maybe', 'open_now'],
    ];
    for (const [query, field] of cases) {
      const res = await nearby(query);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), query).toEqual([field]);
      expect(res.body.error.fields[field], query).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.raw).not.toContain('28.45');
    }
    expect((await nearby('lat=28.45&lng=117.95&amenity=sauna')).body.error.fields.amenity).toBe('未知的设施“sauna”');
  });
});

describe('the public station feed', () => {
  interface FeedPage {
    items: Array<{ id: number; name: string; lat: number; lng: number; status: string }>;
    next_since: string;
    has_more: boolean;
    crs: string;
  }
  const pull = async (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1/stations/feed?${query}`, headers });
  /** Every page from `since` on, following next_since while has_more. */
  const pullAll = async (query: string, since?: string) => {
    const seen: FeedPage['items'] = [];
    let page: FeedPage;
    do {
      const res = await pull(`${query}${since ? `&since=${since}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      page = res.json();
      seen.push(...page.items);
      since = page.next_since;
    } while (page.has_more);
    return { seen, since: page.next_since };
  };

  it('pages through every station not retired, once each, in the asked crs; then answers only what changed since', async () => {
    const live = await t.db
      .selectFrom('stations')
      .select(['id', 'lat', 'lng'])
      .where('status', '<>', 'retired')
      .execute();
    await caughtUp();
    const first = await pullAll('crs=gcj02&limit=7');
    // Pages after the first resume from a position, so a retired station met there comes as such.
    const open = first.seen.filter((s) => s.status !== 'retired');
    expect(open.map((s) => s.id).sort((a, b) => a - b)).toEqual(live.map((s) => s.id).sort((a, b) => a - b));
    expect(new Set(first.seen.map((s) => s.id)).size).toBe(first.seen.length);
    for (const s of open) {
      const stored = live.find((l) => l.id === s.id)!;
      expect(distanceMeters(convertPoint(s, 'gcj02', 'wgs84'), stored)).toBeLessThan(1);
    }
    // Nothing changed: an empty page that keeps the position.
    const idle = (await pull(`limit=7&since=${first.since}`)).json() as FeedPage;
    expect(idle).toMatchObject({ items: [], has_more: false, next_since: first.since });

    const [renamed, retired] = live;
    await t.db.updateTable('stations').set({ name: '馈送改名驿站' }).where('id', '=', renamed!.id).execute();
    await t.db.updateTable('stations').set({ status: 'retired' }).where('id', '=', retired!.id).execute();
    await caughtUp();
    try {
      const changed = await pullAll('limit=7', first.since);
      expect(changed.seen.map((s) => [s.id, s.status, s.name === '馈送改名驿站'])).toEqual([
        [renamed!.id, 'open', true],
        [retired!.id, 'retired', false],
      ]);
      expect((await pull(`since=${changed.since}`)).json().items).toEqual([]);
      // A first pull leaves the retired station out.
      expect((await pullAll('limit=50')).seen.some((s) => s.id === retired!.id)).toBe(false);
    } finally {
      await t.db.updateTable('stations').set({ status: 'open' }).where('id', '=', retired!.id).execute();
    }
  });

  it('is GeoJSON too, cacheable by anyone with an ETag that answers 304 until something changes', async () => {
    const geo = await t.app.inject({ method: 'GET', url: '/api/v1/stations/feed.geojson?crs=wgs84&limit=3' });
    expect(geo.statusCode).toBe(200);
    expect(geo.headers['content-type']).toContain('application/geo+json');
    const fc = geo.json();
    expect(fc).toMatchObject({ type: 'FeatureCollection', crs: 'wgs84', has_more: true });
    expect(fc.features).toHaveLength(3);
    const f = fc.features[0];
    const stored = await t.db
      .selectFrom('stations')
      .select(['lat', 'lng', 'name'])
      .where('id', '=', f.id)
      .executeTakeFirstOrThrow();
    expect(f).toMatchObject({ type: 'Feature', geometry: { type: 'Point' }, properties: { name: stored.name } });
    expect(f.geometry.coordinates[0]).toBeCloseTo(stored.lng, 6);
    expect(f.geometry.coordinates[1]).toBeCloseTo(stored.lat, 6);

    await caughtUp();
    const res = await pull('limit=5');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(res.headers.etag);
    const again = await pull('limit=5', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const id = (res.json() as FeedPage).items[0]!.id;
    await t.db.updateTable('stations').set({ phone: '0793-0000000' }).where('id', '=', id).execute();
    await caughtUp();
    const after = await pull('limit=5', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('refuses a malformed position or page size, naming the field', async () => {
    for (const [query, field] of [
      ['since=abc', 'since'],
      ['since=1.2.3', 'since'],
      ['limit=0', 'limit'],
      ['limit=5001', 'limit'],
      ['crs=osgb', 'crs'],
    ]) {
      const res = await pull(query!);
      expect(res.statusCode, query).toBe(422);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
  });
});

describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('the feed while a transaction is still running', () => {
  it('holds back a later commit until an earlier transaction ends, so resuming misses nothing', async () => {
    const rows = await t.db.selectFrom('stations').select('id').orderBy('id').limit(2).execute();
    await caughtUp();
    const start = (await t.app.inject({ method: 'GET', url: '/api/v1/stations/feed?limit=5000' })).json().next_since;
    const slow = await t.database.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query("UPDATE stations SET name = name || '·' WHERE id = $1", [rows[0]!.id]); // takes its xid first
      await t.db.updateTable('stations').set({ phone: '0793-1111111' }).where('id', '=', rows[1]!.id).execute(); // commits first
      const during = (await t.app.inject({ method: 'GET', url: `/api/v1/stations/feed?since=${start}` })).json();
      expect(during.items).toEqual([]); // the committed change waits behind the running transaction
      await slow.query('COMMIT');
      await caughtUp();
      const after = (await t.app.inject({ method: 'GET', url: `/api/v1/stations/feed?since=${start}` })).json();
      expect(after.items.map((s: { id: number }) => s.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    } finally {
      slow.release();
    }
  });
});

describe("the caller's position", () => {
  it('is neither logged nor stored, on an answer or a refusal', async () => {
    const lines: string[] = [];
    const deps = await createDeps(t.config, t.db);
    const app = await buildApp(deps, {
      logger: { level: 'info', stream: { write: (line) => void lines.push(line) } },
    });
    const audited = async () =>
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audited();
    try {
      for (const url of [
        '/api/v1/stations/nearby?lat=28.45671&lng=117.96543&crs=gcj02&open_now=true',
        '/api/v1/stations/nearby?lat=28.45671&lng=117.96543&limit=0',
      ])
        expect([200, 422]).toContain((await app.inject({ method: 'GET', url })).statusCode);
    } finally {
      await app.close();
      deps.state.stations.stop();
    }
    const logged = lines.join('');
    expect(logged).toContain('"url":"/api/v1/stations/nearby"');
    for (const leak of ['28.45', '117.96', 'lat=', 'lng=']) expect(logged).not.toContain(leak);
    expect(await audited()).toBe(before);
  });
});

describe('GET /api/v1/stations/:id', () => {
  it('answers one station in the asked crs, with its union, award and hours now', async () => {
    const row = await t.db
      .selectFrom('stations')
      .select(['id', 'lat', 'lng', 'name'])
      .where('award', '=', 'most_beautiful')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${row.id}?crs=gcj02` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const s = res.json();
    expect(s).toMatchObject({
      id: row.id,
      name: row.name,
      org_name: '上饶市信州区总工会',
      award: 'most_beautiful',
      award_year: 2025,
    });
    expect(distanceMeters(convertPoint(s, 'gcj02', 'wgs84'), row)).toBeLessThan(1);
    expect(typeof s.open_now).toBe('boolean');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stations/999999' })).statusCode).toBe(404);
  });
});

describe('GET /api/v1/stations/:id — the week', () => {
  it("lists the next 7 Shanghai days from today with each day's hours, holidays named from our calendar", async () => {
    const todayDay = dayOfInstant(Date.now());
    const { id } = await buildStation(t, xinzhou, {
      lat: 28.26,
      lng: 117.71,
      opening_hours: 'Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-24:00; Su off; PH off',
    });
    const week = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/stations/${id}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().week as Array<{
        date: string;
        weekday: number;
        holiday: string | null;
        suspended: boolean;
        intervals: string[][];
      }>;
    };
    // Tomorrow becomes a holiday in 信州区: named, and closed whatever its weekday ("PH off").
    const tomorrow = isoFromDay(todayDay + 1);
    await t.db
      .insertInto('calendar_days')
      .values({ date: tomorrow, region_prefix: '361102', is_workday: false, label: '测试节', source: 'manual' })
      .execute();
    try {
      await reloadCalendar(t.deps);
      const days = await week();
      expect(days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => isoFromDay(todayDay + i)));
      const expected = (weekday: number) =>
        weekday <= 5
          ? [
              ['08:00', '12:00'],
              ['14:00', '18:00'],
            ]
          : weekday === 6
            ? [['09:00', '24:00']]
            : [];
      days.forEach((d, i) => {
        const weekday = new Date(`${d.date}T12:00:00Z`).getUTCDay() || 7;
        expect(d.weekday).toBe(weekday);
        expect(d.suspended).toBe(false);
        if (i === 1) expect(d).toMatchObject({ holiday: '测试节', intervals: [] });
        // A national holiday in the week (a run near 国庆) closes the day too: "PH off".
        else if (d.holiday !== null) expect(d.intervals, d.date).toEqual([]);
        else expect(d.intervals, d.date).toEqual(expected(weekday));
      });
    } finally {
      await t.db
        .deleteFrom('calendar_days')
        .where('date', '=', tomorrow)
        .where('region_prefix', '=', '361102')
        .execute();
      await reloadCalendar(t.deps);
    }
    expect((await week())[1]!.holiday).not.toBe('测试节');

    // Temporarily closed through the day after tomorrow: those days are marked and have no hours.
    const through = isoFromDay(todayDay + 2);
    await t.db
      .updateTable('stations')
      .set({ status: 'temporarily_closed', closed_until: through, opening_hours: '24/7' })
      .where('id', '=', id)
      .execute();
    const closed = await week();
    expect(closed.map((d) => d.suspended)).toEqual([true, true, true, false, false, false, false]);
    expect(closed.map((d) => d.intervals.length)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(closed[3]!.intervals).toEqual([['00:00', '24:00']]);
  });
});

describe('the maps’ tile URL', () => {
  it('reaches the web app in the public config: empty by default (markers alone), else TILE_URL', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/config' })).json().tile_url).toBe('');
    const tiles = 'https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}';
    const other = await t.withConfig({ map: { tileUrl: tiles, tileCrs: 'wgs84' } });
    try {
      expect((await other.app.inject({ method: 'GET', url: '/api/v1/config' })).json()).toMatchObject({
        tile_url: tiles,
        tile_crs: 'wgs84',
      });
    } finally {
      await other.close();
    }
  });
});
