/**
 * 码上入会 on a phone (issue 7's "done when"): a gig worker with no union at their employer opens
 * the join page, fills it in on a 360-px screen with the demo one-time code, picks where they work,
 * and is a member at once in the county's holding pool — in well under two minutes. Then the
 * 宿城区 cadre places them from the console's 入会审核 in a union of the county, the worker's
 * status shows where, and the union's QR poster prints.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIdNumber } from '../common/id-number';
import { parseOrgCode } from '../common/org-code';
import {
  chooseOption,
  DEMO_PASSWORD,
  enterDemoCode,
  field,
  launchBrowser,
  phoneContext,
  screenshot,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 15_000 };
let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What the worker's join answered: the placement below acts on it. */
let applicationNo = '';
const PHONE = '13912340731';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  context = await phoneContext(browser, { height: 640 });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('码上入会', () => {
  it('makes a gig worker a member of the county holding pool in under two minutes', async () => {
    const started = Date.now();
    await page.goto(`${product.baseUrl}/m/join`);
    // Without a QR code the worker may look for their employer's union; this rider has none.
    await page.locator('[data-testid="m-join-union-search"] input').fill('顺丰');
    await expect
      .poll(() => page.locator('[data-testid="m-join-union-hit"]').allTextContents(), WAIT)
      .toEqual([expect.stringContaining('顺丰速运宿城营业部工会')]);
    await screenshot(page, 'h5-join-search');
    await page.locator('[data-testid="m-join-no-union"]').tap();
    await page.locator('[data-testid="m-join-union-search"]').waitFor({ state: 'detached', ...WAIT });
    await field(page, 'm-join-name').fill('韩小骑');
    // A wrong check character is caught as it is typed, before anything is sent.
    const idNumber = testIdNumber('1994-07-15', 731, '990501');
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    await field(page, 'm-join-id').fill(wrong);
    await field(page, 'm-join-phone').fill(PHONE);
    await enterDemoCode(page, 'm-join');
    await page.getByText('网约配送员（外卖骑手）').tap();
    await page.getByText('美团', { exact: true }).tap();
    await page.locator('[data-testid="m-join-region"]').tap();
    for (const name of ['江苏省', '宿迁市', '宿城区']) await page.getByText(name, { exact: true }).last().tap();
    await expect.poll(() => page.locator('[data-testid="m-join-region"]').textContent(), WAIT).toContain('宿城区');
    await page.locator('[data-testid="m-join-consent"]').tap();
    await page.locator('[data-testid="m-join-submit"]').tap();
    await expect
      .poll(() => page.locator('.adm-form-item-feedback-error').allTextContents(), WAIT)
      .toContain('身份证号校验位不正确，请核对后重新输入');
    await screenshot(page, 'h5-join-error');
    // Fixing the one field is enough: nothing else is retyped.
    await field(page, 'm-join-id').fill(idNumber);
    await screenshot(page, 'h5-join', { publish: true });
    await page.locator('[data-testid="m-join-submit"]').tap();
    const result = page.locator('[data-testid="m-join-result"]');
    await result.waitFor(WAIT);
    expect(await result.textContent()).toBe('入会成功，等待安置');
    expect(await page.locator('[data-testid="m-join-member-no"]').textContent()).toMatch(/^\d{12}$/);
    expect(Date.now() - started).toBeLessThan(120_000);
    applicationNo = (await page.locator('[data-testid="m-join-application-no"]').textContent()) ?? '';
    await screenshot(page, 'h5-join-done', { publish: true });
  });

  it('lets the 宿城区 cadre place the pooled worker in a union of the county from 入会审核', async () => {
    expect(applicationNo).toMatch(/^RH/);
    const admin = await browser.newContext({
      viewport: { width: 1366, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const desk = await admin.newPage();
    await desk.goto(`${product.baseUrl}/admin/joins`);
    await field(desk, 'login-username').fill('sucheng');
    await field(desk, 'login-password').fill(DEMO_PASSWORD);
    await desk.locator('[data-testid="login-submit"]').click();
    await field(desk, 'login-username').waitFor({ state: 'detached', ...WAIT });
    await desk.goto(`${product.baseUrl}/admin/joins`);
    // The demo leaves joins waiting: the menu counts them, the tabs count each queue.
    await desk.locator('[data-testid="joins-menu-badge"]').waitFor(WAIT);
    await desk.locator('[data-testid="join-tab-pooled"]').click();
    await expect.poll(() => desk.locator('[data-testid="join-tab-pooled"]').textContent(), WAIT).toMatch(/\(\d+\)/);
    const row = desk.locator('tr', { hasText: '韩*骑' });
    await row.waitFor(WAIT);
    expect(await row.textContent()).not.toContain('韩小骑');
    await screenshot(desk, 'console-join-review', { publish: true });
    await row.locator('[data-testid="join-place"]').click();
    await chooseOption(desk, 'join-place-org', '宿城区网约配送员工会联合会');
    await desk.locator('#join-action-ok').click();
    await row.waitFor({ state: 'detached', ...WAIT });
    await desk.locator('[data-testid="join-tab-decided"]').click();
    await desk.locator('tr', { hasText: '已安置到 宿城区网约配送员工会联合会' }).first().waitFor(WAIT);

    // The worker's status now names the union they were placed in.
    const status = await fetch(`${product.baseUrl}/api/v1/join/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ application_no: applicationNo, phone: PHONE }),
    });
    expect(await status.json()).toMatchObject({ status: 'approved', org_name: '宿城区网约配送员工会联合会' });

    await screenshot(desk, 'console-join-decided');

    // On the union's detail page: how it takes joins, and its QR poster carrying its join URL.
    const found = await fetch(`${product.baseUrl}/api/v1/join/orgs?q=${encodeURIComponent('美团外卖宿城')}`);
    const code = ((await found.json()) as { items: Array<{ code: string }> }).items[0]!.code;
    await desk.goto(`${product.baseUrl}/admin/orgs/${parseOrgCode(code)}`);
    const settings = desk.locator('[data-testid="join-settings"]');
    await settings.waitFor(WAIT);
    expect(await settings.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('扫码即入会（自动通过）');
    await desk.locator('[data-testid="join-poster-link"]').click();
    const poster = desk.locator('[data-testid="join-poster"]');
    await poster.waitFor(WAIT);
    expect(await poster.getAttribute('data-url')).toBe(`${product.baseUrl}/m/join?org=${code}`);
    expect(await desk.locator('[data-testid="poster-name"]').textContent()).toBe('美团外卖宿城配送站点工会');
    await screenshot(desk, 'console-join-poster', { publish: true });
    await admin.close();
  });
});
