/**
 * A roster import in the console (issue 7 item 6): the 宿城区 cadre opens 会员管理 → 批量导入,
 * downloads the template, keeps 宿城区总工会 as the union, uploads a small file with some bad rows,
 * watches the progress bar, and downloads the error report, whose last column says what is wrong.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIdNumber } from '../common/id-number';
import { DEMO_PASSWORD, field, launchBrowser, screenshot, startProduct, type Product } from './support';

const WAIT = { timeout: 20_000 };
let product: Product;
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'gonghui-e2e-import-'));

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 820 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** Seven people, three of them wrong: a bad check character, no occupation, an impossible date. */
async function rosterFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员花名册');
  ws.addRow(['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期']);
  const id = (n: number) => testIdNumber(`1990-0${(n % 9) + 1}-1${n}`, 600 + n, '990502');
  ws.addRow(['卫一', id(1), '13900000601', '快递员', '顺丰', '', '', '2024-03-01']);
  ws.addRow(['卫二', id(2), '', '网约车驾驶员', '滴滴', '', '', 45352]);
  ws.addRow(['卫三', id(3).slice(0, 17) + (id(3).endsWith('1') ? '2' : '1'), '', '快递员', '', '', '', '']);
  ws.addRow(['卫四', id(4), '', '', '', '', '', '']);
  ws.addRow(['卫五', id(5), '', '货车司机', '', '', '', '2024/2/30']);
  ws.addRow(['卫六', id(6), '', '护工', '', '', '', '']);
  ws.addRow(['卫七', id(7), '', '家政服务员', '', '', '', '']);
  const path = join(dir, '宿城区花名册.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

async function readReport(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(Array.from((row.values as ExcelJS.CellValue[]).slice(1), (v) => (v == null ? '' : String(v)))),
  );
  return rows;
}

describe('批量导入会员', () => {
  it('uploads a roster with bad rows, shows the progress and the counts, and gives the error report', async () => {
    await page.goto(`${product.baseUrl}/admin/`);
    await field(page, 'login-username').fill('sucheng');
    await field(page, 'login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="org-tree"]').waitFor(WAIT);
    await page.goto(`${product.baseUrl}/admin/members`);
    await page.locator('[data-testid="import-open"]').click(WAIT);

    const template = page.waitForEvent('download', WAIT);
    await page.locator('[data-testid="import-template"]').click();
    expect((await template).suggestedFilename()).toBe('会员花名册-导入模板.xlsx');
    await page.getByRole('button', { name: '下一步' }).click();
    // The union starts as the one the cadre works under.
    await expect.poll(() => page.locator('[data-testid="import-step"]').textContent(), WAIT).toContain('宿城区总工会');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(await rosterFile());
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.locator('[data-testid="import-progress"]').waitFor(WAIT);

    const summary = page.locator('[data-testid="import-summary"]');
    await summary.waitFor(WAIT);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('导入完成');
    expect(text).toMatch(/数据行7/);
    expect(text).toMatch(/已导入4/);
    expect(text).toMatch(/有误3/);
    await screenshot(page, 'console-import', { publish: true });

    const report = page.waitForEvent('download', WAIT);
    await page.locator('[data-testid="import-errors"]').click();
    const saved = join(dir, 'report.xlsx');
    await (await report).saveAs(saved);
    const rows = await readReport(saved);
    expect(rows[0]).toEqual([
      '行号',
      '姓名',
      '身份证号',
      '手机号',
      '职业',
      '平台',
      '工作单位',
      '所在工会',
      '入会日期',
      '错误原因',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['4', '卫三'],
      ['5', '卫四'],
      ['6', '卫五'],
    ]);
    expect(rows[1]![9]).toContain('身份证号');
    expect(rows[2]![9]).toContain('职业');
    expect(rows[3]![9]).toContain('入会日期');
    expect(readFileSync(saved).length).toBeGreaterThan(0);

    // The members written are in the list at once.
    await page.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.locator('[data-testid="members-table"]').textContent(), WAIT).toContain('卫*');
  });
});
