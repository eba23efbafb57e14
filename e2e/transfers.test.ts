/**
 * 会籍接转 in Chromium: on the demo's first start the auto-accept job takes the overdue transfer;
 * the 宿城区 cadre sees the incoming queue with due dates and working days left, accepts one (the
 * member moves into 宿城), and finds it among the accepted. On the H5 a demo member asks to move to
 * a union found by name, sees the due date, and withdraws it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const WAIT = { timeout: 15_000 };
const DEMO_CARD_PHONE = '13900001234'; // server/features/cards/seed.ts: 李师傅 of 饿了么宿城配送站点工会
/** The first 青岛 ride-hailing driver of the demo (server/features/members/seed.ts, member 198). */
const QINGDAO_PHONE = '18753567962';

interface Transfer {
  id: number;
  state: string;
  auto_accepted: boolean;
  member_id: number;
  from_org: { name: string };
  to_org: { id: number; name: string };
}

let product: Product;
let browser: Browser;
let page: Page;
let cookie: string;

const transfers = async (query: string): Promise<Transfer[]> =>
  (
    (await (await fetch(`${product.baseUrl}/api/v1/transfers?${query}`, { headers: { cookie } })).json()) as {
      items: Transfer[];
    }
  ).items;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  cookie = await apiSignIn(product.baseUrl, 'sucheng');
  const context = await desktopContext(browser, 760);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('会籍接转 in the console', () => {
  it('finds the overdue demo transfer accepted automatically by the job on start', async () => {
    await expect
      .poll(async () => (await transfers('state=accepted')).filter((x) => x.auto_accepted).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const auto = (await transfers('state=accepted')).find((x) => x.auto_accepted)!;
    expect(auto.to_org.name).toBe('阅湖社区沿街商户联合工会');
  });

  it('shows the incoming queue and accepts a transfer: the member moves into 宿城', async () => {
    const incoming = await transfers('direction=incoming&state=pending');
    expect(incoming.map((x) => x.from_org.name).sort()).toEqual([
      '合肥柏堰精工汽车部件有限公司工会',
      '青岛市网约车行业工会联合会',
    ]);
    const fromQingdao = incoming.find((x) => x.from_org.name.includes('青岛'))!;

    await signInToConsole(page, product.baseUrl, 'sucheng', '/admin/transfers');
    const rows = page.locator('[data-testid="transfers-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await expect.poll(() => page.locator('[data-testid="transfer-days-left"]').count(), WAIT).toBe(2);
    await screenshot(page, 'console-transfers', { publish: true });

    await page.locator(`[data-testid="transfer-accept-${fromQingdao.id}"]`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);

    await page.locator('[data-testid="transfer-state"]').getByText('已接收').click();
    await expect
      .poll(() => page.locator('[data-testid="transfers-table"] tbody').textContent(), WAIT)
      .toContain('青岛市网约车行业工会联合会');
    const member = (await (
      await fetch(`${product.baseUrl}/api/v1/members/${fromQingdao.member_id}`, { headers: { cookie } })
    ).json()) as { org_id: number; status: string; transfers: Array<{ state: string }> };
    expect(member).toMatchObject({ org_id: fromQingdao.to_org.id, status: 'active' });
    expect(member.transfers[0]!.state).toBe('accepted');

    // The profile in 会员管理 shows the history (found by the seeded phone through the blind index).
    await page.goto(`${product.baseUrl}/admin/members`);
    const search = field(page, 'member-search');
    await search.fill(QINGDAO_PHONE);
    await search.press('Enter');
    await page.locator('[data-testid="members-table"] tbody tr.ant-table-row button').first().click();
    const history = page.locator('[data-testid="member-transfers"]');
    await expect
      .poll(() => history.textContent(), WAIT)
      .toContain('青岛市网约车行业工会联合会 → 美团外卖宿城配送站点工会');
    expect(await history.textContent()).toContain('已接收');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-member-transfers');
  });
});

describe('会籍转移 on the H5', () => {
  it('asks to move to a union found by name, shows the due date, and withdraws it', async () => {
    const context = await phoneContext(browser);
    const h5 = await context.newPage();
    await signInOnH5(h5, product.baseUrl, DEMO_CARD_PHONE);
    await h5.locator('[data-testid="m-transfers-link"]').tap(WAIT);
    await h5.waitForURL(/\/m\/transfers$/, WAIT);

    const search = field(h5, 'm-transfer-search');
    await search.fill('美团外卖');
    await search.press('Enter');
    await h5.getByText('美团外卖宿城配送站点工会').tap(WAIT);
    expect(await field(h5, 'm-transfer-code').inputValue()).toMatch(/^[2-9A-Z]{6,8}$/);
    await h5.locator('[data-testid="m-transfer-reason"] textarea').fill('到美团站点跑单');
    await screenshot(h5, 'h5-transfers-form');
    await h5.locator('[data-testid="m-transfer-submit"]').tap();
    const due = h5.locator('[data-testid="m-transfer-due"]');
    await expect.poll(() => due.textContent(), WAIT).toMatch(/^\d{4}-\d{2}-\d{2}（剩余 10 个工作日）$/);
    await h5
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(h5, 'h5-transfers', { publish: true });

    await h5.locator('[data-testid="m-transfer-cancel"]').tap();
    await h5.locator('.adm-dialog-button').filter({ hasText: '撤回' }).tap();
    await field(h5, 'm-transfer-code').waitFor(WAIT);
    await expect.poll(() => h5.locator('[data-testid="m-transfers"]').textContent(), WAIT).toContain('已撤回');
    await context.close();
  });
});
