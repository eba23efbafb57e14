import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { ImportColumn } from '../../http/import-kind';
import { attachmentHeader, writeTemplate, writeXlsxStream } from './export';
import { buildXlsx, buildZip, buildZipBomb, scratchDir } from './imports.factories';
import { parseSheetDate, readSheetRows, SheetRefused, type SheetRow } from './read-rows';
import { checkXlsxFile, countSheetRows } from './xlsx-guard';
import { deflateRawSync } from 'node:zlib';
import { decodeXmlText, isDateFormatCode, readXlsxRows, XlsxDamaged } from './xlsx-reader';

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

describe('the xlsx reader on workbooks as Excel and WPS write them', () => {
  const rels = (targets: [string, string, string][]) =>
    `<Relationships>${targets
      .map(
        ([id, type, target]) => `<Relationship Id="${id}" Type="http://x/relationships/${type}" Target="${target}"/>`,
      )
      .join('')}</Relationships>`;
  const sheetXml = (rows: string) => `<?xml version="1.0"?><worksheet><sheetData>${rows}</sheetData></worksheet>`;

  it('reads the first tab in the workbook, not the first sheet in the zip, with every kind of cell', async () => {
    const p = buildZip(join(dir, 'wps.xlsx'), [
      ['[Content_Types].xml', '<Types/>'],
      // The instructions sheet comes first in the zip, but the roster is the first tab.
      ['xl/worksheets/sheet1.xml', sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>填写说明</t></is></c></row>')],
      [
        'xl/workbook.xml',
        '<workbook><sheets><sheet name="名单" sheetId="2" r:id="rId9"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
      [
        'xl/_rels/workbook.xml.rels',
        rels([
          ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
          ['rId9', 'worksheet', '/xl/worksheets/roster.xml'],
          ['rId3', 'sharedStrings', 'strings.xml'],
          ['rId4', 'styles', 'styles.xml'],
        ]),
      ],
      [
        'xl/strings.xml',
        '<sst><si><t>姓名</t></si><si><r><t>张</t></r><r><rPr/><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ザン</t></rPh></si>' +
          '<si><t>A&amp;B_x000D_&#x4E00;&lt;</t></si><si/></sst>',
      ],
      [
        'xl/styles.xml',
        '<styleSheet><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
          '<numFmt numFmtId="177" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>' +
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="177"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      ],
      [
        'xl/worksheets/roster.xml',
        sheetXml(
          '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="D1" t="str"><f>"入会"&amp;"日期"</f><v>入会日期</v></c></row>' +
            '<row r="2"/>' +
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>1.10101199003071E+17</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" s="1"><v>45352</v></c></row>' +
            // Cells without references, a formula with no cached value, an error, a styled empty cell.
            '<row><c t="s"><v>2</v></c><c s="2"><v>12.5</v></c><c t="e"><v>#N/A</v></c><c s="3"><v>45292.75</v></c><c r="F4" s="1"/></row>' +
            '<row r="6"><c r="A6" t="s"><v>3</v></c><c r="B6"><f>SUM(1,2)</f></c><c r="D6" t="d"><v>2024-05-04T00:00:00</v></c></row>',
        ),
      ],
    ]);
    const rows = [];
    for await (const r of readXlsxRows(p)) rows.push(r);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '身份证号', undefined, '入会日期'] },
      { rowNumber: 3, cells: ['张三', '110101199003071000', 'TRUE', '2024-03-01'] },
      { rowNumber: 4, cells: ['A&B\r一<', '12.5', '', '2024-01-01'] },
      { rowNumber: 6, cells: ['', undefined, undefined, '2024-05-04'] },
    ]);
    expect(await countSheetRows(p)).toBe(3);
  });

  it('says a part damaged inside the zip is damaged, not an error of the machine', async () => {
    const sheet = deflateRawSync(
      Buffer.from(sheetXml('<row r="1"><c t="inlineStr"><is><t>姓名</t></is></c></row>'.repeat(2000))),
    );
    // The sheet's deflate stream cut short and its last bytes garbled.
    const cut = Buffer.concat([sheet.subarray(0, sheet.length >> 1), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    const raw = buildZip(join(dir, 'damaged.xlsx'), [
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
      ['xl/worksheets/sheet1.xml', { deflated: cut, size: 10_000_000 }],
    ]);
    await expect(countSheetRows(raw)).rejects.toBeInstanceOf(XlsxDamaged);
    await expect(
      (async () => {
        for await (const row of readXlsxRows(raw)) void row;
      })(),
    ).rejects.toBeInstanceOf(XlsxDamaged);
  });

  it('tells date formats from number formats, and decodes XML and OOXML escapes', () => {
    expect(isDateFormatCode('yyyy/m/d')).toBe(true);
    expect(isDateFormatCode('[$-804]yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormatCode('h:mm:ss')).toBe(true);
    expect(isDateFormatCode('0.00_);[Red]\\(0.00\\)')).toBe(false);
    expect(isDateFormatCode('"days"0')).toBe(false);
    expect(isDateFormatCode('#,##0')).toBe(false);
    expect(decodeXmlText('&#65;&#x42;&quot;&apos;&gt;_x0041_')).toBe('AB"\'>A');
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
