/**
 * 工单统计 and 工单设置 in the console: 宿迁市 (`suqian`) reads the three rates of the demo cases
 * (each number checked against what the API answers for the same filters), drills down to 宿城区
 * and to the cases behind a rate, opens one, and exports the 台账; then sets 宿迁市's own deadlines
 * and sees 宿城区 inherit them. The figures page is also checked on a 390-px phone.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfInstant, isoFromDay } from '../common/calendar/days';
import {
  apiSignIn,
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
const RATES = ['response', 'resolution', 'satisfaction'] as const;

interface Rate {
  numerator: number;
  denominator: number;
}
type Figures = Record<(typeof RATES)[number], Rate> & { org: { id: number; name: string }; total: number };

let product: Product;
let browser: Browser;
let cookie: string;
/** The page's default period: the last 30 days, Shanghai dates. */
const today = dayOfInstant(Date.now());
const period = { from: isoFromDay(today - 29), to: isoFromDay(today) };

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  cookie = await apiSignIn(product.baseUrl, 'suqian');
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${product.baseUrl}/api/v1${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const ratesOf = (orgId: number) =>
  api<Figures>(`/cases/rates?${new URLSearchParams({ org_id: String(orgId), ...period })}`);
const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).first().textContent();

/** The page shows the org's figures exactly as the API answers them. */
async function expectFigures(page: Page, figures: Figures) {
  for (const rate of RATES) {
    const { numerator, denominator } = figures[rate];
    await expect.poll(() => text(page, `figures-${rate}-fraction`), WAIT).toBe(`${numerator} / ${denominator}`);
    expect(await text(page, `figures-${rate}-hit`)).toBe(`计入 ${numerator}`);
    expect(await text(page, `figures-${rate}-miss`)).toBe(`未计入 ${denominator - numerator}`);
  }
  expect(await text(page, 'figures-total')).toContain(String(figures.total));
}

