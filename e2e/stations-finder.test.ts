/**
 * 找驿站 on a phone (issue 8's "done when"): from a GCJ-02 position in 上饶信州区 handed over by a map
 * app, the nearest open demo stations at their true distances; the same place in WGS-84 (the phone's
 * GPS) and BD-09 lists the same; amenity chips narrow the list; the map comes after, in its own
 * chunk; a refused location falls back to picking a place; the station page shows the week and
 * navigate links in each map app's own coordinate system.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters, type Crs, type LatLng } from '../common/geo';
import { launchBrowser, phoneContext, ROOT, screenshot, startProduct, type Product } from './support';

const WAIT = { timeout: 15_000 };
const JS_BUDGET_BYTES = 150_000; // DESIGN.md §7: the member home and the station finder
// A rider on 五三大道 near 中山路, as a GPS reads it (WGS-84), and as WeChat/AMap (GCJ-02) and Baidu (BD-09) do.
const RIDER: LatLng = { lat: 28.4531, lng: 117.9612 };
const AS: Record<Crs, LatLng> = {
  wgs84: RIDER,
  gcj02: convertPoint(RIDER, 'wgs84', 'gcj02'),
  bd09: convertPoint(RIDER, 'wgs84', 'bd09'),
};
const fragment = (crs: Crs) => `#lat=${AS[crs].lat}&lng=${AS[crs].lng}&crs=${crs}`;

interface Stored extends LatLng {
  id: number;
  name: string;
  open_now: boolean;
  status: string;
  phone: string | null;
  amenities: string[];
}

let product: Product;
let browser: Browser;
/** Every demo station as the API stores it (WGS-84). */
let stations: Stored[];

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const res = await fetch(`${product.baseUrl}/api/v1/stations/nearby?lat=28.4548&lng=117.9659&radius_m=50000&limit=50`);
  stations = (await res.json()).items;
  expect(stations.length).toBeGreaterThanOrEqual(20);
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** The nearest stations to the rider by the test's own reckoning from the stored WGS-84 points. */
function expectedNearest(keep: (s: Stored) => boolean, limit = 20) {
  return stations
    .filter(keep)
    .map((s) => ({ id: s.id, name: s.name, distance: distanceMeters(RIDER, s) }))
    .filter((s) => s.distance <= 5000)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit);
}

/** Opens the finder afresh (a new document: going from one fragment to another would not reload). */
async function openFinder(page: Page, crs: Crs) {
  await page.goto('about:blank');
  await page.goto(`${product.baseUrl}/m/stations${fragment(crs)}`);
}

/** What the finder lists: each item's id and the distance it shows. */
async function listed(page: Page) {
  await page.locator('[data-testid="finder-list"], [data-testid="finder-empty"]').first().waitFor(WAIT);
  return page.locator('[data-testid="finder-item"]').evaluateAll((els) =>
    els.map((el) => ({
      id: Number(el.getAttribute('data-id')),
      distance: Number(el.querySelector('[data-testid="station-away"]')!.getAttribute('data-distance')),
      text: el.textContent ?? '',
    })),
  );
}

function expectSameAsReckoned(items: Awaited<ReturnType<typeof listed>>, expected: ReturnType<typeof expectedNearest>) {
  expect(items.map((s) => s.id)).toEqual(expected.map((s) => s.id));
  items.forEach((s, i) => {
    // Within a few metres of the distance from the true (WGS-84) points: the crs was converted, not ignored.
    expect(Math.abs(s.distance - expected[i]!.distance), expected[i]!.name).toBeLessThanOrEqual(3);
    expect(s.text).toContain(expected[i]!.name);
  });
}

