/**
 * 会员管理 as a street union's cadre (demo account `xingfu`): the masked registry, entering a new
 * member, recording an honour, and the profile's history saying who did what.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIdNumber } from '../common/id-number';
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
  const context = await desktopContext(browser, 860);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('会员管理', () => {
  it('lists the union’s members masked', async () => {
    await signInToConsole(page, product.baseUrl, 'xingfu', '/admin/members');
    const rows = page.locator('[data-testid="members-table"] tbody tr.ant-table-row');
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBeGreaterThan(0);
    const text = (await page.locator('[data-testid="members-table"]').textContent()) ?? '';
    // Masked ID numbers and phones only.
    expect(text).toMatch(/\*{4}/);
    expect(text).not.toMatch(/\b1[3-9]\d{9}\b/);
    await screenshot(page, 'console-members', { publish: true });
  });

  it('enters a new member, records an honour, and shows both in the history', async () => {
    await page.locator('[data-testid="member-create"]').click();
    await chooseOption(page, 'member-form-org', '幸福');
    await field(page, 'member-form-name').fill('周师傅');
    await field(page, 'member-form-id').fill(testIdNumber('1988-06-15', 731));
    await field(page, 'member-form-phone').fill('13912345678');
    await chooseOption(page, 'member-form-occupation', '环卫工人');
    await page.locator('[data-testid="member-form-save"]').click();

    const drawer = page.locator('[data-testid="member-drawer"]');
    await expect.poll(() => drawer.textContent(), WAIT).toContain('周*傅');
    expect(await drawer.textContent()).toContain('139****5678');
    expect(await drawer.textContent()).not.toContain('13912345678');

    await page.locator('[data-testid="member-add-honour"]').click();
    await chooseOption(page, 'honour-kind', '工匠');
    await chooseOption(page, 'honour-level', '市级');
    await page.locator('[data-testid="honour-save"]').click();

    const history = page.locator('[data-testid="member-history"]');
    await expect.poll(() => history.textContent(), WAIT).toContain('添加荣誉');
    expect(await history.textContent()).toContain('录入会员');
    expect(await drawer.textContent()).toContain('市级工匠');
    await screenshot(page, 'console-member-profile', { publish: true });
  });
});
