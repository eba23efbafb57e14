/**
 * The admin console (/admin/) in Chromium: a 宿城区 cadre signs in, sees only their subtree,
 * finds, opens, creates (with inline validation) and audits orgs; another province stays 404;
 * the national admin sees the whole tree.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  chooseOption,
  DEMO_PASSWORD,
  field,
  launchBrowser,
  screenshot,
  startProduct,
  type Product,
} from './support';

const VIEWPORT = { width: 1366, height: 800 };
const WAIT = { timeout: 15_000 };
const NEW_ORG = '幸福街道星光快递驿站工会';

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let jiangxiOrgId: number;
let xingfuId: number;
let newOrgId: number;

async function signInAt(p: Page, username: string, shot?: string): Promise<void> {
  await p.goto(`${product.baseUrl}/admin/`);
  await field(p, 'login-username').fill(username);
  await field(p, 'login-password').fill(DEMO_PASSWORD);
  if (shot) await screenshot(p, shot);
  await p.locator('[data-testid="login-submit"]').click();
  await p.locator('[data-testid="org-tree"]').waitFor(WAIT);
}

/**
 * Fills the org form's required fields: name, 企业工会, and the region. Under 幸福街道 (宿城区) the
 * picker offers only the parent's region, 宿城区, already chosen: it is picked again all the same.
 */
async function fillOrgForm(p: Page, name: string): Promise<void> {
  await field(p, 'org-form-name').fill(name);
  await chooseOption(p, 'org-form-type', '企业工会');
  const region = p.locator('[data-testid="org-form-region"]');
  await expect.poll(() => region.textContent(), WAIT).toContain('江苏省宿迁市宿城区');
  await region.click();
  const places = p.locator('.ant-cascader-menu-item').filter({ visible: true });
  await expect.poll(() => places.allTextContents(), WAIT).toEqual(['宿城区']);
  await places.filter({ hasText: /^宿城区$/ }).click();
  await p.keyboard.press('Escape'); // a no-op when choosing the leaf already closed the menu
}

