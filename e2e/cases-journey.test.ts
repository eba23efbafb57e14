/**
 * Issue 9's "done when", end to end across both shells and forty days: a rider signed in by phone
 * files a 欠薪 appeal on the H5; 宿城区 dispatches it and 幸福街道 signs for it in the console, then
 * lets it lie. The product is restarted forty days later (the test moves the clock: every clock in
 * the process, the database's too): the supervision sweep has raised 督办, and 宿迁市, the union
 * above, finds it first in 超期 with its red light. 幸福街道 replies, 宿城区 closes it, the rider
 * rates it by tracking number on 查进度, the three rates of 宿城区 move by exactly that case, and
 * the ledger (台账) exports it.
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../common/csrf';
import {
  apiSignIn,
  desktopContext,
  field,
  launchBrowser,
  phoneContext,
  screenshot,
  signInOnH5,
  signInToConsole,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 20_000 };
const PHONE = '13912340961';
const SHIFT_DAYS = 40;

let product: Product;
let browser: Browser;
let kept: string;
let trackingNo = '';
let caseId = 0;
/** The filing's day (Asia/Shanghai): the figures below count cases received from it on. */
let filedOn = '';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  kept = mkdtempSync(join(tmpdir(), 'gonghui-e2e-journey-'));
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  rmSync(kept, { recursive: true, force: true });
});

