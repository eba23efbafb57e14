/**
 * 账号与授权 (/admin/accounts) in Chromium, as the 宿城区 cadre: the list shows the accounts of
 * its subtree only and searches by username; creating an account names a weak password inline
 * and creates nothing, a good one adds it in the org picked by a typed search and Enter; a grant beyond the cadre's own is refused inline, one
 * within it is added and removed; a street admin's TOTP (enrolled through the API) is reset with
 * an audited reason; the new account is disabled.
 */
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, DEMO_PASSWORD, field, launchBrowser, screenshot, startProduct, type Product } from './support';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../common/csrf';

const VIEWPORT = { width: 1366, height: 800 };
const WAIT = { timeout: 15_000 };
const NEW_USERNAME = 'sc_wangfang';
const NEW_NAME = '王芳';
const WEAK_PASSWORD = 'wangfang2026'; // letters and digits only: two classes of the three mlps3 asks for
const GOOD_PASSWORD = 'Gh#Spring-2026';
const XINGFU_NAME = '幸福街道总工会管理员';
const XINGFU_ORG = '宿城区幸福街道总工会';
const TOTP_REASON = '本人手机丢失，已电话核实';

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let xingfuCookie: string;
let xingfuId: number;

const api = (path: string, cookie: string, init: RequestInit = {}) =>
  fetch(`${product.baseUrl}/api/v1${path}`, {
    ...init,
    headers: {
      cookie,
      [CLIENT_HEADER]: CLIENT_HEADER_VALUE,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });

const rows = (p: Page) => p.locator('[data-testid="accounts-table"] tbody tr.ant-table-row');
const usernames = (p: Page) => rows(p).locator('td:first-child').allTextContents();
const rowOf = (p: Page, username: string) =>
  rows(p).filter({ has: p.locator('td:first-child', { hasText: new RegExp(`^${username}$`) }) });
const drawer = (p: Page) => p.locator('[data-testid="account-drawer"]');
const openModal = (p: Page) => p.locator('.ant-modal').filter({ visible: true });
const visibleOptions = (p: Page) => p.locator('.ant-select-item-option').filter({ visible: true });
const messages = (p: Page) => p.locator('.ant-message-notice').allTextContents();
/** The error texts shown under the form item holding the control that carries `data-testid`. */
const errorsUnder = (scope: Locator, testId: string) =>
  scope
    .locator('.ant-form-item', { has: scope.page().locator(`[data-testid="${testId}"]`) })
    .locator('.ant-form-item-explain-error')
    .allTextContents();

/** Waits for an antd dialog's zoom-in to end (rc-motion's appear/enter classes drop off). */
async function settled(dialog: Locator): Promise<void> {
  await expect.poll(() => dialog.getAttribute('class'), WAIT).not.toMatch(/-(appear|enter)\b/);
}

async function search(p: Page, q: string): Promise<void> {
  const box = field(p, 'account-search');
  await box.fill(q);
  await box.press('Enter');
}

/** Opens an account's drawer from its username in the list. */
async function openAccount(p: Page, username: string, displayName: string): Promise<void> {
  await rowOf(p, username).locator('td:first-child button').click();
  await expect.poll(() => drawer(p).locator('.ant-drawer-title').textContent(), WAIT).toBe(displayName);
}

async function closeDrawer(p: Page): Promise<void> {
  await drawer(p).locator('.ant-drawer-close').click();
  await drawer(p).waitFor({ state: 'detached', ...WAIT });
}

/** What the drawer's 账号安全 row shows: the TOTP state tag, and the password tag when due. */
const securityTags = (p: Page) =>
  drawer(p).locator('.ant-descriptions-row', { hasText: '账号安全' }).locator('.ant-tag').allTextContents();
const statusTag = (p: Page) =>
  drawer(p).locator('.ant-descriptions-row', { hasText: '状态' }).locator('.ant-tag').textContent();
const grantRows = (p: Page) => drawer(p).locator('[data-testid="account-grants"] .ant-table-tbody tr.ant-table-row');

async function waitForMessagesGone(p: Page): Promise<void> {
  await p
    .locator('.ant-message-notice')
    .last()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('账号与授权, as the 宿城区 cadre', () => {
  it('lists the accounts of the 宿城区 subtree only, and finds one by username', async () => {
    await page.goto(`${product.baseUrl}/admin/`);
    await field(page, 'login-username').fill('sucheng');
    await field(page, 'login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="org-tree"]').waitFor(WAIT);

    await page.locator('.ant-menu-item', { hasText: '账号与授权' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/accounts', WAIT);
    await expect.poll(() => page.locator('.ant-card-head-title').first().textContent(), WAIT).toBe('账号与授权');
    await expect
      .poll(() => usernames(page), WAIT)
      .toEqual(expect.arrayContaining(['sucheng', 'sucheng_case', 'xingfu', 'xingfu_keeper', 'hengda', 'meituan_sc']));
    const all = await usernames(page);
    // Nothing above 宿城区 (宿迁, 江苏, 全总) or of another province (上饶, 信州).
    for (const outside of ['suqian', 'suqian_reviewer', 'jiangsu', 'admin', 'shangrao', 'xinzhou'])
      expect(all).not.toContain(outside);
    expect(await rowOf(page, 'xingfu').textContent()).toContain(XINGFU_ORG);

    await search(page, 'xingfu');
    await expect.poll(() => usernames(page), WAIT).toEqual(['xingfu', 'xingfu_keeper']);
    await search(page, 'shangrao');
    await expect
      .poll(() => page.locator('[data-testid="accounts-table"] .ant-table-placeholder').textContent(), WAIT)
      .toContain('暂无数据');
    await search(page, '');
    await expect.poll(() => usernames(page), WAIT).toEqual(all);
  });

  it('names a weak password inline and creates nothing, then creates the account with a good one', async () => {
    const posts: string[] = [];
    const onRequest = (req: Request) =>
      void (req.method() === 'POST' && new URL(req.url()).pathname === '/api/v1/accounts' && posts.push(req.url()));
    page.on('request', onRequest);
    try {
      await page.locator('[data-testid="account-create-button"]').click();
      const modal = openModal(page);
      await expect.poll(() => modal.locator('.ant-modal-title').textContent(), WAIT).toBe('新建账号');
      await settled(modal);
      // The org defaults to the cadre's own.
      const orgSelect = modal.locator('.ant-form-item', { hasText: '所属组织' }).locator('.ant-select');
      await expect.poll(() => orgSelect.textContent(), WAIT).toContain('宿城区总工会');
      // A typed search offers its hits alone, the default not kept on top: Enter picks the first hit.
      await orgSelect.click();
      await page.keyboard.type('幸福街道总');
      await expect
        .poll(async () => (await visibleOptions(page).allTextContents())[0], WAIT)
        .toMatch(new RegExp(`^${XINGFU_ORG}(（|$)`));
      expect(
        (await visibleOptions(page).allTextContents()).filter((text) => text.includes('宿迁市宿城区总工会')),
      ).toEqual([]);
      expect(await page.locator('.ant-select-item-option-active').filter({ visible: true }).textContent()).toMatch(
        new RegExp(`^${XINGFU_ORG}(（|$)`),
      );
      await page.keyboard.press('Enter');
      await expect.poll(() => orgSelect.textContent(), WAIT).toContain(XINGFU_ORG);
      await field(page, 'account-form-username').fill(NEW_USERNAME);
      await field(page, 'account-form-display-name').fill(NEW_NAME);
      const password = field(page, 'account-form-password');
      await password.fill(WEAK_PASSWORD);
      await modal.getByRole('button', { name: /^创\s*建$/ }).click();
      await expect
        .poll(() => errorsUnder(modal, 'account-form-password'), WAIT)
        .toEqual(['密码需包含大写字母、小写字母、数字、符号中的至少 3 类']);
      expect(await modal.isVisible()).toBe(true);
      expect(posts).toEqual([]);
      expect(await usernames(page)).not.toContain(NEW_USERNAME);

      await password.fill(GOOD_PASSWORD);
      await expect.poll(() => errorsUnder(modal, 'account-form-password'), WAIT).toEqual([]);
      await modal.getByRole('button', { name: /^创\s*建$/ }).click();
      await modal.waitFor({ state: 'hidden', ...WAIT });
      expect(posts).toHaveLength(1);
    } finally {
      page.off('request', onRequest);
    }
    // The new account opens in the drawer and joins the list.
    await expect.poll(() => drawer(page).locator('.ant-drawer-title').textContent(), WAIT).toBe(NEW_NAME);
    await expect.poll(() => statusTag(page), WAIT).toBe('正常');
    expect(await securityTags(page)).toEqual(['动态口令：未绑定', '下次登录须改密码']);
    await expect.poll(() => usernames(page), WAIT).toContain(NEW_USERNAME);
    expect(await rowOf(page, NEW_USERNAME).textContent()).toContain(XINGFU_ORG);
  });

  it('offers only the roles the cadre could give, grants 查看员 on 幸福街道 and removes it again', async () => {
    const grants = drawer(page).locator('[data-testid="account-grants"]');
    await expect.poll(() => grants.locator('.ant-table-placeholder').textContent(), WAIT).toContain('暂无授权');

    const orgSelect = drawer(page).locator('[data-testid="grant-org"]');
    await orgSelect.click();
    await page.keyboard.type('幸福街道总工会');
    const xingfuOption = visibleOptions(page).filter({ hasText: new RegExp(`^${XINGFU_ORG}(（|$)`) });
    await expect.poll(() => xingfuOption.count(), WAIT).toBe(1);
    await xingfuOption.click();
    await expect.poll(() => orgSelect.textContent(), WAIT).toContain(XINGFU_ORG);

    // The role list offers only what the cadre could give: not 全总管理员, nor 评审专家 (an org
    // admin does not hold programmes.review). The server refuses the others anyway (API tests).
    const roleSelect = drawer(page).locator('[data-testid="grant-role"]');
    await roleSelect.click();
    await expect
      .poll(() => visibleOptions(page).allTextContents(), WAIT)
      .toEqual(['工会管理员', '诉求办理员', '12351坐席', '驿站站长', '查看员']);
    await page.keyboard.press('Escape');
    expect(await grants.locator('.ant-table-placeholder').textContent()).toContain('暂无授权');

    await roleSelect.click();
    const viewer = visibleOptions(page).filter({ hasText: /^查看员$/ });
    await expect.poll(() => viewer.count(), WAIT).toBe(1);
    await viewer.click();
    await expect.poll(() => errorsUnder(grants, 'grant-role'), WAIT).toEqual([]);
    await drawer(page).locator('[data-testid="grant-add"]').click();
    await expect.poll(() => messages(page), WAIT).toContain('已添加授权');
    await expect
      .poll(() => grantRows(page).allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(new RegExp(`^${XINGFU_ORG}\\s+查看员`))]);
    await expect.poll(() => rowOf(page, NEW_USERNAME).locator('td').nth(6).textContent(), WAIT).toBe('1');

    await grantRows(page).first().getByRole('button', { name: '移除' }).click();
    const confirm = page.locator('.ant-popconfirm').filter({ visible: true });
    await expect.poll(() => confirm.textContent(), WAIT).toContain(`移除在「${XINGFU_ORG}」的「查看员」角色。`);
    await confirm.getByRole('button', { name: /^移\s*除$/ }).click();
    await expect.poll(() => messages(page), WAIT).toContain('已移除授权');
    await expect.poll(() => grants.locator('.ant-table-placeholder').textContent(), WAIT).toContain('暂无授权');
    await expect.poll(() => rowOf(page, NEW_USERNAME).locator('td').nth(6).textContent(), WAIT).toBe('0');
    await closeDrawer(page);
  });

  it("resets the TOTP of 幸福街道's admin, with a required reason that lands in the audit log", async () => {
    // Outside the browser: xingfu binds a TOTP factor, as with an authenticator app.
    xingfuCookie = await apiSignIn(product.baseUrl, 'xingfu');
    xingfuId = ((await (await api('/me', xingfuCookie)).json()) as { id: number }).id;
    const setup = await api('/auth/totp/setup', xingfuCookie, { method: 'POST' });
    expect(setup.status).toBe(200);
    const { secret } = (await setup.json()) as { secret: string };
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const confirmed = await api('/auth/totp/confirm', xingfuCookie, { method: 'POST', body: JSON.stringify({ code }) });
    expect(confirmed.status).toBe(204);

    await search(page, 'xingfu');
    await expect.poll(() => usernames(page), WAIT).toEqual(['xingfu', 'xingfu_keeper']);
    await expect.poll(() => rowOf(page, 'xingfu').locator('td').nth(4).textContent(), WAIT).toBe('已绑定');
    await openAccount(page, 'xingfu', XINGFU_NAME);
    await expect.poll(() => securityTags(page), WAIT).toEqual(['动态口令：已绑定']);

    await drawer(page).locator('[data-testid="account-reset-totp"]').click();
    const modal = openModal(page);
    await expect
      .poll(() => modal.locator('.ant-modal-title').textContent(), WAIT)
      .toBe(`重置「${XINGFU_NAME}」的动态口令`);
    await settled(modal);
    expect(await modal.locator('.ant-alert').textContent()).toContain('用于手机丢失或更换');
    const reason = page.locator('[data-testid="reset-totp-reason"]');
    await page.locator('[data-testid="reset-totp-submit"]').click();
    await expect.poll(() => errorsUnder(modal, 'reset-totp-reason'), WAIT).toEqual(['请填写原因，至少 2 个字']);
    expect(await securityTags(page)).toEqual(['动态口令：已绑定']);

    await reason.fill(TOTP_REASON);
    await page.locator('[data-testid="reset-totp-submit"]').click();
    await expect.poll(() => messages(page), WAIT).toContain('动态口令已重置');
    await modal.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => securityTags(page), WAIT).toEqual(['动态口令：未绑定']);
    expect(await drawer(page).locator('[data-testid="account-reset-totp"]').count()).toBe(0);
    await expect.poll(() => rowOf(page, 'xingfu').locator('td').nth(4).textContent(), WAIT).toBe('未绑定');

    // xingfu's sessions ended with the reset.
    expect((await api('/me', xingfuCookie)).status).toBe(401);
    // The national admin finds the reset, with its reason, in the audit log.
    const admin = await apiSignIn(product.baseUrl, 'admin');
    await expect
      .poll(async () => {
        const res = await api(`/audit?action=account.totp_reset&entity_type=account&entity_id=${xingfuId}`, admin);
        return ((await res.json()) as { items: unknown[] }).items;
      }, WAIT)
      .toEqual([
        expect.objectContaining({
          action: 'account.totp_reset',
          entity_id: String(xingfuId),
          reason: TOTP_REASON,
          actor_label: '宿城区总工会管理员(sucheng)',
        }),
      ]);
    await closeDrawer(page);
  });

  it('disables the new account after a confirmation, and its status changes in the drawer and the list', async () => {
    await search(page, NEW_USERNAME);
    await expect.poll(() => usernames(page), WAIT).toEqual([NEW_USERNAME]);
    await openAccount(page, NEW_USERNAME, NEW_NAME);
    await expect.poll(() => statusTag(page), WAIT).toBe('正常');

    await drawer(page).locator('[data-testid="account-toggle-status"]').click();
    const confirm = page.locator('.ant-modal-confirm').filter({ visible: true });
    await expect
      .poll(() => confirm.locator('.ant-modal-confirm-title').textContent(), WAIT)
      .toBe(`停用「${NEW_NAME}」的账号？`);
    await settled(confirm);
    expect(await confirm.textContent()).toContain('停用后该账号立即退出所有登录，且无法再登录。');
    await confirm.getByRole('button', { name: /^停\s*用$/ }).click();
    await expect.poll(() => messages(page), WAIT).toContain('已保存');
    await expect.poll(() => statusTag(page), WAIT).toBe('已停用');
    expect(await drawer(page).locator('[data-testid="account-toggle-status"]').textContent()).toMatch(/^启\s*用$/);
    await expect.poll(() => rowOf(page, NEW_USERNAME).locator('td').nth(3).textContent(), WAIT).toBe('已停用');

    // A disabled account cannot sign in.
    const res = await fetch(`${product.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: NEW_USERNAME, password: GOOD_PASSWORD }),
    });
    expect(res.status).toBe(401);
    await closeDrawer(page);
  });

  it("offers none of what the server refuses on the cadre's own account: no 停用, resets or grant changes", async () => {
    await search(page, 'sucheng');
    await expect.poll(() => usernames(page), WAIT).toContain('sucheng');
    await openAccount(page, 'sucheng', '宿城区总工会管理员');
    await expect.poll(() => grantRows(page).count(), WAIT).toBe(1);
    // Says why, and where to change one's own password instead.
    await expect
      .poll(() => drawer(page).locator('[data-testid="account-self"]').textContent(), WAIT)
      .toContain('修改密码');
    const offered = await drawer(page).locator('button').allInnerTexts();
    for (const refused of [/^停\s*用$/, /^重置密码$/, /^重置动态口令$/, /^添加授权$/])
      expect(offered.filter((text) => refused.test(text.trim()))).toEqual([]);
    expect(await grantRows(page).getByRole('button', { name: '移除' }).count()).toBe(0);
    expect(await drawer(page).locator('[data-testid="grant-add"]').count()).toBe(0);
    // 修改密码 asks for the current password (POST /auth/password), unlike an administrator's reset.
    await drawer(page).locator('[data-testid="account-self"]').getByRole('button', { name: '修改密码' }).click();
    const modal = page.locator('[data-testid="change-password-modal"]');
    await expect.poll(() => modal.locator('.ant-modal-title').textContent(), WAIT).toBe('修改密码');
    await settled(openModal(page));
    expect(await modal.locator('[data-testid="current-password"]').count()).toBe(1);
    await openModal(page)
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await openModal(page).waitFor({ state: 'hidden', ...WAIT });
    await closeDrawer(page);
  });

  it('looks right at 1366×800 (screenshots of the list and the drawer)', async () => {
    await search(page, '');
    await expect.poll(() => usernames(page), WAIT).toEqual(expect.arrayContaining(['sucheng', 'xingfu', NEW_USERNAME]));
    await waitForMessagesGone(page);
    await screenshot(page, 'console-accounts');

    await openAccount(page, 'xingfu', XINGFU_NAME);
    await expect
      .poll(() => grantRows(page).allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(new RegExp(`^${XINGFU_ORG}\\s+工会管理员`))]);
    await screenshot(page, 'console-account-drawer', { publish: true });
  });
});

describe('账号与授权, as a 宿城区 viewer', () => {
  it('answers /admin/accounts typed by hand with 「无权访问」 and offers no 新建账号', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const p = await ctx.newPage();
      await p.goto(`${product.baseUrl}/admin/`);
      await field(p, 'login-username').fill('sucheng_viewer');
      await field(p, 'login-password').fill(DEMO_PASSWORD);
      await p.locator('[data-testid="login-submit"]').click();
      await p.locator('[data-testid="org-tree"]').waitFor(WAIT);
      expect(await p.locator('.ant-menu-item').allInnerTexts()).not.toContain('账号与授权');

      await p.goto(`${product.baseUrl}/admin/accounts`);
      const noAccess = p.locator('[data-testid="no-access"]');
      await expect.poll(() => noAccess.locator('.ant-result-title').textContent(), WAIT).toBe('无权访问');
      expect(await noAccess.locator('.ant-result-subtitle').textContent()).toContain('账号与授权');
      expect(await p.locator('[data-testid="account-create-button"]').count()).toBe(0);
      expect(await p.locator('[data-testid="accounts-table"]').count()).toBe(0);
      await screenshot(p, 'console-no-access');
    } finally {
      await ctx.close();
    }
  });
});