describe('the station finder on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let gcjList: Awaited<ReturnType<typeof listed>>;

  beforeAll(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('lists the nearest open stations from a GCJ-02 position handed over in the fragment, list first and light', async () => {
    const scripts: Array<{ url: string; gzip: number }> = [];
    const pending: Array<Promise<void>> = [];
    const apiCalls: string[] = [];
    const onResponse = (res: Response) => {
      if (res.url().includes('/api/v1/stations/nearby')) apiCalls.push(res.url());
      if (res.request().resourceType() !== 'script') return;
      pending.push(res.body().then((b) => void scripts.push({ url: res.url(), gzip: gzipSync(b).length })));
    };
    page.on('response', onResponse);
    await page.goto(`${product.baseUrl}/m/stations${fragment('gcj02')}`);
    gcjList = await listed(page);
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    await Promise.all(pending);

    expectSameAsReckoned(
      gcjList,
      expectedNearest((s) => s.open_now),
    );
    expect(gcjList.length).toBeGreaterThan(3);
    // Asked in the rider's own system (the server converts); the position never went into a page URL.
    expect(new URL(apiCalls[0]!).searchParams.get('crs')).toBe('gcj02');
    expect(new URL(apiCalls[0]!).searchParams.get('open_now')).toBe('true');
    // The list came without the map: no leaflet, and within the first-load budget.
    expect(scripts.filter((s) => /station-map|leaflet/.test(s.url))).toEqual([]);
    const total = scripts.reduce((n, s) => n + s.gzip, 0);
    console.log(`finder first load: ${(total / 1000).toFixed(1)} KB gzip JS in ${scripts.length} files`);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    // Each item: its direction from the rider and its open state.
    expect(gcjList[0]!.text).toMatch(/(北|东北|东|东南|南|西南|西|西北) (\d+ m|\d+(\.\d)? km)/);
    expect(await page.locator('[data-testid="station-badge"][data-state="open"]').count()).toBe(gcjList.length);
    expect(await page.locator('[data-testid="finder-where"]').textContent()).toContain('地图应用提供的位置');
    await screenshot(page, 'stations-finder-list', { publish: true });
  });

  it('lists the same stations at the same distances from the same place in BD-09', async () => {
    await openFinder(page, 'bd09');
    const bd = await listed(page);
    expect(bd.map((s) => s.id)).toEqual(gcjList.map((s) => s.id));
    bd.forEach((s, i) => expect(Math.abs(s.distance - gcjList[i]!.distance)).toBeLessThanOrEqual(1));
  });

  it('narrows the list to stations with every amenity chosen, and widens when nothing is near', async () => {
    await openFinder(page, 'gcj02');
    await listed(page);
    await page.locator('[data-amenity="microwave"]').tap();
    await expect
      .poll(async () => (await listed(page)).map((s) => s.id))
      .toEqual(expectedNearest((s) => s.open_now && s.amenities.includes('microwave')).map((s) => s.id));
    await page.locator('[data-amenity="ebike_charging"]').tap();
    const both = expectedNearest(
      (s) => s.open_now && s.amenities.includes('microwave') && s.amenities.includes('ebike_charging'),
    );
    await expect.poll(async () => (await listed(page)).map((s) => s.id)).toEqual(both.map((s) => s.id));
    expect(both.length).toBeLessThan(gcjList.length);
    expect(await page.locator('[data-amenity="microwave"]').getAttribute('aria-pressed')).toBe('true');

    // No station has both books and an AED: an empty state that offers a way on.
    await page.locator('[data-amenity="microwave"]').tap();
    await page.locator('[data-amenity="ebike_charging"]').tap();
    await page.locator('[data-amenity="books"]').tap();
    await page.locator('[data-amenity="aed"]').tap();
    const none = expectedNearest((s) => s.open_now && s.amenities.includes('books') && s.amenities.includes('aed'));
    expect(none).toEqual([]);
    await page.locator('[data-testid="finder-empty"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="finder-empty"]').textContent()).toContain('5 公里内没有符合条件的驿站');
    await screenshot(page, 'stations-finder-empty');
    await page.locator('[data-testid="finder-clear-filters"]').tap();
    await expect.poll(async () => (await listed(page)).length).toBe(expectedNearest(() => true).length);
    // With 只看开放中 off the temporarily closed station is listed, and says why.
    const closed = stations.find((s) => s.status === 'temporarily_closed')!;
    const item = page.locator(`[data-testid="finder-item"][data-id="${closed.id}"]`);
    expect(await item.locator('[data-testid="station-badge"]').textContent()).toBe('暂停开放');
  });

  it('draws the stations on a map loaded only now, and picking a point there moves the search', async () => {
    await openFinder(page, 'gcj02');
    const list = await listed(page);
    const mapChunk = page.waitForResponse((r) => /h5-station-map/.test(r.url()), WAIT);
    await page.locator('[data-testid="finder-tab-map"]').tap();
    await mapChunk;
    await page.locator('[data-testid="finder-map"] .leaflet-container').waitFor(WAIT);
    await expect.poll(() => page.locator('path.finder-marker').count(), WAIT).toBe(list.length);
    expect(await page.locator('path.finder-you').count()).toBe(1);
    expect(await page.locator('[data-testid="finder-map-hint"]').textContent()).toContain('未配置底图');
    await screenshot(page, 'stations-finder-map', { publish: true });

    // A marker opens its station's card with a way to its page.
    await page.locator('path.finder-marker').first().click();
    await page.locator('.leaflet-popup-content').waitFor(WAIT);
    expect(await page.locator('.leaflet-popup-content').textContent()).toMatch(/驿站|司机之家/);
    await page.locator('.leaflet-popup-close-button').click();

    await page.locator('[data-testid="finder-map-pick"]').tap();
    const box = (await page.locator('[data-testid="finder-map"] .leaflet-container').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.8);
    await expect.poll(() => page.locator('[data-testid="finder-where"]').textContent(), WAIT).toContain('地图上选的点');
    expect(page.url()).toMatch(/#lat=[\d.]+&lng=[\d.]+&crs=gcj02$/);
    await page.locator('[data-testid="finder-tab-list"]').tap();
    const moved = await listed(page);
    expect(moved.map((s) => s.id)).not.toEqual(list.map((s) => s.id));
  });

  it("shows a station's week, its phone, and navigate links in each map app's own system", async () => {
    await openFinder(page, 'gcj02');
    await listed(page);
    const first = page.locator('[data-testid="finder-item"]').first();
    const id = Number(await first.getAttribute('data-id'));
    await first.tap();
    await page.locator('[data-testid="station-detail"]').waitFor(WAIT);
    expect(page.url()).toContain(`/m/stations/${id}#lat=`);
    const stored = stations.find((s) => s.id === id)!;
    expect(await page.locator('[data-testid="station-name"]').textContent()).toBe(stored.name);
    // The distance from the handed-over position, as the list showed it.
    const shown = Number(await page.locator('[data-testid="station-away"]').getAttribute('data-distance'));
    expect(Math.abs(shown - distanceMeters(RIDER, stored))).toBeLessThanOrEqual(3);

    const days = page.locator('[data-testid="station-day"]');
    expect(await days.count()).toBe(7);
    expect(await days.first().getAttribute('data-today')).toBe('true');
    expect(await days.first().textContent()).toContain('今天');

    const href = async (app: string) =>
      new URL((await page.locator(`[data-testid="station-nav-${app}"]`).getAttribute('href'))!);
    const offBy = (p: LatLng, crs: Crs) => distanceMeters(convertPoint(p, crs, 'wgs84'), stored);
    const amap = await href('amap');
    const [aLng, aLat] = amap.searchParams.get('position')!.split(',').map(Number);
    expect(amap.host).toBe('uri.amap.com');
    expect(offBy({ lat: aLat!, lng: aLng! }, 'gcj02')).toBeLessThan(1);
    const baidu = await href('baidu');
    const [bLat, bLng] = baidu.searchParams.get('location')!.split(',').map(Number);
    expect(baidu.host).toBe('api.map.baidu.com');
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    expect(offBy({ lat: bLat!, lng: bLng! }, 'bd09')).toBeLessThan(1);
    const qq = await href('tencent');
    const [, qLat, qLng] = /^coord:([\d.]+),([\d.]+);/.exec(qq.searchParams.get('marker')!)!.map(Number);
    expect(qq.host).toBe('apis.map.qq.com');
    expect(offBy({ lat: qLat!, lng: qLng! }, 'gcj02')).toBeLessThan(1);
    await screenshot(page, 'stations-finder-detail', { publish: true });
    // The whole page, to look at (git-ignored): amenities, phone and what follows below the fold.
    await page.screenshot({
      path: join(ROOT, 'e2e', 'screenshots', 'stations-finder-detail-full.png'),
      fullPage: true,
    });
  });

  it('opened directly (a shared link), shows a tap-to-call phone and no distance; a closed station says so all week', async () => {
    const withPhone = stations.find((s) => s.phone !== null)!;
    await page.goto(`${product.baseUrl}/m/stations/${withPhone.id}`);
    await page.locator('[data-testid="station-detail"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="station-phone"]').getAttribute('href')).toBe(`tel:${withPhone.phone}`);
    expect(await page.locator('[data-testid="station-away"]').count()).toBe(0);

    const closed = stations.find((s) => s.status === 'temporarily_closed')!;
    await page.goto(`${product.baseUrl}/m/stations/${closed.id}`);
    await page.locator('[data-testid="station-detail"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="station-badge"]').getAttribute('data-state')).toBe('suspended');
    expect(await page.locator('[data-testid="station-detail"]').textContent()).toMatch(/暂停开放至 \d{4}-\d{2}-\d{2}/);
    expect(await page.locator('[data-testid="station-day"]').allTextContents()).toEqual(
      Array.from({ length: 7 }, () => expect.stringContaining('暂停开放')),
    );

    await page.goto(`${product.baseUrl}/m/stations/999999`);
    await page.getByText('驿站不存在或已撤销').waitFor(WAIT);
  });
});