describe('工单统计 and 工单设置', () => {
  it('宿迁市 reads the rates, drills to 宿城区 and to the cases behind a rate, and exports the ledger', async () => {
    const me = await api<{ grants: { org_id: number }[] }>('/me');
    const city = await ratesOf(me.grants[0]!.org_id);
    expect(city.total).toBeGreaterThan(0);

    const context = await desktopContext(browser, 1000);
    const page = await context.newPage();
    const ratesRequests: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/v1/cases/rates')) ratesRequests.push(url.pathname);
    });
    await signInToConsole(page, product.baseUrl, 'suqian', '/admin/case-figures');
    await expectFigures(page, city);
    await page.locator('[data-testid="figures-child"]').first().waitFor(WAIT);
    // The unions below came in one request, not one per union, and show what the API answers for each.
    const below = await api<{ items: Figures[] }>(
      `/cases/rates/children?${new URLSearchParams({ org_id: String(city.org.id), ...period })}`,
    );
    expect(below.items.length).toBeGreaterThan(1);
    expect(ratesRequests.sort()).toEqual(['/api/v1/cases/rates', '/api/v1/cases/rates/children']);
    expect(await page.locator('[data-testid="figures-child"]').allTextContents()).toEqual(
      below.items.map((r) => r.org.name),
    );
    for (const r of below.items) {
      const line = page.locator('[data-testid="figures-children"] tr', {
        has: page.locator('[data-testid="figures-child"]', { hasText: r.org.name }),
      });
      expect(await line.textContent()).toContain(`${r.response.numerator} / ${r.response.denominator}`);
    }
    await screenshot(page, 'console-case-figures', { publish: true });

    // Down the tree: 宿城区, whose figures replace the city's, with the trail back up.
    await page.locator('[data-testid="figures-child"]', { hasText: '宿城区' }).click();
    const county = await ratesOf(
      (await api<{ items: { id: number; name: string }[] }>(`/orgs?parent_id=${city.org.id}&limit=50`)).items.find(
        (o) => o.name.includes('宿城区'),
      )!.id,
    );
    expect(county.response.denominator).toBeGreaterThan(0);
    await expectFigures(page, county);
    expect(await text(page, 'figures-trail')).toContain(city.org.name);

    // The cases behind 响应率's numerator: the same tracking numbers as the API lists.
    await page.locator('[data-testid="figures-response-hit"]').click();
    const drill = page.locator('[data-testid="figures-drill-table"] tbody tr.ant-table-row');
    const behind = await api<{ items: { id: number; tracking_no: string }[] }>(
      `/cases/rates/cases?${new URLSearchParams({ org_id: String(county.org.id), ...period, measure: 'response', outcome: 'hit', limit: '20' })}`,
    );
    await expect.poll(() => drill.count(), WAIT).toBe(behind.items.length);
    expect(await drill.first().textContent()).toContain(behind.items[0]!.tracking_no);
    await screenshot(page, 'console-case-figures-drill', { publish: true });
    await drill.first().click();
    await page.waitForURL(`**/admin/cases/${behind.items[0]!.id}`, WAIT);
    await page.locator('[data-testid="case-drawer"]').waitFor(WAIT);

    // The 台账 with the same filters: an xlsx (a zip: PK).
    await page.goto(`${product.baseUrl}/admin/case-figures`);
    await expectFigures(page, city);
    const download = page.waitForEvent('download', WAIT);
    await page.locator('[data-testid="export-button"]').click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    await context.close();
  });

  it('fits a 390-px phone: no sideways scrolling of the page', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'suqian', '/admin/case-figures');
    await page.locator('[data-testid="figures-response-fraction"]').waitFor(WAIT);
    await page.locator('[data-testid="figures-child"]').first().waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('宿迁市 sets its own deadlines, and 宿城区 shows them as inherited', async () => {
    const context = await desktopContext(browser, 1000);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'suqian', '/admin/case-settings');
    const origin = page.locator('[data-testid="settings-origin"]');
    await origin.waitFor(WAIT);
    expect(await origin.textContent()).not.toBe('本组织自行设置');
    const signDays = field(page, 'settings-sign-days');
    const before = Number(await signDays.inputValue());
    const next = before === 3 ? 4 : 3;

    // Out of range: the field says so and nothing is saved.
    await signDays.fill('11');
    await page.locator('[data-testid="settings-save"]').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent(), WAIT).toContain('1–10');

    await signDays.fill(String(next));
    await page.locator('[data-testid="settings-save"]').click();
    await expect.poll(() => origin.textContent(), WAIT).toBe('本组织自行设置');
    await page.locator('[data-testid="settings-inherit"]').waitFor(WAIT);
    await screenshot(page, 'console-case-settings', { publish: true });

    // 宿城区 below: the same value, inherited from 宿迁市.
    await chooseOption(page, 'settings-org', '宿城区');
    await expect.poll(() => origin.textContent(), WAIT).toMatch(/^沿用上级：宿迁市/);
    expect(Number(await signDays.inputValue())).toBe(next);
    await context.close();
  });
  it('宿迁市 keeps its duty phones for emergencies; a bad number names the field; 幸福街道 is paged through 宿城区’s', async () => {
    const context = await desktopContext(browser, 1000);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'suqian', '/admin/case-settings');
    const section = page.locator('[data-testid="duty-phones"]');
    const rows = section.locator('[data-testid="duty-phone"]');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().textContent()).toMatch(/^市总工会值班室139\*\*\*\*0120/);

    // A number that is not a mobile: the server's message under the field, nothing added.
    await field(page, 'duty-phone-label').fill('值班领导');
    await field(page, 'duty-phone-number').fill('12345');
    await page.locator('[data-testid="duty-phone-add"]').click();
    await expect
      .poll(() => section.locator('.ant-form-item-explain-error').first().textContent(), WAIT)
      .toContain('手机号');
    expect(await rows.count()).toBe(1);

    await field(page, 'duty-phone-number').fill('139 0000 0121');
    await page.locator('[data-testid="duty-phone-add"]').click();
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('139****0121');
    // The same number again: told under the number (a 409), and still two.
    await field(page, 'duty-phone-label').fill('值班室');
    await field(page, 'duty-phone-number').fill('13900000121');
    await page.locator('[data-testid="duty-phone-add"]').click();
    await expect
      .poll(() => section.locator('.ant-form-item-explain-error').first().textContent(), WAIT)
      .toContain('已在本工会的值班电话中');
    expect(await rows.count()).toBe(2);
    await page.locator('[data-testid="duty-phone-form"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-case-duty-phones', { publish: true });

    // Removed again (after a confirmation).
    await rows.nth(1).locator('[data-testid="duty-phone-remove"]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);

    // 幸福街道 has none of its own: it shows whose desks an emergency there would ring.
    await chooseOption(page, 'settings-org', '幸福街道');
    await expect
      .poll(() => page.locator('[data-testid="duty-inherited"]').textContent(), WAIT)
      .toMatch(/宿城区.*区总工会值班室 139\*\*\*\*0110/);
    await context.close();
  });

  it('宿迁市 renames 已签收 for its subtree: the case list shows the new name until it is reset', async () => {
    type Listed = { id: number; tracking_no: string; status: string; status_label: string };
    const listed = async () => (await api<{ items: Listed[] }>('/cases?limit=200')).items;
    const signed = (await listed()).find((c) => c.status === 'signed');
    expect(signed, 'the demo has a signed case under 宿迁市').toBeTruthy();
    const context = await desktopContext(browser, 1000);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'suqian', '/admin/case-settings');
    const row = page.locator('[data-testid="status-label-signed"]');
    const input = row.locator('input');
    await input.waitFor(WAIT);
    expect(await input.inputValue()).toBe('已签收');
    const reset = page.locator('[data-testid="status-label-reset-signed"]');
    expect(await reset.count()).toBe(0);

    // Too long: the field says so and nothing is saved.
    await input.fill('签'.repeat(13));
    await page.locator('[data-testid="status-label-save-signed"]').click();
    await expect.poll(() => row.locator('.ant-form-item-explain-error').textContent(), WAIT).toContain('12');
    expect((await listed()).find((c) => c.id === signed!.id)!.status_label).toBe('已签收');

    await input.fill('已接单');
    await page.locator('[data-testid="status-label-save-signed"]').click();
    await reset.waitFor(WAIT);
    await screenshot(page, 'console-case-status-labels', { publish: true });

    // The list, for every case of the subtree: the new name.
    expect((await listed()).find((c) => c.id === signed!.id)!.status_label).toBe('已接单');
    await page.goto(`${product.baseUrl}/admin/cases`);
    await page.locator('[data-testid="case-tab-all"]').click();
    await page
      .locator('[data-testid="case-search"] input, input[data-testid="case-search"]')
      .first()
      .fill(signed!.tracking_no);
    await page.keyboard.press('Enter');
    const line = page.locator('[data-testid="cases-table"] tr', {
      has: page.locator(`[data-testid="case-link-${signed!.id}"]`),
    });
    await expect.poll(() => line.textContent(), WAIT).toContain('已接单');

    // Reset: the platform's name again.
    await page.goto(`${product.baseUrl}/admin/case-settings`);
    await reset.click();
    await expect.poll(() => input.inputValue(), WAIT).toBe('已签收');
    expect(await reset.count()).toBe(0);
    expect((await listed()).find((c) => c.id === signed!.id)!.status_label).toBe('已签收');
    await context.close();
  });
});
