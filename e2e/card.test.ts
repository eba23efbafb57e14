/**
 * The e-member card: the demo member 李师傅 signs in on the H5 by phone, opens the card with its
 * rotating QR, and the 宿城区 cadre verifies the payload on 会员卡核验 in the console.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

const WAIT = { timeout: 15_000 };
const DEMO_CARD_PHONE = '13900001234'; // server/features/cards/seed.ts

let product: Product;
let browser: Browser;
let payload = '';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the e-member card', () => {
  it('shows the signed-in member their card with a rotating QR', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInOnH5(page, product.baseUrl, DEMO_CARD_PHONE);
    await page.locator('[data-testid="m-card-link"]').tap(WAIT);
    await page.waitForURL(/\/m\/card$/, WAIT);

    await expect.poll(() => page.locator('[data-testid="card-name"]').textContent(), WAIT).toBe('李师傅');
    expect(await page.locator('[data-testid="card-org"]').textContent()).toBe('饿了么宿城配送站点工会');
    await expect
      .poll(() => page.locator('[data-testid="card-qr"]').getAttribute('data-payload'), WAIT)
      .toMatch(/^GH1\.\d+\.\d+\.[\w-]{22}$/);
    payload = (await page.locator('[data-testid="card-qr"]').getAttribute('data-payload'))!;
    await page.locator('[data-testid="card-qr"] img').waitFor(WAIT);
    expect(await page.locator('[data-testid="card-countdown"]').textContent()).toMatch(/\d+ 秒后自动更新/);
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(page, 'h5-card', { publish: true });
    await context.close();
  });

  it('lets the 宿城区 cadre verify it on 会员卡核验', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    await signInToConsole(page, product.baseUrl, 'sucheng', '/admin/cards');
    const input = field(page, 'verify-input');
    await input.waitFor(WAIT);
    // A handheld scanner types the payload, then Enter.
    await input.fill(payload);
    await input.press('Enter');
    const result = page.locator('[data-testid="verify-result"]');
    await expect.poll(() => result.getAttribute('data-result'), WAIT).toBe('valid');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('有效会员');
    expect(text).toContain('饿了么宿城配送站点工会');
    expect(text).toContain('李*傅');
    await screenshot(page, 'console-card-verify', { publish: true });

    await input.fill(`${payload.slice(0, -2)}xx`);
    await input.press('Enter');
    await expect.poll(() => result.getAttribute('data-result'), WAIT).toBe('invalid');
    await context.close();
  });
});