describe('where the phone says where it is', () => {
  it('locates by GPS (WGS-84) once allowed, and lists the same stations at the same distances', async () => {
    const context = await phoneContext(browser);
    try {
      await context.grantPermissions(['geolocation'], { origin: product.baseUrl });
      await context.setGeolocation({ latitude: RIDER.lat, longitude: RIDER.lng, accuracy: 20 });
      const page = await context.newPage();
      await page.goto(`${product.baseUrl}/m/stations`);
      const gps = await listed(page);
      expectSameAsReckoned(
        gps,
        expectedNearest((s) => s.open_now),
      );
      expect(await page.locator('[data-testid="finder-where"]').textContent()).toContain('我的位置');
      expect(page.url()).toMatch(/crs=wgs84$/);
    } finally {
      await context.close();
    }
  });

  it('explains the prompt first, and after a refusal offers a place to pick', async () => {
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${product.baseUrl}/m/stations`);
      const panel = page.locator('[data-testid="finder-locate"]');
      await panel.waitFor(WAIT);
      expect(await panel.textContent()).toContain('不会被记录');
      await page.locator('[data-testid="finder-use-location"]').tap();
      await page.locator('[data-testid="finder-locate-failed"]').waitFor(WAIT);
      expect(await page.locator('[data-testid="finder-locate-failed"]').textContent()).toMatch(/定位权限|无法定位/);
      await page.locator('[data-testid="finder-places"]').waitFor(WAIT);
      await screenshot(page, 'stations-finder-refused', { publish: true });
      // A search finds stations by name, as well as the district's places.
      await page.locator('[data-testid="finder-place-search"] input').fill('上饶站');
      await page
        .locator('[data-testid="finder-places"] .adm-list-item', { hasText: '上饶站站前广场驿站' })
        .waitFor(WAIT);
      await page
        .locator('[data-testid="finder-places"] .adm-list-item', { hasText: /^上饶站/ })
        .first()
        .tap();
      const items = await listed(page);
      expect(items.length).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="finder-where"]').textContent()).toContain('上饶站');
    } finally {
      await context.close();
    }
  });
});
