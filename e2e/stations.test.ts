/**
 * 驿站管理 in the console: a county union (`xinzhou`) filters its registry, opens the clustered map,
 * creates a station by dragging the pin and sees an unreadable opening_hours value explained; the
 * keeper of 幸福街道's stations (`xingfu_keeper`) sees only those and edits one's hours.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
  desktopContext,
  field,
  launchBrowser,
  screenshot,
  signInToConsole,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 20_000 };
let product: Product;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  page = await (await desktopContext(browser, 900)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const rows = () => page.locator('[data-testid="stations-table"] tbody tr.ant-table-row');

describe('驿站管理', () => {
  it('lists the county’s stations and filters them on the server', async () => {
    await signInToConsole(page, product.baseUrl, 'xinzhou', '/admin/stations');
    await rows().first().waitFor(WAIT);
    const all = await rows().count();
    expect(all).toBeGreaterThanOrEqual(20);
    await chooseOption(page, 'station-filter-amenity', '微波炉');
    await expect.poll(async () => (await rows().count()) < all && (await rows().count()) > 0, WAIT).toBe(true);
    for (const text of await rows().allTextContents()) expect(text).not.toContain('幸福街道');
    await screenshot(page, 'stations-list', { publish: true });
  });

  it('shows the same stations on a clustered map without tiles', async () => {
    await page.locator('[data-testid="station-view-map"]').click();
    const map = page.locator('[data-testid="stations-map"]');
    await map.locator('.leaflet-marker-icon').first().waitFor(WAIT);
    expect(await map.locator('.leaflet-marker-icon').count()).toBeGreaterThan(0);
    await screenshot(page, 'stations-map', { publish: true });
  });

  it('creates a station by dragging the pin, after an unreadable hours value is explained', async () => {
    await page.locator('[data-testid="station-create"]').click();
    await field(page, 'station-form-name').fill('滨江东路新建驿站');
    await chooseOption(page, 'station-form-org', '信州');
    await field(page, 'station-form-address').fill('信州区滨江东路 200 号');
    // Place the pin with a click, then drag it: the coordinates follow.
    const mapBox = (await page.locator('[data-testid="station-pin-map"] .leaflet-container').boundingBox())!;
    await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
    const pin = page.locator('[data-testid="map-pin"]');
    await pin.waitFor(WAIT);
    const placed = await field(page, 'station-form-lat').inputValue();
    expect(Number(placed)).toBeGreaterThan(28);
    const box = (await pin.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 50, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => field(page, 'station-form-lat').inputValue(), WAIT).not.toBe(placed);

    const hours = field(page, 'station-form-hours');
    await hours.fill('Mo-Fr 8点-18点');
    const error = page.locator('[data-testid="station-hours-error"]');
    await expect.poll(() => error.textContent(), WAIT).toContain('无法识别');
    await error.scrollIntoViewIfNeeded();
    await screenshot(page, 'stations-hours-error', { publish: true });
    await hours.fill('Mo-Fr 08:00-18:00; PH off');
    const week = page.locator('[data-testid="station-hours-week"]');
    await expect.poll(() => week.textContent(), WAIT).toContain('08:00-18:00');
    await page.locator('label:has-text("微波炉")').first().click();
    await screenshot(page, 'stations-create', { publish: true });
    await page.locator('[data-testid="station-form-save"]').click();
    try {
      await page.locator('[data-testid="station-form"]').waitFor({ state: 'detached', ...WAIT });
    } catch (err) {
      await page.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));
      await screenshot(page, 'stations-create-failed');
      throw err;
    }
    await page.locator('[data-testid="station-view-list"]').click();
    await field(page, 'station-search').fill('滨江东路新建');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows().first().textContent(), WAIT).toContain('滨江东路新建驿站');
    expect(await rows().first().textContent()).toContain('Mo-Fr 08:00-18:00; PH off');
  });

  it('prints a station’s QR poster with its check-in URL', async () => {
    await rows().first().locator('[data-testid^="station-poster-"]').click();
    const poster = page.locator('[data-testid="station-poster"]');
    await poster.waitFor(WAIT);
    expect(await poster.getAttribute('data-url')).toMatch(/\/m\/stations\/\d+\/check-in$/);
    await screenshot(page, 'stations-poster', { publish: true });
  });

  it('lets the keeper see only the stations they keep and edit their hours', async () => {
    const keeperPage = await (await desktopContext(browser, 900)).newPage();
    page = keeperPage;
    await signInToConsole(page, product.baseUrl, 'xingfu_keeper', '/admin/stations');
    await rows().first().waitFor(WAIT);
    expect(await rows().count()).toBe(3);
    expect(await page.locator('[data-testid="station-create"]').count()).toBe(0);
    await rows().first().locator('button:has-text("维护驿站")').click();
    const hours = field(page, 'station-form-hours');
    await hours.waitFor(WAIT);
    expect(await field(page, 'station-form-name').isDisabled()).toBe(true);
    await hours.fill('Mo-Sa 07:30-20:00; PH 09:00-17:00');
    await expect
      .poll(() => page.locator('[data-testid="station-hours-week"]').textContent(), WAIT)
      .toContain('07:30-20:00');
    await screenshot(page, 'stations-keeper', { publish: true });
    await page.locator('[data-testid="station-form-save"]').click();
    await page.locator('[data-testid="station-form"]').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => rows().first().textContent(), WAIT).toContain('Mo-Sa 07:30-20:00');
  });
});
