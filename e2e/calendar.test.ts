/**
 * The working calendar in Chromium: the national admin sees next year provisional with the alarm,
 * enters the State Council's notice (made up: the real one is not out) and the alarm clears; the
 * due date calculator explains 2026-09-30 + 5 working days = 2026-10-13 day by day. A photo of the
 * notice taken on a phone, with where it was taken in its EXIF, is served without it.
 */
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, field, launchBrowser, screenshot, startProduct, type Product } from './support';

const WAIT = { timeout: 15_000 };
/** The first year after the shipped notices (2027 while chinese-days ends in 2026): provisional in the demo. */
const YEAR = new Date().getFullYear() + 1;

let product: Product;
let browser: Browser;
let page: Page;

/** Types a date into an antd picker input and confirms it. */
async function typeDate(p: Page, input: ReturnType<Page['locator']>, date: string): Promise<void> {
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially(date);
  await input.press('Enter');
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  await page.goto(`${product.baseUrl}/admin/`);
  await field(page, 'login-username').fill('admin');
  await field(page, 'login-password').fill(DEMO_PASSWORD);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="org-tree"]').waitFor(WAIT);
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the working calendar, as the national admin', () => {
  it('shows next year provisional, with its computed holidays and the alarm', async () => {
    await page.locator('.ant-menu-item').filter({ hasText: '工作日历' }).click();
    await page.locator('[data-testid="year-status"]').waitFor(WAIT);
    await page.getByRole('button', { name: '下一年' }).click();
    await expect.poll(() => page.locator('[data-testid="year-status"]').textContent(), WAIT).toContain('暂定');
    const alarm = page.locator('[data-testid="provisional-alarm"]');
    await expect.poll(() => alarm.textContent(), WAIT).toContain(`${YEAR} 年的节假日安排尚未录入国务院通知`);
    const nationalDay = page.locator(`[data-testid="day-${YEAR}-10-01"]`);
    expect(await nationalDay.getAttribute('data-kind')).toBe('holiday');
    expect(await nationalDay.getAttribute('data-provisional')).toBe('true');
    // The menu reminds national admins too, wherever they are in the console.
    await page.locator('[data-testid="calendar-menu-badge"]').waitFor(WAIT);
    await screenshot(page, 'console-calendar-provisional', { publish: true });
  });

  it('enters the notice: 国庆节 for seven days, a make-up Saturday, and the alarm clears', async () => {
    await page.locator(`[data-testid="enter-notice-${YEAR}"]`).click();
    const editor = page.locator('.ant-modal').filter({ hasText: `录入 ${YEAR} 年节假日安排通知` });
    await editor.waitFor(WAIT);
    // The computed holidays are filled in; the National Day's range is the last, 10-01…03.
    const rows = editor.locator('[data-testid^="holiday-"]');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(7);
    const nationalDay = rows.filter({ hasText: '国庆节' });
    await typeDate(page, nationalDay.locator('.ant-picker-input input').nth(1), `${YEAR}-10-07`);
    await editor.locator('[data-testid="add-workday"]').click();
    const workday = editor.locator('[data-testid^="workday-"] input').last();
    await typeDate(page, workday, `${YEAR}-10-09`);
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#f4efe6' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 2700/100' } })
      .toBuffer();
    expect(photo.includes('GPS') || photo.includes('TestPhone')).toBe(true);
    await editor
      .locator('[data-testid="notice-scans"] input[type=file], .ant-upload input[type=file]')
      .first()
      .setInputFiles({ name: '国务院办公厅通知.jpg', mimeType: 'image/jpeg', buffer: photo });
    await editor.locator('.ant-upload-list-item').first().waitFor(WAIT);
    await screenshot(page, 'console-calendar-notice', { publish: true });

    await editor.locator('.ant-modal-footer .ant-btn-primary').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor(WAIT);
    await confirm.locator('.ant-btn-primary').click();

    await expect.poll(() => page.locator('[data-testid="year-status"]').textContent(), WAIT).toContain('国务院通知');
    await expect.poll(() => page.locator('[data-testid="provisional-alarm"]').count(), WAIT).toBe(0);
    await expect.poll(() => page.locator('[data-testid="calendar-menu-badge"]').count(), WAIT).toBe(0);
    expect(await page.locator(`[data-testid="day-${YEAR}-10-07"]`).getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator(`[data-testid="day-${YEAR}-10-09"]`).getAttribute('data-kind')).toBe('makeup');
    expect(await page.locator(`[data-testid="day-${YEAR}-10-01"]`).getAttribute('data-provisional')).toBeNull();

    // The photographed notice is linked from the year, re-encoded, and carries nothing of the phone.
    const link = page.locator('[data-testid="notice-files"] a').first();
    await link.waitFor(WAIT);
    const scan = await page.request.get(`${product.baseUrl}${await link.getAttribute('href')}`);
    expect(scan.status()).toBe(200);
    expect(scan.headers()['content-type']).toBe('image/webp');
    const bytes = await scan.body();
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    for (const marker of ['Exif', 'GPS', 'TestPhone']) expect(bytes.includes(marker)).toBe(false);
  });

  it('explains 2026-09-30 + 5 working days = 2026-10-13 day by day', async () => {
    await page.getByRole('button', { name: '上一年' }).click();
    await expect
      .poll(() => page.locator('[data-testid="day-2026-10-10"]').getAttribute('data-kind'), WAIT)
      .toBe('makeup');
    const from = field(page, 'due-from');
    await typeDate(page, from, '2026-09-30 10:00');
    await field(page, 'due-days').fill('5');
    await page.locator('[data-testid="due-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="due-date"]').textContent(), WAIT).toBe('2026-10-13');
    const steps = await page.locator('[data-testid="due-steps"] li').allTextContents();
    expect(steps[0]).toContain('受理当日不计');
    expect(steps[1]).toMatch(/10-01.*10-07.*国庆节/);
    expect(steps.find((s) => s.includes('10-10'))).toContain('调休上班');
    expect(steps.at(-1)).toMatch(/10-13.*第 5 个工作日/);
    await page.locator('[data-testid="due-calculator"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-calendar-due', { publish: true });
  });
});
