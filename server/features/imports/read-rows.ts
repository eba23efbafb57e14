import type { ImportColumn } from '../../http/import-kind';
import { isoDateFromSerial, readXlsxRows } from './xlsx-reader';

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

/**
 * Reads the first worksheet of a stored xlsx as a stream (xlsx-reader.ts: constant memory but for
 * the shared strings), checks the header row against the kind's columns (the file is refused
 * naming the expected headers), skips blank rows and yields the data rows from `afterRow` on (the
 * checkpoint). More than `maxRows` data rows refuses the file; the caller counts before writing.
 */
export async function* readSheetRows(
  path: string,
  columns: readonly ImportColumn[],
  opts: { maxRows: number; afterRow?: number },
): AsyncGenerator<SheetRow> {
  let colIndex: number[] | null = null;
  let seen = 0;
  for await (const row of readXlsxRows(path)) {
    if (!colIndex) {
      colIndex = headerIndex(row.cells, columns);
      continue;
    }
    const raw: Record<string, string> = {};
    let blank = true;
    for (let i = 0; i < columns.length; i++) {
      const text = row.cells[colIndex[i]!] ?? '';
      raw[columns[i]!.key] = text;
      if (text) blank = false;
    }
    if (blank) continue;
    seen++;
    if (seen > opts.maxRows) throw new SheetRefused(`数据行超过 ${opts.maxRows} 行上限，请分成几个文件上传`);
    if (row.rowNumber > (opts.afterRow ?? 0)) yield { rowNumber: row.rowNumber, raw };
  }
  if (!colIndex) throw new SheetRefused(`第一行应为表头：${columns.map((c) => c.header).join('、')}`);
}

/**
 * Checks the first worksheet's header row against the kind's columns (a SheetRefused naming the
 * expected headers when it does not fit), reading no further than that row: the upload answers
 * at once, before the job reads the rest.
 */
export async function checkSheetHeader(path: string, columns: readonly ImportColumn[]): Promise<void> {
  for await (const row of readXlsxRows(path)) {
    headerIndex(row.cells, columns);
    return;
  }
  throw new SheetRefused(`第一行应为表头：${columns.map((c) => c.header).join('、')}`);
}

/** Where each column's header is; a missing required header refuses the file. */
function headerIndex(cells: readonly (string | undefined)[], columns: readonly ImportColumn[]): number[] {
  const found = new Map<string, number>();
  cells.forEach((v, i) => {
    const text = (v ?? '').replace(/[*＊\s]/g, '');
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
    return serial >= 1 && serial < 2958466 ? isoDateFromSerial(serial) : null;
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
