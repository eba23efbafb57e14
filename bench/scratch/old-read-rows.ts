// @ts-nocheck
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ImportColumn } from '../../server/http/import-kind';

/** One data row as read: its sheet row number and its cells as trimmed text keyed by column key. */
export interface SheetRow {
  rowNumber: number;
  raw: Record<string, string>;
}

/** A whole-file refusal (wrong headers, too many rows): the import stops before writing anything. */
export class SheetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetRefused';
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Full-width digits, letters and punctuation (ＡＢＣ１２３) to their ASCII forms; the ideographic space to a space. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** 'YYYY-MM-DD' from a Date (exceljs gives dates as UTC midnight), or an Excel serial day number. */
export function isoDateFromCell(value: Date | number): string {
  const d = typeof value === 'number' ? new Date(EXCEL_EPOCH_MS + Math.round(value * 86400000)) : value;
  return d.toISOString().slice(0, 10);
}

/**
 * A cell's value as trimmed text: a formula gives its cached result, rich text its plain text, a
 * date 'YYYY-MM-DD', a number its digits without exponent (a 15/18-digit ID typed as a number
 * keeps every digit Excel kept), full-width characters half-width.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDateFromCell(value);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return halfWidth(value).trim();
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('richText' in value) return halfWidth(value.richText.map((r) => r.text).join('')).trim();
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/**
 * Reads the first worksheet of a stored xlsx as a stream (constant memory: shared strings cached,
 * rows emitted as parsed), checks the header row against the kind's columns (the file is refused
 * naming the expected headers), skips blank rows and yields the data rows from `afterRow` on (the
 * checkpoint). More than `maxRows` data rows refuses the file; the caller counts before writing.
 */
export async function* readSheetRows(
  path: string,
  columns: readonly ImportColumn[],
  opts: { maxRows: number; afterRow?: number },
): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let seen = 0;
  for await (const sheet of reader) {
    let colIndex: number[] | null = null;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      if (!colIndex) {
        colIndex = headerIndex(values, columns);
        continue;
      }
      const raw: Record<string, string> = {};
      let blank = true;
      columns.forEach((c, i) => {
        const text = cellText(values[colIndex![i]!] ?? null);
        raw[c.key] = text;
        if (text) blank = false;
      });
      if (blank) continue;
      seen++;
      if (seen > opts.maxRows) throw new SheetRefused(`数据行超过 ${opts.maxRows} 行上限，请分成几个文件上传`);
      if (row.number > (opts.afterRow ?? 0)) yield { rowNumber: row.number, raw };
    }
    if (!colIndex) throw new SheetRefused(`第一行应为表头：${columns.map((c) => c.header).join('、')}`);
    return; // the first worksheet only; the template's 填写说明 sheet comes after it
  }
  throw new SheetRefused('工作簿中没有工作表');
}

/**
 * Checks the first worksheet's header row against the kind's columns (a SheetRefused naming the
 * expected headers when it does not fit), reading no further than that row: the upload answers
 * at once, before the job reads the rest.
 */
export async function checkSheetHeader(path: string, columns: readonly ImportColumn[]): Promise<void> {
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        headerIndex(row.values as ExcelJS.CellValue[], columns);
        return;
      }
      throw new SheetRefused(`第一行应为表头：${columns.map((c) => c.header).join('、')}`);
    }
    throw new SheetRefused('工作簿中没有工作表');
  } finally {
    input.destroy();
  }
}

/** Where each column's header is; a missing required or unknown header refuses the file. */
function headerIndex(values: ExcelJS.CellValue[], columns: readonly ImportColumn[]): number[] {
  const found = new Map<string, number>();
  values.forEach((v, i) => {
    const text = cellText(v).replace(/[*＊\s]/g, '');
    if (text) found.set(text, i);
  });
  const expected = columns.map((c) => c.header).join('、');
  const idx = columns.map((c) => found.get(c.header) ?? -1);
  const missing = columns.filter((c, i) => c.required && idx[i] === -1);
  if (missing.length > 0)
    throw new SheetRefused(
      `表头不符：缺少「${missing.map((c) => c.header).join('、')}」。表头应为：${expected}（请下载模板填写）`,
    );
  return idx;
}

/**
 * A date cell's text as 'YYYY-MM-DD': ISO, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, or an Excel
 * serial day number (a date cell formatted as a number); null when it is none of them or impossible.
 */
export function parseSheetDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const serial = Number(t);
    return serial >= 1 && serial < 2958466 ? isoDateFromCell(serial) : null;
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
