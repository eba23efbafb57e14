/**
 * The member H5 (/m/) on a phone-sized Chromium: the home tiles and demo banner, the JS
 * budget of the first load (DESIGN.md §7: ≤ 150 KB gzip), phone sign-in with the demo code,
 * and every tile opening a page that leads back home.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, launchBrowser, phoneContext, readDemoCode, screenshot, startProduct, type Product } from './support';

const WAIT = { timeout: 15_000 };
const JS_BUDGET_BYTES = 150_000; // DESIGN.md §7, gzip, read as SI kilobytes (the stricter reading)
const TILES = [
  { testId: 'm-tile-join', label: '入会' },
  { testId: 'm-tile-stations', label: '找驿站' },
  { testId: 'm-tile-cases', label: /我要求助|诉求/ },
  { testId: 'm-tile-me', label: '我的' },
] as const;

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const scripts: Array<{ url: string; raw: number; gzip: number; text: string }> = [];

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  context = await phoneContext(browser, {
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const backButton = (p: Page) => p.locator('[data-testid="m-navbar"] .adm-nav-bar-back');
const navTitle = (p: Page) => p.locator('[data-testid="m-navbar"] .adm-nav-bar-title');

describe('H5 for members', () => {
  it('opens home with the four tiles and the demo banner', async () => {
    const pending: Array<Promise<void>> = [];
    const onResponse = (res: Response) => {
      if (res.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(res.url())) return;
      // The body as served, gzipped as a server would (the app does not compress by itself).
      pending.push(
        res.body().then(
          (body) =>
            void scripts.push({
              url: res.url(),
              raw: body.length,
              gzip: gzipSync(body).length,
              text: body.toString('utf8'),
            }),
          () => undefined,
        ),
      );
    };
    page.on('response', onResponse);
    await page.goto(`${product.baseUrl}/m/`, { waitUntil: 'networkidle' });
    page.off('response', onResponse);
    await Promise.all(pending);

    for (const tile of TILES) {
      const el = page.locator(`[data-testid="${tile.testId}"]`);
      await el.waitFor(WAIT);
      expect(await el.textContent()).toMatch(tile.label);
    }
    await expect.poll(() => page.locator('[data-testid="demo-banner"]').textContent(), WAIT).toContain('演示模式');
    await screenshot(page, 'h5-home', { publish: true });
  });

  it(`loads at most ${JS_BUDGET_BYTES / 1000} KB of gzip JS on the first load`, () => {
    const total = scripts.reduce((n, s) => n + s.gzip, 0);
    const lines = scripts.map(
      (s) => `${new URL(s.url).pathname}: ${(s.raw / 1000).toFixed(1)} KB raw, ${(s.gzip / 1000).toFixed(1)} KB gzip`,
    );
    console.log(`H5 home JS: ${(total / 1000).toFixed(1)} KB gzip in ${scripts.length} files\n  ${lines.join('\n  ')}`);
    expect(scripts.length).toBeGreaterThan(0);
    // The console's antd must never ride along to the phone.
    expect(scripts.map((s) => s.url).filter((u) => /\/antd[-.]/.test(u))).toEqual([]);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  it("carries none of the console's words, nor those of pages not yet opened, in the first load", () => {
    const text = scripts.map((s) => s.text).join('\n');
    expect(text).toContain('职工之家，服务到身边'); // the home page's own words are there…
    // …but not the console's (menu, accounts, orgs, sign-in), nor the sign-in page's or 入会's.
    const words = [
      '账号与授权',
      '统一社会信用代码',
      '解除登录锁定',
      '验证并启用',
      '新建下级',
      '请输入短信验证码',
      '码上入会：',
    ];
    expect(words.filter((word) => text.includes(word))).toEqual([]);
  });

  it('signs a member in by phone with the code shown in demo mode', async () => {
    await page.locator('[data-testid="m-tile-me"]').tap();
    await page.waitForURL(/\/m\/me$/, WAIT);
    await backButton(page).waitFor(WAIT);
    // PIPL: before the number is sent, the page says what is collected, why and for how long…
    const notice = page.locator('[data-testid="m-privacy-notice"]');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toMatch(/手机号.*发送验证码确认本人.*查找你本人在工会的记录.*最长保留 30 天/);
    // …links the full notice…
    await page.locator('[data-testid="m-privacy-link"]').tap();
    await page.waitForURL(/\/m\/privacy$/, WAIT);
    await expect.poll(() => navTitle(page).textContent(), WAIT).toBe('个人信息保护告知');
    const full = (await page.locator('[data-testid="m-privacy"]').textContent()) ?? '';
    for (const part of ['收集什么、为什么', '保存多久', '30 天', '你的权利', '撤回同意', '12351'])
      expect(full).toContain(part);
    await screenshot(page, 'h5-privacy');
    await backButton(page).tap();
    await page.waitForURL(/\/m\/me$/, WAIT);

    // …and sends nothing until the member agrees.
    const otpRequests: string[] = [];
    const onRequest = (req: { url(): string }) =>
      void (new URL(req.url()).pathname === '/api/v1/otp' && otpRequests.push(req.url()));
    page.on('request', onRequest);
    await field(page, 'm-phone').fill('13800138000');
    await page.locator('[data-testid="m-send-otp"]').tap();
    await expect
      .poll(() => page.locator('.adm-form-item-feedback-error').allTextContents(), WAIT)
      .toEqual(['请先阅读并勾选同意个人信息保护告知']);
    expect(otpRequests).toEqual([]);
    await page.locator('[data-testid="m-consent"]').tap();
    await expect.poll(() => page.locator('.adm-form-item-feedback-error').count(), WAIT).toBe(0);
    await screenshot(page, 'h5-sign-in-consent', { publish: true });
    await page.locator('[data-testid="m-send-otp"]').tap();
    await expect.poll(() => otpRequests.length, WAIT).toBe(1);
    page.off('request', onRequest);
    await field(page, 'm-otp').fill(await readDemoCode(page, 'm'));
    await screenshot(page, 'h5-me-sign-in');
    await page.locator('[data-testid="m-login-submit"]').tap();
    await expect.poll(() => page.locator('[data-testid="m-phone-masked"]').textContent(), WAIT).toBe('138****8000');
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(page, 'h5-me', { publish: true });
    await backButton(page).tap();
    await page.waitForURL(/\/m\/?$/, WAIT);
  });

  for (const tile of TILES.filter((t) => t.testId !== 'm-tile-me')) {
    it(`opens ${tile.testId} on a page of its own with a back button`, async () => {
      await page.locator(`[data-testid="${tile.testId}"]`).tap();
      await backButton(page).waitFor(WAIT);
      await expect.poll(() => navTitle(page).textContent(), WAIT).toMatch(tile.label);
      expect(page.url()).not.toMatch(/\/m\/?$/);
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body.length).toBeGreaterThan(20);
      await screenshot(page, `h5-${tile.testId.replace('m-tile-', '')}`);
      await backButton(page).tap();
      await page.waitForURL(/\/m\/?$/, WAIT);
      await page.locator('[data-testid="m-tile-join"]').waitFor(WAIT);
    });
  }

  it('offers the hotline on 我要求助 as a tap-to-call link', async () => {
    await page.locator('[data-testid="m-tile-cases"]').tap();
    const hotline = page.locator('[data-testid="m-hotline"]');
    await hotline.waitFor(WAIT);
    expect(await hotline.getAttribute('href')).toBe('tel:12351');
    expect(await hotline.locator('xpath=..').textContent()).toBe('急事请拨打 12351');
    await backButton(page).tap();
    await page.waitForURL(/\/m\/?$/, WAIT);
  });

  it('after a refused code, says to check it or get a new one', async () => {
    const ctx = await phoneContext(browser);
    try {
      const p = await ctx.newPage();
      await p.clock.install(); // to run the resend timer out without waiting a minute
      await p.goto(`${product.baseUrl}/m/me`);
      await field(p, 'm-phone').fill('13900139000');
      await p.locator('[data-testid="m-consent"]').tap();
      await p.locator('[data-testid="m-send-otp"]').tap();
      const code = await readDemoCode(p, 'm');
      await field(p, 'm-otp').fill(code === '000000' ? '111111' : '000000');
      await p.locator('[data-testid="m-login-submit"]').tap();
      await expect
        .poll(() => p.locator('.adm-form-item-feedback-error').allTextContents(), WAIT)
        .toEqual(['验证码错误或已过期。请核对后重试，或重新获取验证码。']);
      // The resend button waits out its timer (60 s), then offers the new code.
      const resend = p.locator('[data-testid="m-send-otp"]');
      expect(await resend.textContent()).toMatch(/^\d+ 秒后重发$/);
      expect(await resend.isDisabled()).toBe(true);
      await p.clock.runFor(61_000);
      await expect.poll(() => resend.textContent(), WAIT).toBe('重新获取验证码');
      expect(await resend.isDisabled()).toBe(false);
    } finally {
      await ctx.close();
    }
  });
});
