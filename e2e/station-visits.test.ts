/**
 * A rider scans a station's QR poster: /m/stations/<id>/check-in counts the visit, a second scan is
 * answered kindly and not counted, and a problem report with a photo reaches the station's keeper
 * (or, where no demo station has one yet, the owning union 信州区) on 驿站问题, beside today's visits.
 */
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  chooseOption,
  desktopContext,
  launchBrowser,
  phoneContext,
  screenshot,
  signInOnH5,
  signInToConsole,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 15_000 };
const REPORT = '微波炉按下启动键没有反应（端到端测试）';

let product: Product;
let browser: Browser;
/** The station the journey uses, and who sees it in the console. */
let station: { id: number; name: string };
let cadre: string;
let cookie: string;

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${product.baseUrl}/api/v1${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const visitsToday = async () => (await api<{ total: number }>(`/stations/${station.id}/visits/today`)).total;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  // The keeper's own station when the registry has given xingfu_keeper one; else a 信州区 station for xinzhou.
  cadre = 'xingfu_keeper';
  cookie = await apiSignIn(product.baseUrl, cadre);
  let seen = (await api<{ items: Array<{ id: number; name: string; kept: boolean }> }>('/station-visits/stations'))
    .items;
  if (!seen.some((s) => s.kept)) {
    cadre = 'xinzhou';
    cookie = await apiSignIn(product.baseUrl, cadre);
    seen = (await api<{ items: Array<{ id: number; name: string; kept: boolean }> }>('/station-visits/stations')).items;
  }
  station = seen[0]!;
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function tapCheckIn(page: Page) {
  await page.locator('[data-testid="m-check-in-submit"]').tap();
  await page.locator('[data-testid="m-check-in-result"]').waitFor(WAIT);
}

describe('a station visit', () => {
  it('counts a check-in once, answers the second kindly, and takes a problem report with a photo', async () => {
    const before = await visitsToday();
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${product.baseUrl}/m/stations/${station.id}/check-in`);
    await expect.poll(() => page.locator('[data-testid="m-check-in-station"]').textContent(), WAIT).toBe(station.name);
    await page.locator('[data-testid="m-check-in-occupation"]').getByText('快递员').tap();
    await screenshot(page, 'station-visits-check-in', { publish: true });

    await tapCheckIn(page);
    expect(await page.locator('[data-testid="m-check-in-result"]').textContent()).toContain('打卡成功');
    await screenshot(page, 'station-visits-counted');
    await expect.poll(visitsToday, WAIT).toBe(before + 1);

    await page.locator('[data-testid="m-check-in-back"]').tap();
    await tapCheckIn(page);
    expect(await page.locator('[data-testid="m-check-in-result"]').textContent()).toContain(
      '一小时内已打过卡，本次不重复计数',
    );
    await screenshot(page, 'station-visits-again', { publish: true });
    expect(await visitsToday()).toBe(before + 1);

    await page.locator('[data-testid="m-check-in-report"]').tap();
    await page.waitForURL(/\/report$/, WAIT);
    await page
      .locator('[data-testid="m-report-kind"]')
      .getByText(/设施损坏/)
      .tap();
    await page
      .locator('[data-testid="m-report-description"] textarea, textarea[data-testid="m-report-description"]')
      .first()
      .fill(REPORT);
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'microwave.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.adm-image-uploader-cell-image').first().waitFor(WAIT);
    await expect.poll(() => page.locator('.adm-image-uploader-cell-loading').count(), WAIT).toBe(0);
    await screenshot(page, 'station-visits-report', { publish: true });
    await page.locator('[data-testid="m-report-submit"]').tap();
    await page.locator('[data-testid="m-report-done"]').waitFor(WAIT);
    await context.close();
  });

  it('lets a signed-in worker rate the station once, and change the rating', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInOnH5(page, product.baseUrl, '13700009876');
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await page.goto(`${product.baseUrl}/m/stations/${station.id}/rate`);
    const submit = page.locator('[data-testid="m-rate-submit"]');
    await expect.poll(() => submit.textContent(), WAIT).toMatch(/提交评价/);
    await page.locator('[data-testid="m-rate-stars"] .adm-rate-star').nth(3).tap();
    await page
      .locator('[data-testid="m-rate-comment"] textarea, textarea[data-testid="m-rate-comment"]')
      .first()
      .fill('热水很方便');
    await submit.tap();
    await expect.poll(() => submit.textContent(), WAIT).toMatch(/修改评价/);
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(page, 'station-visits-rate', { publish: true });
    const summary = await (await fetch(`${product.baseUrl}/api/v1/stations/${station.id}/reviews`)).json();
    expect(summary.latest.map((c: { comment: string }) => c.comment)).toContain('热水很方便');
    await context.close();
  });

  it('shows the keeper (or the owning union) the problem, with its photo, and today’s visits', async () => {
    const problems = await api<{ items: Array<{ description: string; photos: unknown[]; status: string }> }>(
      `/station-problems?station_id=${station.id}`,
    );
    expect(problems.items.find((p) => p.description === REPORT)).toMatchObject({ status: 'open', photos: [{}] });

    const context = await desktopContext(browser, 900);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, cadre, '/admin/station-problems');
    const row = page.locator('[data-testid="problems-table"] tr', { hasText: REPORT });
    await row.waitFor(WAIT);
    await row.locator('img').first().waitFor(WAIT);
    await screenshot(page, 'station-visits-problems', { publish: true });

    await row.getByRole('button', { name: /处理中/ }).click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached', ...WAIT });
    await page.locator('[data-testid="problems-status"]').getByText('处理中').click();
    await page.locator('[data-testid="problems-table"] tr', { hasText: REPORT }).waitFor(WAIT);

    await page.goto(`${product.baseUrl}/admin/station-visits`);
    if (cadre === 'xinzhou') {
      await chooseOption(page, 'visits-station', station.name);
    }
    await expect
      .poll(() => page.locator('[data-testid="visits-today-total"]').textContent(), WAIT)
      .toContain(station.name);
    expect(await page.locator('[data-testid="visits-today"]').textContent()).toContain('快递员');
    await page.locator('[data-testid="visits-daily-bars"]').waitFor(WAIT);
    await screenshot(page, 'station-visits-counts', { publish: true });
    await context.close();
  });
});

describe('the coverage of 信州区', () => {
  it('shows the demo analysis — shares, gaps on the map and suggested sites — and runs a new one with a progress bar', async () => {
    const context = await desktopContext(browser, 1400);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'xinzhou', '/admin/coverage');
    // The demo's analysis ran as a job at start: its result shows on opening.
    const result = page.locator('[data-testid="coverage-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('信州区外卖骑手等单热点');
    const suggestions = page.locator('[data-testid="coverage-suggestions"] tbody tr');
    await expect.poll(() => suggestions.count(), WAIT).toBeGreaterThan(1);
    // Gaps are drawn (red circles) beside the stations (green) and the numbered sites.
    await expect
      .poll(() => page.locator('[data-testid="coverage-map"] path[fill="#ff4d4f"]').count(), WAIT)
      .toBeGreaterThan(1);
    expect(await page.locator('[data-testid="coverage-map"] .coverage-site').count()).toBe(await suggestions.count());
    await screenshot(page, 'stations-coverage', { publish: true });

    // A new analysis of the same set: it appears at once, runs, and its result replaces the shown one.
    const rows = page.locator('[data-testid="coverage-runs"] tbody tr');
    const before = await rows.count();
    await page.getByRole('button', { name: '开始分析' }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(before + 1);
    await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).toContain('已完成');
    await context.close();
  });
});
