/**
 * 我要求助 on a small phone (issue 9's "done when", the worker's side): a rider files a 欠薪 appeal
 * with a photo of the pay record on a 375×667 screen, with the demo one-time code, and gets a
 * tracking number and a due date; then follows it on 查进度 by number and phone, and a wrong phone
 * reads exactly like a number that does not exist. A second rider, signed in by phone, files with
 * no second code and finds the case under 我的诉求.
 */
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../common/csrf';
import {
  apiSignIn,
  enterDemoCode,
  field,
  launchBrowser,
  phoneContext,
  screenshot,
  signInOnH5,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 15_000 };
const PHONE = '13912340951';
/** A second rider, who signs in on the H5 first and files with no second code. */
const SIGNED_IN_PHONE = '13912340952';
const STORY = '我在宿迁市洋河物流有限公司做快递分拣，公司拖欠我 2026 年 9 月至 11 月工资共 12000 元，多次讨要未果。';

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let trackingNo = '';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  context = await phoneContext(browser, { width: 375, height: 667 });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** A console call as the 宿城区 case officer (dispatches and handles in the county). */
async function asOfficer<T>(cookie: string, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const res = await fetch(`${product.baseUrl}/api/v1${path}`, {
    method,
    headers: { cookie, [CLIENT_HEADER]: CLIENT_HEADER_VALUE, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The form error shown under the field `testId` belongs to (antd-mobile's feedback line). */
const errorsShown = () => page.locator('.adm-form-item-feedback-error').allTextContents();

describe('我要求助', () => {
  it('files a 欠薪 appeal with a photo in under two minutes and gets a tracking number', async () => {
    const started = Date.now();
    await page.goto(`${product.baseUrl}/m/`);
    await page.locator('[data-testid="m-tile-cases"]').tap();
    await page.locator('[data-testid="m-case-intro"]').waitFor(WAIT);
    await page.locator('[data-testid="m-case-kind"]').getByText('投诉维权', { exact: true }).tap();
    await page.locator('[data-testid="m-case-subject"]').getByText('欠薪', { exact: true }).tap();
    await page
      .locator('[data-testid="m-case-description"] textarea, textarea[data-testid="m-case-description"]')
      .first()
      .fill(STORY);
    await field(page, 'm-case-wage').fill('12000');
    await field(page, 'm-case-employer').fill('宿迁市洋河物流有限公司');
    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 240, g: 240, b: 230 } },
    })
      .jpeg()
      .toBuffer();
    await page
      .locator('[data-testid="m-case-photos"] input[type="file"], input[type="file"]')
      .first()
      .setInputFiles({ name: 'pay-record.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.adm-image-uploader-cell-image').first().waitFor(WAIT);
    await expect.poll(() => page.locator('.adm-image-uploader-cell-loading').count(), WAIT).toBe(0);
    await field(page, 'm-case-name').fill('韩小骑');
    await field(page, 'm-case-phone').fill(PHONE);
    await enterDemoCode(page, 'm-case');

    // Where it happened is asked for: without it the local union cannot be found.
    await page.locator('[data-testid="m-case-submit"]').tap();
    await expect.poll(errorsShown, WAIT).toContain('请选择所在区县，或获取当前位置，以便转到当地工会');
    await screenshot(page, 'h5-case-error');
    await page.locator('[data-testid="m-case-region"]').tap();
    for (const name of ['江苏省', '宿迁市', '宿城区']) await page.getByText(name, { exact: true }).last().tap();
    await expect.poll(() => page.locator('[data-testid="m-case-region"]').textContent(), WAIT).toContain('宿城区');
    await expect.poll(errorsShown, WAIT).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'h5-case-form', { publish: true });

    await page.locator('[data-testid="m-case-submit"]').tap();
    const filed = page.locator('[data-testid="m-case-filed"]');
    await filed.waitFor(WAIT);
    trackingNo = ((await page.locator('[data-testid="m-case-filed-no"]').textContent()) ?? '').trim();
    expect(trackingNo).toMatch(/^GD\d{6}[0-9A-Z]{6}$/);
    expect(await page.locator('[data-testid="m-case-filed-due"]').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} 当日内/);
    expect(await page.locator('[data-testid="m-case-filed-org"]').textContent()).toContain('宿城区');
    await screenshot(page, 'h5-case-filed', { publish: true });
    expect(Date.now() - started).toBeLessThan(120_000);
  });

  it('shows the case on 查进度 by number and phone', async () => {
    await page.locator('[data-testid="m-case-view-progress"]').tap();
    await page.waitForURL(/\/m\/cases\/track\?no=/, WAIT);
    expect(await field(page, 'm-track-no').inputValue()).toBe(trackingNo);
    await field(page, 'm-track-phone').fill(PHONE);
    await page.locator('[data-testid="m-track-submit"]').tap();
    await page.locator('[data-testid="m-track-result"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="m-case-tracking-no"]').textContent()).toBe(trackingNo);
    expect(await page.locator('[data-testid="m-case-status"]').textContent()).toBe('受理');
    expect(await page.locator('[data-testid="m-case-timeline"]').textContent()).toContain('受理');
    // Not closed: nothing to rate yet.
    expect(await page.locator('[data-testid="m-rate-form"]').count()).toBe(0);
    await screenshot(page, 'h5-case-track', { publish: true });
  });

  it('answers a wrong phone like a number that does not exist', async () => {
    await field(page, 'm-track-phone').fill('13912340000');
    await page.locator('[data-testid="m-track-submit"]').tap();
    await expect.poll(errorsShown, WAIT).toEqual(['未找到该诉求，请核对受理编号和手机号']);
    expect(await page.locator('[data-testid="m-track-result"]').count()).toBe(0);
    await screenshot(page, 'h5-case-track-wrong-phone');
    await field(page, 'm-track-no').fill('GD000000AAAAAA');
    await field(page, 'm-track-phone').fill(PHONE);
    await page.locator('[data-testid="m-track-submit"]').tap();
    await expect.poll(errorsShown, WAIT).toEqual(['未找到该诉求，请核对受理编号和手机号']);
  });

  it('files signed in with no second code, and lists the case under 我的 → 我的诉求', async () => {
    await signInOnH5(page, product.baseUrl, SIGNED_IN_PHONE);
    await page.locator('[data-testid="m-my-cases-link"]').waitFor(WAIT);
    await page.goto(`${product.baseUrl}/m/cases`);
    // The session's phone files the case: no phone field, no code field.
    await expect.poll(() => page.locator('[data-testid="m-case-signed-in"]').textContent(), WAIT).toBe('139****0952');
    expect(await page.locator('[data-testid="m-case-phone"], [data-testid="m-case-send-otp"]').count()).toBe(0);
    await page.locator('[data-testid="m-case-kind"]').getByText('咨询', { exact: true }).tap();
    await page.locator('[data-testid="m-case-subject"]').locator('.adm-selector-item').first().tap();
    await page
      .locator('[data-testid="m-case-description"] textarea, textarea[data-testid="m-case-description"]')
      .first()
      .fill('外卖骑手被平台扣了押金，下岗后不退，想咨询怎么维权。');
    await field(page, 'm-case-name').fill('韩小骑');
    await page.locator('[data-testid="m-case-region"]').tap();
    for (const name of ['江苏省', '宿迁市', '宿城区']) await page.getByText(name, { exact: true }).last().tap();
    await expect.poll(() => page.locator('[data-testid="m-case-region"]').textContent(), WAIT).toContain('宿城区');
    // The region sheet slides away; then the phone block is what the screenshot shows.
    await page.locator('.adm-popup-body').waitFor({ state: 'hidden', timeout: 5_000 });
    await page.locator('[data-testid="m-case-signed-in"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-case-form-signed-in', { publish: true });
    await page.locator('[data-testid="m-case-submit"]').tap();
    await page.locator('[data-testid="m-case-filed"]').waitFor(WAIT);
    const signedInNo = ((await page.locator('[data-testid="m-case-filed-no"]').textContent()) ?? '').trim();
    expect(signedInNo).toMatch(/^GD\d{6}[0-9A-Z]{6}$/);

    await page.goto(`${product.baseUrl}/m/me`);
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await page.locator('[data-testid="m-my-cases-link"]').tap();
    await page.locator('[data-testid="m-my-cases"]').waitFor(WAIT);
    // This phone's case only: the first rider's, filed with another phone, is not theirs.
    expect(await page.locator('[data-testid="m-my-case"]').allTextContents()).toEqual([
      expect.stringContaining(signedInNo),
    ]);
    await page.locator('[data-testid="m-my-case"]').tap();
    await page.locator('[data-testid="m-case-timeline"]').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-testid="m-case-timeline"]').textContent(), WAIT).toContain('本人');
    // The panel opens with an animation: the screenshot waits for it to settle.
    await expect.poll(() => page.locator('[data-testid="m-case-timeline"]').isVisible(), WAIT).toBe(true);
    await page.waitForTimeout(500);
    await screenshot(page, 'h5-my-cases', { publish: true });
  });

  it('rates the case on 查进度 once the unions have closed it', async () => {
    // The cadres' side (tested with the console): dispatch to 幸福街道, sign, reply, review.
    const cookie = await apiSignIn(product.baseUrl, 'sucheng_case');
    const { items } = await asOfficer<{ items: Array<{ id: number }> }>(cookie, 'GET', `/cases?q=${trackingNo}`);
    const id = items[0]!.id;
    const orgs = await asOfficer<{ items: Array<{ id: number; name: string }> }>(
      cookie,
      'GET',
      `/orgs?q=${encodeURIComponent('幸福街道')}`,
    );
    const street = orgs.items.find((o) => o.name.includes('幸福街道'))!;
    const steps: Array<[string, object]> = [
      ['dispatch', { org_id: street.id }],
      ['sign', {}],
      ['reply', { reason: '经协调，公司已补发全部工资。', wage_recovered_fen: 1_200_000 }],
      ['review_pass', {}],
    ];
    for (const [action, body] of steps) {
      const { version } = await asOfficer<{ version: number }>(cookie, 'GET', `/cases/${id}`);
      await asOfficer(cookie, 'POST', `/cases/${id}/${action}`, { version, ...body });
    }

    await page.goto(`${product.baseUrl}/m/cases/track?no=${trackingNo}`);
    await field(page, 'm-track-phone').fill(PHONE);
    await page.locator('[data-testid="m-track-submit"]').tap();
    const form = page.locator('[data-testid="m-rate-form"]');
    await form.waitFor(WAIT);
    expect(await page.locator('[data-testid="m-case-timeline"]').textContent()).toContain(
      '经协调，公司已补发全部工资。',
    );
    await page.locator('[data-testid="m-rate-rating"]').getByText('不满意', { exact: true }).tap();
    await page.locator('[data-testid="m-rate-resolved-no"]').tap();
    await page.locator('[data-testid="m-rate-submit"]').tap();
    // Unsatisfied needs a reason, asked for next to the field.
    await expect.poll(errorsShown, WAIT).toContain('不满意时请说明原因');
    await page.locator('[data-testid="m-rate-rating"]').getByText('满意', { exact: true }).tap();
    await page.locator('[data-testid="m-rate-resolved-yes"]').tap();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-case-rate', { publish: true });
    await page.locator('[data-testid="m-rate-submit"]').tap();
    await form.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.locator('[data-testid="m-case-summary"]').textContent(), WAIT).toContain('满意');
    expect(await page.locator('[data-testid="m-case-timeline"]').textContent()).toContain('回访评价');
  });
});