/** A call to the product's API as a signed-in cadre (outside the browser). */
async function api<T>(cookie: string, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const res = await fetch(`${product.baseUrl}/api/v1${path}`, {
    method,
    headers: { cookie, [CLIENT_HEADER]: CLIENT_HEADER_VALUE, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A step taken through the API at the case's current version. */
async function stepByApi(cookie: string, action: string, body: object = {}): Promise<void> {
  const { version } = await api<{ version: number }>(cookie, 'GET', `/cases/${caseId}`);
  await api(cookie, 'POST', `/cases/${caseId}/${action}`, { version, ...body });
}

async function consoleAs(username: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await desktopContext(browser, 900);
  const page = await context.newPage();
  await signInToConsole(page, product.baseUrl, username, path);
  return { context, page };
}

/** The org id of the caller's first grant (their own union). */
async function ownOrgId(cookie: string): Promise<number> {
  const me = await api<{ grants: Array<{ org_id: number }> }>(cookie, 'GET', '/me');
  return me.grants[0]!.org_id;
}

interface Rates {
  total: number;
  response: { numerator: number; denominator: number };
  resolution: { numerator: number; denominator: number };
  satisfaction: { numerator: number; denominator: number };
  ratings: { satisfied: number; basically: number; unsatisfied: number };
}

describe('a wage appeal from the H5 to the ledger, supervised when overdue', () => {
  it('a rider signed in by phone files a 欠薪 appeal on the H5', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await signInOnH5(page, product.baseUrl, PHONE);
      await page.locator('[data-testid="m-my-cases-link"]').waitFor(WAIT);
      await page.goto(`${product.baseUrl}/m/cases`);
      await page.locator('[data-testid="m-case-signed-in"]').waitFor(WAIT);
      await page.locator('[data-testid="m-case-kind"]').getByText('投诉维权', { exact: true }).tap();
      await page.locator('[data-testid="m-case-subject"]').getByText('欠薪', { exact: true }).tap();
      await page
        .locator('[data-testid="m-case-description"] textarea, textarea[data-testid="m-case-description"]')
        .first()
        .fill('我在宿迁市洋河物流有限公司送快递，公司拖欠我两个月工资共 9000 元。');
      await field(page, 'm-case-wage').fill('9000');
      await field(page, 'm-case-employer').fill('宿迁市洋河物流有限公司');
      await field(page, 'm-case-name').fill('周小递');
      await page.locator('[data-testid="m-case-region"]').tap();
      for (const name of ['江苏省', '宿迁市', '宿城区']) await page.getByText(name, { exact: true }).last().tap();
      await expect.poll(() => page.locator('[data-testid="m-case-region"]').textContent(), WAIT).toContain('宿城区');
      await page.locator('[data-testid="m-case-submit"]').tap();
      await page.locator('[data-testid="m-case-filed"]').waitFor(WAIT);
      trackingNo = ((await page.locator('[data-testid="m-case-filed-no"]').textContent()) ?? '').trim();
      expect(trackingNo).toMatch(/^GD\d{6}[0-9A-Z]{6}$/);
    } finally {
      await context.close();
    }
    const cookie = await apiSignIn(product.baseUrl, 'sucheng_case');
    const { items } = await api<{ items: Array<{ id: number; received_at: string }> }>(
      cookie,
      'GET',
      `/cases?q=${trackingNo}`,
    );
    expect(items).toHaveLength(1);
    caseId = items[0]!.id;
    filedOn = new Date(items[0]!.received_at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  });

  it('宿城区 dispatches it to 幸福街道, which signs for it in the console', async () => {
    const officer = await apiSignIn(product.baseUrl, 'sucheng_case');
    const orgs = await api<{ items: Array<{ id: number; name: string }> }>(
      officer,
      'GET',
      `/orgs?q=${encodeURIComponent('幸福街道')}`,
    );
    await stepByApi(officer, 'dispatch', { org_id: orgs.items.find((o) => o.name.includes('幸福街道'))!.id });

    const { context, page } = await consoleAs('xingfu', `/admin/cases/${caseId}`);
    try {
      const status = page.locator('[data-testid="case-status"]');
      await expect.poll(() => status.textContent(), WAIT).toBe('已派单');
      await page.locator('[data-testid="case-action-sign"]').click();
      await page.locator('#case-step-ok').click();
      await expect.poll(() => status.textContent(), WAIT).toBe('已签收');
    } finally {
      await context.close();
    }
  });

  it(`${SHIFT_DAYS} days later the sweep has raised 督办, and 宿迁市 finds the case first in 超期`, async () => {
    await product.stop({ keepData: join(kept, 'data') });
    product = await startProduct({ dataFrom: join(kept, 'data'), clockShiftDays: SHIFT_DAYS });
    const city = await apiSignIn(product.baseUrl, 'suqian');
    // The start fires the sweep's latest slot; it runs on its own.
    await expect
      .poll(
        async () =>
          (await api<{ events: Array<{ action: string }> }>(city, 'GET', `/cases/${caseId}`)).events.map(
            (e) => e.action,
          ),
        { timeout: 60_000, interval: 1_000 },
      )
      .toContain('supervise');

    const { context, page } = await consoleAs('suqian', '/admin/cases');
    try {
      await expect.poll(() => page.locator('.ant-tabs-tab-active').textContent(), WAIT).toContain('超期');
      const search = page.locator('[data-testid="case-search"] input, input[data-testid="case-search"]').first();
      await search.fill(trackingNo);
      await search.press('Enter');
      const rows = page.locator('[data-testid="cases-table"] tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), WAIT).toBe(1);
      const row = (await rows.first().textContent()) ?? '';
      expect(row).toContain('幸福街道');
      expect(row).toContain('超期'); // the light in words
      await screenshot(page, 'console-case-supervised', { publish: true });
      await page.locator(`[data-testid="case-open-${caseId}"]`).click();
      await expect.poll(() => page.locator('[data-testid="case-timeline"]').textContent(), WAIT).toContain('督办');
    } finally {
      await context.close();
    }
  });

  it('replied and closed, the rider rates it by number; the rates move by this case, and the ledger exports it', async () => {
    const county = await apiSignIn(product.baseUrl, 'sucheng');
    const orgId = await ownOrgId(county);
    // The product's today, forty days on: the period runs from the filing to it.
    const today = new Date(Date.now() + SHIFT_DAYS * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    const period = `org_id=${orgId}&from=${filedOn}&to=${today}`;
    const before = await api<Rates>(county, 'GET', `/cases/rates?${period}`);

    await stepByApi(await apiSignIn(product.baseUrl, 'xingfu'), 'reply', {
      reason: '经协调，公司已补发拖欠工资 9000 元。',
      wage_recovered_fen: 900_000,
    });
    await stepByApi(await apiSignIn(product.baseUrl, 'sucheng_case'), 'review_pass');

    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${product.baseUrl}/m/cases/track?no=${trackingNo}`);
      await field(page, 'm-track-phone').fill(PHONE);
      await page.locator('[data-testid="m-track-submit"]').tap();
      const form = page.locator('[data-testid="m-rate-form"]');
      await form.waitFor(WAIT);
      await page.locator('[data-testid="m-rate-rating"]').getByText('满意', { exact: true }).tap();
      await page.locator('[data-testid="m-rate-resolved-yes"]').tap();
      await page.locator('[data-testid="m-rate-submit"]').tap();
      await form.waitFor({ state: 'detached', ...WAIT });
      await expect.poll(() => page.locator('[data-testid="m-case-summary"]').textContent(), WAIT).toContain('满意');
    } finally {
      await context.close();
    }

    // Closed, confirmed resolved, rated satisfied: each rate's counts move by one, no more. It was
    // signed on time (before the clock moved), so the response rate does not change.
    const after = await api<Rates>(county, 'GET', `/cases/rates?${period}`);
    expect(after.total).toBe(before.total);
    expect(after.resolution).toEqual({
      ...after.resolution,
      numerator: before.resolution.numerator + 1,
      denominator: before.resolution.denominator + 1,
    });
    expect(after.satisfaction).toEqual({
      ...after.satisfaction,
      numerator: before.satisfaction.numerator + 1,
      denominator: before.satisfaction.denominator + 1,
    });
    expect(after.ratings.satisfied).toBe(before.ratings.satisfied + 1);
    expect(after.response).toEqual(before.response);

    const res = await fetch(`${product.baseUrl}/api/v1/cases/ledger/export.xlsx?${period}`, {
      headers: { cookie: county },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((r) =>
      rows.push((r.values as ExcelJS.CellValue[]).map((v) => String(v ?? '')).join('|')),
    );
    const line = rows.find((r) => r.includes(trackingNo));
    expect(line).toBeDefined();
    expect(line).toContain('幸福街道');
    expect(line).toContain('满意');
    expect(line).not.toContain(PHONE);
  });
});