const treeTitles = (p: Page) => p.locator('[data-testid="org-tree"] .ant-tree-title').allTextContents();

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  // An org of 江西 (上饶市总工会), found through its own cadre: out of 宿城区's scope.
  const cookie = await apiSignIn(product.baseUrl, 'shangrao');
  const roots = (await (await fetch(`${product.baseUrl}/api/v1/orgs`, { headers: { cookie } })).json()) as {
    items: Array<{ id: number; name: string }>;
  };
  jiangxiOrgId = roots.items.find((o) => o.name.includes('上饶'))!.id;
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('console, as the 宿城区 cadre', () => {
  it('signs in and sees the demo banner, one grant root and the 宿城区 subtree', async () => {
    await signInAt(page, 'sucheng', 'console-login');
    await expect.poll(() => page.locator('[data-testid="demo-banner"]').textContent(), WAIT).toContain('演示模式');

    const switcher = page.locator('[data-testid="org-switcher"]');
    await expect.poll(() => switcher.textContent(), WAIT).toContain('宿城区总工会');
    await switcher.click();
    const options = page.locator('.ant-select-item-option').filter({ visible: true });
    // Polled: the dropdown can re-render while it opens (seen once in CI as an empty read).
    await expect.poll(() => options.allTextContents(), WAIT).toEqual([expect.stringContaining('宿城区总工会')]);
    await page.keyboard.press('Escape');

    await expect.poll(async () => (await treeTitles(page))[0], WAIT).toContain('宿城区总工会');
    await expect.poll(() => treeTitles(page), WAIT).toContain('宿城区幸福街道总工会');
    const titles = await treeTitles(page);
    expect(titles).toEqual(expect.arrayContaining(['宿城区古城街道总工会', '宿城区耿车镇总工会']));
    // Nothing of another county, city or province shows up.
    expect(titles.join()).not.toMatch(/江西|上饶|淮安|沭阳|全国总工会/);
  });

  it('finds 幸福街道 by pinyin and opens its detail', async () => {
    const search = field(page, 'org-search');
    await search.fill('xingfu');
    await search.press('Enter');
    const hit = page.locator('[data-testid="org-search-results"] button', { hasText: '宿城区幸福街道总工会' });
    await hit.waitFor(WAIT);
    await hit.click();
    const detail = page.locator('[data-testid="org-detail"]');
    await expect.poll(() => detail.locator('.ant-card-head-title').textContent(), WAIT).toBe('宿城区幸福街道总工会');
    expect(await detail.textContent()).toContain('街道工会');
    xingfuId = Number(/\/admin\/orgs\/(\d+)$/.exec(page.url())?.[1]);
    expect(xingfuId).toBeGreaterThan(0);
    // Clearing the search brings the tree back, unfolded down to the open org.
    await search.fill('');
    await expect.poll(() => treeTitles(page), WAIT).toContain('宿城区幸福街道总工会');
  });

  it('rejects an empty name inline, in Chinese, then creates a child org that appears in the tree', async () => {
    await page.locator('[data-testid="org-create-button"]').click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent(), WAIT).toContain('宿城区幸福街道总工会');

    await page.locator('[data-testid="org-form-submit"]').click();
    const nameErrors = drawer
      .locator('.ant-form-item', {
        has: page.locator('input[data-testid="org-form-name"], [data-testid="org-form-name"] input'),
      })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => nameErrors.allTextContents(), WAIT).toEqual(['请输入组织名称']);

    await fillOrgForm(page, NEW_ORG);
    await page.locator('[data-testid="org-form-submit"]').click();

    await page.waitForURL(
      (url) => /\/admin\/orgs\/\d+$/.test(url.pathname) && url.pathname !== `/admin/orgs/${xingfuId}`,
      WAIT,
    );
    newOrgId = Number(/\/admin\/orgs\/(\d+)$/.exec(page.url())?.[1]);
    await expect
      .poll(() => page.locator('[data-testid="org-detail"] .ant-card-head-title').textContent(), WAIT)
      .toBe(NEW_ORG);
    await expect.poll(() => treeTitles(page), WAIT).toContain(NEW_ORG);
  });

  it("shows the server's duplicate-name refusal under the name field", async () => {
    await page.locator('[data-testid="org-tree"] .ant-tree-title', { hasText: /^宿城区幸福街道总工会$/ }).click();
    await expect
      .poll(() => page.locator('[data-testid="org-detail"] .ant-card-head-title').textContent(), WAIT)
      .toBe('宿城区幸福街道总工会');
    await page.locator('[data-testid="org-create-button"]').click();
    const drawer = page.getByRole('dialog');
    await fillOrgForm(page, NEW_ORG);
    await page.locator('[data-testid="org-form-submit"]').click();
    await expect
      .poll(() => drawer.locator('.ant-form-item-explain-error').allTextContents(), WAIT)
      .toContain('同一上级下已有同名组织');
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden', ...WAIT });
  });

  it("edits 幸福街道's type and region, but not those of its own grant root 宿城区", async () => {
    const drawer = page.getByRole('dialog');
    const typeSelect = page.locator('[data-testid="org-form-type"]');
    const regionItem = drawer.locator('.ant-form-item', { has: page.locator('[data-testid="org-form-region-text"]') });
    // 幸福街道 (the previous step left it open): its parent 宿城区 is the cadre's, so both can change.
    await page.locator('[data-testid="org-edit-button"]').click();
    await expect
      .poll(() => drawer.locator('.ant-drawer-title').textContent(), WAIT)
      .toBe('编辑「宿城区幸福街道总工会」');
    expect(await typeSelect.getAttribute('class')).not.toContain('ant-select-disabled');
    expect(await regionItem.getByRole('button', { name: /更\s*改/ }).count()).toBe(1);
    expect(await regionItem.locator('.ant-form-item-extra').count()).toBe(0);
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await drawer.waitFor({ state: 'hidden', ...WAIT });

    // 宿城区, the cadre's grant root: its parent (宿迁) is out of reach, and so are its type and region.
    await page.locator('[data-testid="org-tree"] .ant-tree-title', { hasText: /^宿迁市宿城区总工会$/ }).click();
    await expect
      .poll(() => page.locator('[data-testid="org-detail"] .ant-card-head-title').textContent(), WAIT)
      .toBe('宿迁市宿城区总工会');
    await page.locator('[data-testid="org-edit-button"]').click();
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent(), WAIT).toBe('编辑「宿迁市宿城区总工会」');
    expect(await typeSelect.getAttribute('class')).toContain('ant-select-disabled');
    expect(await regionItem.getByRole('button', { name: /更\s*改/ }).count()).toBe(0);
    expect(await regionItem.locator('.ant-form-item-extra').textContent()).toBe(
      '本级组织的类型和行政区划由上级组织管理',
    );
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await drawer.waitFor({ state: 'hidden', ...WAIT });
  });

  it('lists the creation in the audit log, by name and in words, in Chinese and English', async () => {
    await page.locator('.ant-menu-item', { hasText: '审计日志' }).click();
    const row = page
      .locator('[data-testid="audit-table"] tr', { hasText: '新建组织' })
      .filter({ hasText: `#${newOrgId}` });
    await row.first().waitFor(WAIT);
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-testid="audit-entity"]').textContent()).toBe(`组织 ${NEW_ORG} #${newOrgId}`);
    await row.locator('.ant-table-row-expand-icon').click();
    const details = page.locator('[data-testid="audit-details"]');
    await expect
      .poll(() => details.locator('tr').allTextContents(), WAIT)
      .toEqual([`名称${NEW_ORG}`, '类型企业工会', `上级组织宿城区幸福街道总工会 #${xingfuId}`]);
    await screenshot(page, 'console-audit');

    await page.locator('.ant-segmented-item', { hasText: 'English' }).click();
    try {
      await expect
        .poll(() => details.locator('tr').allTextContents(), WAIT)
        .toEqual([`Name${NEW_ORG}`, 'TypeEnterprise union', `Parent宿城区幸福街道总工会 #${xingfuId}`]);
      const enRow = page
        .locator('[data-testid="audit-table"] tr', { hasText: 'Org created' })
        .filter({ hasText: `#${newOrgId}` });
      expect(await enRow.locator('[data-testid="audit-entity"]').textContent()).toBe(`Org ${NEW_ORG} #${newOrgId}`);
      // The role in the org switcher comes in English too.
      expect(await page.locator('[data-testid="org-switcher"]').textContent()).toContain(
        '宿城区总工会 (Union administrator)',
      );
      await screenshot(page, 'console-audit-en');
    } finally {
      await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
    }
    await expect
      .poll(() => page.locator('[data-testid="org-switcher"]').textContent(), WAIT)
      .toContain('宿城区总工会（工会管理员）');

    // A mistyped date in a link is ignored, not shown as "Invalid Date".
    await page.goto(`${product.baseUrl}/admin/audit?from=bogus&to=2026-02-30`);
    await row.first().waitFor(WAIT);
    expect(await page.locator('body').textContent()).not.toContain('Invalid Date');
    expect(
      await page
        .locator('.ant-picker-range input')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['', '']);
  });

  it('gets 404 for an org of another province, from the API and in the console', async () => {
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/orgs/${id}`)).status, jiangxiOrgId);
    expect(status).toBe(404);
    await page.goto(`${product.baseUrl}/admin/orgs/${jiangxiOrgId}`);
    await expect.poll(() => page.locator('.ant-result-title').textContent(), WAIT).toContain('不在你的管理范围内');
    expect(await page.locator('body').textContent()).not.toContain('上饶');
  });

  it('shows the same not-found result for a malformed org id, without asking the server', async () => {
    const bads = ['abc', '0', '99999999999'];
    const orgRequests: string[] = [];
    const onRequest = (req: { url(): string }) =>
      void (
        bads.some((bad) => new URL(req.url()).pathname.startsWith(`/api/v1/orgs/${bad}`)) && orgRequests.push(req.url())
      );
    page.on('request', onRequest);
    for (const bad of bads) {
      await page.goto(`${product.baseUrl}/admin/orgs/${bad}`);
      await expect
        .poll(() => page.locator('.ant-result-title').textContent(), WAIT)
        .toBe('组织不存在，或不在你的管理范围内');
      expect(await page.locator('body').textContent()).not.toContain('重试');
    }
    page.off('request', onRequest);
    expect(orgRequests).toEqual([]);
  });

  it('looks right at 1366×800 (screenshot)', async () => {
    await page.goto(`${product.baseUrl}/admin/orgs/${xingfuId}`);
    await expect
      .poll(() => page.locator('[data-testid="org-detail"] .ant-card-head-title').textContent(), WAIT)
      .toBe('宿城区幸福街道总工会');
    // Opening an org unfolds the tree down to it; unfold 幸福街道 itself to show its unions.
    await page
      .locator('[data-testid="org-tree"] .ant-tree-treenode', { hasText: /^宿城区幸福街道总工会$/ })
      .locator('.ant-tree-switcher')
      .click();
    await expect.poll(() => treeTitles(page), WAIT).toContain(NEW_ORG);
    await page
      .locator('.ant-message-notice')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await screenshot(page, 'console-orgs', { publish: true });
  });
});

describe('console, as the national admin', () => {
  it('sees 全总 at the top of the tree and the provinces below it', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const p = await ctx.newPage();
      await signInAt(p, 'admin');
      await expect.poll(async () => (await treeTitles(p))[0], WAIT).toMatch(/中华全国总工会|全总/);
      await expect
        .poll(() => treeTitles(p), WAIT)
        .toEqual(expect.arrayContaining([expect.stringContaining('江苏'), expect.stringContaining('江西')]));
      await screenshot(p, 'console-national');
    } finally {
      await ctx.close();
    }
  });
});

describe('the jobs page', () => {
  /** Runs `steps` on a fresh page signed in as `username`. */
  async function asUser(username: string, steps: (p: Page) => Promise<void>): Promise<void> {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const p = await ctx.newPage();
      await signInAt(p, username);
      await p.locator('.ant-menu-item', { hasText: '后台任务' }).click();
      await p.waitForURL((url) => url.pathname === '/admin/jobs', WAIT);
      await steps(p);
    } finally {
      await ctx.close();
    }
  }

  it('shows the national admin the housekeeping run the start fired, with its result', async () => {
    await asUser('admin', async (p) => {
      const run = p.locator('[data-testid="jobs-table"] tr', { hasText: '系统例行清理' }).first();
      await expect.poll(() => run.locator('[data-testid="job-state"]').textContent(), WAIT).toBe('已完成');
      expect(await run.textContent()).toContain('全系统');
      expect(await run.locator('[data-testid="job-result"]').textContent()).toMatch(/^过期会话 \d+，登录失败记录 \d+/);
      expect(await run.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
      await screenshot(p, 'console-jobs', { publish: true });
    });
  });

  it("a county cadre (audit.read on 宿城区 only) does not see the deployment's own runs", async () => {
    // What he may see depends on the day: a demo transfer left unanswered past its deadline is
    // accepted by the sweep, and the notice run it starts is placed at a union in 宿城区.
    const cookie = await apiSignIn(product.baseUrl, 'sucheng');
    const listed = (await (await fetch(`${product.baseUrl}/api/v1/jobs`, { headers: { cookie } })).json()) as {
      items: { org_id: number | null }[];
    };
    expect(listed.items.filter((r) => r.org_id === null)).toEqual([]);
    await asUser('sucheng', async (p) => {
      const table = p.locator('[data-testid="jobs-table"]');
      if (listed.items.length === 0) await table.locator('.ant-empty').waitFor(WAIT);
      else await table.locator('[data-testid="job-name"]').first().waitFor(WAIT);
      expect(await table.locator('[data-testid="job-name"]').count()).toBe(listed.items.length);
      expect(await table.textContent()).not.toContain('系统例行清理');
      expect(await table.textContent()).not.toContain('全系统');
    });
  });
});

describe('console on narrow screens', () => {
  /** Signs the 宿城区 cadre in on a fresh page of the given size. */
  async function signedInAt(viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; p: Page }> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const p = await ctx.newPage();
    await signInAt(p, 'sucheng');
    return { ctx, p };
  }

  it('fits a phone (390×844): nothing wider than the screen, sign-out on it, the menu behind a button', async () => {
    const { ctx, p } = await signedInAt({ width: 390, height: 844 });
    try {
      await expect.poll(() => treeTitles(p), WAIT).toContain('宿城区幸福街道总工会');
      await screenshot(p, 'console-phone', { publish: true });
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      const logout = await p.locator('[data-testid="logout"]').boundingBox();
      expect(logout).not.toBeNull();
      expect(logout!.x).toBeGreaterThanOrEqual(0);
      expect(logout!.x + logout!.width).toBeLessThanOrEqual(390);

      // The menu opens from the header and takes the cadre to another section.
      await p.locator('[data-testid="menu-button"]').click();
      const menu = p.locator('[data-testid="menu-drawer"]');
      await menu.locator('.ant-menu-item', { hasText: '账号与授权' }).click();
      await p.waitForURL((url) => url.pathname === '/admin/accounts', WAIT);
      await menu.waitFor({ state: 'hidden', ...WAIT });
      await expect.poll(() => p.locator('.ant-card-head-title').first().textContent(), WAIT).toBe('账号与授权');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    } finally {
      await ctx.close();
    }
  });

  it("shows an org's whole name as the detail title on a tablet (768×1024), in Chinese and English", async () => {
    const { ctx, p } = await signedInAt({ width: 768, height: 1024 });
    try {
      // A long name beside four buttons (the cadre may also move and deactivate it).
      const name = '宿城区新就业形态劳动者入会周转库';
      await p.locator('[data-testid="org-tree"] .ant-tree-title', { hasText: new RegExp(`^${name}$`) }).click();
      const title = p.locator('[data-testid="org-detail"] .ant-card-head-title');
      await expect.poll(() => title.textContent(), WAIT).toBe(name);
      await expect.poll(() => p.locator('[data-testid="org-detail"] .ant-card-extra button').count(), WAIT).toBe(4);
      await screenshot(p, 'console-tablet');
      // The whole name is on screen, not cut to "宿城…".
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBe(768);

      // English buttons are wider: the name still shows whole.
      await p.locator('.ant-segmented-item', { hasText: 'English' }).click();
      await expect.poll(() => p.locator('[data-testid="org-status-button"]').textContent(), WAIT).toBe('Deactivate');
      await screenshot(p, 'console-tablet-en');
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBe(768);
    } finally {
      await ctx.close();
    }
  });
});
