/**
 * 集体诉求, 协办工会 and the 知识库 in the console: the five demo wage appeals against 宿迁恒达纺织
 * wait in 宿城区's dispatch queue; its dispatcher (`sucheng`) sees them as similar cases, groups
 * them under one collective case and adds a co-handling union; the 12351 agent (`sucheng_hotline`)
 * finds a knowledge-base answer while registering a call and closes the consultation on the spot.
 * Every expectation comes from what the API answers, never from ids known in advance.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  chooseOption,
  desktopContext,
  launchBrowser,
  screenshot,
  signInToConsole,
  startProduct,
  type Product,
} from './support';

const WAIT = { timeout: 20_000 };
const EMPLOYER = '宿迁恒达纺织有限公司';
const MERGE_REASON = '同一单位五名职工反映同一批欠薪，合并办理。';

interface ListItem {
  id: number;
  tracking_no: string;
  employer_name: string | null;
  parent_id: number | null;
  is_collective: boolean;
}
interface View extends ListItem {
  wage_claimed_fen: number | null;
  children: Array<{ id: number; tracking_no: string }>;
  co_handlers: Array<{ id: number; name: string }>;
  events: Array<{ action: string; reason: string | null }>;
}
interface Answer {
  id: number;
  title: string;
  body: string;
}

let product: Product;
let browser: Browser;
let appeals: ListItem[];
let parent: View;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function apiGet<T>(username: string, path: string): Promise<T> {
  const res = await fetch(`${product.baseUrl}/api/v1${path}`, {
    headers: { cookie: await apiSignIn(product.baseUrl, username) },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function consoleAs(
  username: string,
  path: string,
  width = 1366,
): Promise<{ context: BrowserContext; page: Page }> {
  const context =
    width === 1366
      ? await desktopContext(browser, 900)
      : await browser.newContext({ viewport: { width, height: 840 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInToConsole(page, product.baseUrl, username, path);
  return { context, page };
}

const drawer = (page: Page) => page.locator('[data-testid="case-drawer"]');
const yuan = (fen: number) =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

describe('集体诉求 and 协办工会 in the case drawer', () => {
  it('the dispatcher sees the appeals against one employer as similar cases', async () => {
    const page1 = await apiGet<{ items: ListItem[] }>(
      'sucheng',
      `/cases?queue=dispatch&q=${encodeURIComponent(EMPLOYER)}`,
    );
    appeals = page1.items.filter((c) => c.employer_name === EMPLOYER && c.parent_id === null && !c.is_collective);
    expect(appeals).toHaveLength(5);
    const [first, ...others] = appeals;

    const { page } = await consoleAs('sucheng', `/admin/cases/${first!.id}`);
    await drawer(page).waitFor(WAIT);
    const similar = page.locator('[data-testid="case-similar"]');
    await similar.locator('[data-testid="case-similar-item"]').first().waitFor(WAIT);
    // What the server calls similar is what the panel lists: the four other appeals among them.
    const served = await apiGet<{ items: ListItem[] }>('sucheng', `/cases/${first!.id}/similar`);
    const shown = await similar.locator('[data-testid="case-similar-no"]').allTextContents();
    expect(shown.sort()).toEqual(
      served.items
        .filter((c) => c.id !== first!.id)
        .map((c) => c.tracking_no)
        .sort(),
    );
    for (const c of others) expect(shown).toContain(c.tracking_no);
    expect(await similar.textContent()).toContain('同一单位');
    await screenshot(page, 'console-case-similar', { publish: true });

    // Only the four appeals stay ticked: any other similar case is unticked before merging.
    for (const box of await similar.locator('[data-testid="case-similar-item"]').all()) {
      const no = (await box.locator('[data-testid="case-similar-no"]').textContent()) ?? '';
      const ticked = await box.locator('input').isChecked();
      const wanted = others.some((c) => c.tracking_no === no);
      if (ticked !== wanted && (await box.locator('input').isEnabled())) await box.click();
    }
    await expect.poll(() => page.locator('[data-testid="case-similar-merge"]').textContent(), WAIT).toContain('5 件');
    await page.locator('[data-testid="case-similar-merge"]').click();
    await page.locator('[data-testid="case-similar-reason"]').fill(MERGE_REASON);
    await page.locator('[data-testid="case-similar-confirm"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/cases/${first!.id}`), WAIT);
    const parentId = Number(/\/cases\/(\d+)$/.exec(page.url())![1]);
    parent = await apiGet<View>('sucheng', `/cases/${parentId}`);
    expect(parent.is_collective).toBe(true);
    expect(parent.children.map((c) => c.id).sort()).toEqual(appeals.map((c) => c.id).sort());
    // The reason is the merge's, in the parent's timeline (and each child's, below).
    expect(parent.events.find((e) => e.action === 'merge')?.reason).toBe(MERGE_REASON);

    // The parent, as the drawer shows it: its five children and the wages they claim together.
    await expect
      .poll(() => page.locator('[data-testid="case-tracking-no"]').textContent(), WAIT)
      .toBe(parent.tracking_no);
    const children = (await page.locator('[data-testid="case-children"]').textContent()) ?? '';
    for (const c of appeals) expect(children).toContain(c.tracking_no);
    const sums = (await page.locator('[data-testid="case-collective-sums"]').textContent()) ?? '';
    expect(parent.wage_claimed_fen).toBeGreaterThan(0);
    expect(sums).toContain(yuan(parent.wage_claimed_fen!));
    await screenshot(page, 'console-case-collective', { publish: true });
  });

  it('each child shows its parent, and the list marks the collective case', async () => {
    const { page } = await consoleAs('sucheng', '/admin/cases');
    for (const c of appeals) {
      const child = await apiGet<View>('sucheng', `/cases/${c.id}`);
      expect(child.parent_id).toBe(parent.id);
      expect(child.events.find((e) => e.action === 'merge')?.reason).toBe(MERGE_REASON);
      await page.goto(`${product.baseUrl}/admin/cases/${c.id}`);
      await expect.poll(() => page.locator('[data-testid="case-tracking-no"]').textContent(), WAIT).toBe(c.tracking_no);
      await page.locator('[data-testid="case-parent-link"]').waitFor(WAIT);
      // A grouped case is no longer offered for grouping.
      expect(await page.locator('[data-testid="case-similar"]').count()).toBe(0);
    }
    await page.locator('[data-testid="case-parent-link"]').click();
    await expect
      .poll(() => page.locator('[data-testid="case-tracking-no"]').textContent(), WAIT)
      .toBe(parent.tracking_no);
    await page.goto(`${product.baseUrl}/admin/cases`);
    await page.locator('[data-testid="case-tab-all"]').click();
    await page.getByPlaceholder('工单编号 / 单位名称').fill(parent.tracking_no);
    await page.keyboard.press('Enter');
    const row = page.locator('tr', { hasText: parent.tracking_no });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('集体诉求');
  });

  it('the dispatcher adds a co-handling union and the drawer lists it', async () => {
    const { page } = await consoleAs('sucheng', `/admin/cases/${parent.id}`);
    await page.locator('[data-testid="case-co-add"]').click();
    await chooseOption(page, 'case-co-org', '幸福');
    await page.locator('[data-testid="case-co-save"]').click();
    await page.locator('[data-testid="case-co-handler"]').first().waitFor(WAIT);
    const after = await apiGet<View>('sucheng', `/cases/${parent.id}`);
    expect(after.co_handlers).toHaveLength(1);
    expect(await page.locator('[data-testid="case-co-handler"]').allTextContents()).toEqual([
      after.co_handlers[0]!.name,
    ]);
  });

  it('the drawer fits a 390 px screen', async () => {
    const { page } = await consoleAs('sucheng', `/admin/cases/${parent.id}`, 390);
    await page.locator('[data-testid="case-children"]').waitFor(WAIT);
    await page.locator('[data-testid="case-co-handlers"]').waitFor(WAIT);
    const overflow = await page.evaluate(() => {
      const body = document.querySelector('.ant-drawer-body')!;
      return { page: document.documentElement.scrollWidth, body: body.scrollWidth - body.clientWidth };
    });
    expect(overflow.page).toBeLessThanOrEqual(390);
    expect(overflow.body).toBeLessThanOrEqual(0);
    await screenshot(page, 'console-case-collective-narrow');
  });
});

describe('知识库', () => {
  it('the knowledge base page searches on the server and keeps an answer', async () => {
    const { page } = await consoleAs('sucheng_hotline', '/admin/case-answers');
    await page.locator('[data-testid="kb-search"] input').fill('工资');
    await page.keyboard.press('Enter');
    const served = await apiGet<{ items: Answer[] }>(
      'sucheng_hotline',
      `/cases/answers?q=${encodeURIComponent('工资')}`,
    );
    expect(served.items.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="kb-row-title"]').allTextContents(), WAIT)
      .toEqual(served.items.map((a) => a.title));

    // A new answer: an empty question is refused in Chinese, then saved and found.
    await page.locator('[data-testid="kb-new"]').click();
    await page.locator('[data-testid="kb-body"]').fill('拨打 12351 转法律援助。');
    await page.locator('[data-testid="kb-save"]').click();
    await page.getByText('请填写问题').waitFor(WAIT);
    await page.locator('[data-testid="kb-title"]').fill('夜班工资怎么算？');
    await page.locator('[data-testid="kb-keywords"]').fill('夜班 工资');
    await page.locator('[data-testid="kb-save"]').click();
    await page.locator('[data-testid="kb-form"]').waitFor({ state: 'detached', ...WAIT });
    const again = await apiGet<{ items: Answer[] }>(
      'sucheng_hotline',
      `/cases/answers?q=${encodeURIComponent('工资')}`,
    );
    expect(again.items.map((a) => a.title)).toContain('夜班工资怎么算？');
    await expect
      .poll(() => page.locator('[data-testid="kb-row-title"]').allTextContents(), WAIT)
      .toEqual(again.items.map((a) => a.title));
    await screenshot(page, 'console-case-answers', { publish: true });
  });

  it('the hotline agent finds an answer while typing and closes the consultation on the spot', async () => {
    const { page } = await consoleAs('sucheng_hotline', '/admin/case-intake');
    const kind = page.locator('[data-testid="intake-kind"] input');
    await kind.waitFor(WAIT);
    const started = Date.now();
    await expect.poll(() => kind.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await page.keyboard.type('咨询');
    await page.keyboard.press('Enter');
    // 诉求事项 follows the kind; until it has, the next Tab would skip a disabled field.
    await expect
      .poll(() => page.locator('[data-testid="intake-subject"]').textContent(), WAIT)
      .toContain('劳动法律政策');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('送外卖的骑手怎么加入工会？');
    // Before any search is typed, the panel suggests by the story: 骑手, 加入, 工会 find the answer on
    // joining first (the kind alone would list 「宿城区工会法律服务站…」 first, by title).
    await expect
      .poll(() => page.locator('[data-testid="intake-kb-item"]').first().textContent(), WAIT)
      .toContain('新就业形态劳动者如何入会？');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13951234569');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // 匿名
    // From 匿名, Tab walks 单位, 金额, 区域, 等级, 紧急 to the knowledge base's search.
    const search = page.locator('[data-testid="intake-kb-search"] input');
    for (let i = 0; i < 12; i++) {
      if (await search.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('入会');
    const served = await apiGet<{ items: Answer[] }>(
      'sucheng_hotline',
      `/cases/answers?q=${encodeURIComponent('入会')}`,
    );
    expect(served.items.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="intake-kb-item"]').first().textContent(), WAIT)
      .toContain(served.items[0]!.title);
    await page.keyboard.press('Enter');
    const answer = page.locator('[data-testid="intake-answer"]');
    await answer.waitFor(WAIT);
    expect(await answer.inputValue()).toBe(served.items[0]!.body);
    await expect.poll(() => answer.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await screenshot(page, 'console-intake-kb', { publish: true });
    await page.keyboard.press('Control+Enter');
    const result = page.locator('[data-testid="intake-result"]');
    await result.waitFor(WAIT);
    expect((Date.now() - started) / 1000).toBeLessThan(60);
    expect(await result.textContent()).toContain('工单已直接答复办结');
  });
});
