import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { ImportColumn } from '../../http/import-kind';
import { attachmentHeader, writeTemplate, writeXlsxStream } from './export';
import { buildXlsx, buildZipBomb, scratchDir } from './imports.factories';
import { parseSheetDate, readSheetRows, SheetRefused, type SheetRow } from './read-rows';
import { checkXlsxFile, countSheetRows } from './xlsx-guard';

const COLUMNS: ImportColumn[] = [
  { header: '姓名', key: 'name', required: true, example: '张三', help: '' },
  { header: '身份证号', key: 'id_number', required: true, example: '110101199003071234', help: '' },
  { header: '入会日期', key: 'joined_on', required: false, example: '2024-03-01', help: '' },
];
const HEADERS = ['姓名', '身份证号', '入会日期'];
const dir = scratchDir();

async function readAll(path: string, maxRows = 1000): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readSheetRows(path, COLUMNS, { maxRows })) out.push(r);
  return out;
}

describe('the xlsx guard (before parsing)', () => {
  it('refuses a 0-byte file, a CSV renamed .xlsx and a zip bomb, each with its message', async () => {
    const empty = join(dir, 'empty.xlsx');
    writeFileSync(empty, '');
    expect(await checkXlsxFile(empty)).toEqual({ ok: false, message: expect.stringContaining('0 字节') });
    const csv = join(dir, 'renamed.xlsx');
    writeFileSync(csv, '姓名,身份证号\n张三,110101199003071234\n');
    expect(await checkXlsxFile(csv)).toEqual({ ok: false, message: expect.stringContaining('不是 Excel') });
    const bomb = buildZipBomb(join(dir, 'bomb.xlsx'));
    expect(await checkXlsxFile(bomb)).toEqual({ ok: false, message: expect.stringContaining('压缩炸弹') });
    const good = await buildXlsx(join(dir, 'good.xlsx'), [HEADERS, ['张三', '1', '']]);
    expect(await checkXlsxFile(good)).toEqual({ ok: true });
  });
});

describe('reading rows as a stream', () => {
  it('refuses wrong headers naming the expected ones', async () => {
    const p = await buildXlsx(join(dir, 'headers.xlsx'), [
      ['名字', '证件'],
      ['张三', '1'],
    ]);
    await expect(readAll(p)).rejects.toThrow(SheetRefused);
    await expect(readAll(p)).rejects.toThrow(/表头应为：姓名、身份证号、入会日期/);
  });

  it('normalises dates (text, serial, Date), 15-digit IDs, full-width digits and formulas; skips blank rows', async () => {
    const p = await buildXlsx(join(dir, 'cells.xlsx'), [
      HEADERS,
      ['张三', '１１０１０１１９９００３０７１２３４', '2024-03-01'],
      [null, null, null],
      ['李四', 110101900307123, 45352],
      ['王五', { formula: '"11010119900307"&"1234"', result: '110101199003071234' }, new Date(Date.UTC(2023, 0, 5))],
      ['', '', ''],
    ]);
    const rows = await readAll(p);
    // The count from the sheet's XML leaves out the header and the blank row; the row of empty
    // strings is counted (an upper bound: it is never less than what the reader yields).
    expect(await countSheetRows(p)).toBe(4);
    expect(rows.map((r) => r.raw)).toEqual([
      { name: '张三', id_number: '110101199003071234', joined_on: '2024-03-01' },
      { name: '李四', id_number: '110101900307123', joined_on: '45352' },
      { name: '王五', id_number: '110101199003071234', joined_on: '2023-01-05' },
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
  });

  it('reads dates typed as text or as Excel serial numbers', () => {
    expect(parseSheetDate('45352')).toBe('2024-03-01');
    expect(parseSheetDate('2024/3/1')).toBe('2024-03-01');
    expect(parseSheetDate('2024年3月1日')).toBe('2024-03-01');
    expect(parseSheetDate('20240301')).toBe('2024-03-01');
    expect(parseSheetDate('2023-02-30')).toBeNull();
    expect(parseSheetDate('明天')).toBeNull();
  });

  it('reads a merged cell as blank below its first row, so the row is reported, not guessed', async () => {
    const p = await buildXlsx(join(dir, 'merged.xlsx'), [HEADERS, ['张三', '1', ''], ['', '2', '']], ['A2:A3']);
    const rows = await readAll(p);
    expect(rows[1]!.raw.name).toBe('');
  });

  it('refuses more rows than the maximum, and resumes after a checkpoint row', async () => {
    const body = Array.from({ length: 30 }, (_, i) => [`人${i}`, String(i), '']);
    const p = await buildXlsx(join(dir, 'many.xlsx'), [HEADERS, ...body]);
    await expect(readAll(p, 20)).rejects.toThrow(/超过 20 行上限/);
    const rest: SheetRow[] = [];
    for await (const r of readSheetRows(p, COLUMNS, { maxRows: 100, afterRow: 21 })) rest.push(r);
    expect(rest.map((r) => r.rowNumber)).toEqual(Array.from({ length: 10 }, (_, i) => 22 + i));
  });
});

describe('writing xlsx as a stream', () => {
  it('writes a template whose example row reads back through the importer', async () => {
    const p = join(dir, 'template.xlsx');
    const out = createWriteStream(p);
    await writeTemplate(out, '会员花名册', COLUMNS, ['每行一人。']);
    await finished(out);
    expect(await checkXlsxFile(p)).toEqual({ ok: true });
    expect((await readAll(p)).map((r) => r.raw)).toEqual([
      { name: '张三', id_number: '110101199003071234', joined_on: '2024-03-01' },
    ]);
  });

  it('streams rows from an async iterable and counts them', async () => {
    const p = join(dir, 'export.xlsx');
    const out = createWriteStream(p);
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield { name: `人${i}`, id_number: `1101**********${i}`, joined_on: '2024-01-01' };
    }
    const cols = COLUMNS.map((c) => ({ header: c.header, key: c.key }));
    expect(await writeXlsxStream(out, '会员', cols, rows())).toBe(5000);
    await finished(out);
    const back = await readAll(p, 10_000);
    expect(back).toHaveLength(5000);
    expect(await countSheetRows(p)).toBe(5000);
    expect(back[4999]!.raw.name).toBe('人4999');
    createReadStream(p).close();
  });

  it('names the attachment in UTF-8 with an ASCII fallback', () => {
    expect(attachmentHeader('会员花名册.xlsx')).toBe(
      `attachment; filename="_____.xlsx"; filename*=UTF-8''%E4%BC%9A%E5%91%98%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx`,
    );
  });
});
