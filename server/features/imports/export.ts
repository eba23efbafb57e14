import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportColumn } from '../../http/import-kind';

/** One column of an exported sheet: the Chinese header and the key of the row value. */
export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

export type SheetValue = string | number | null;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/**
 * Streams an xlsx of `rows` to `out` with the ExcelJS streaming writer: each row is committed as
 * it is written, so memory stays constant whatever the row count. Returns how many rows were written.
 */
export async function writeXlsxStream(
  out: Writable,
  sheetName: string,
  columns: readonly SheetColumn[],
  rows: AsyncIterable<Record<string, SheetValue>>,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length * 3),
  }));
  styleHeader(ws.getRow(1));
  ws.getRow(1).commit();
  let count = 0;
  for await (const r of rows) {
    ws.addRow(r).commit();
    count++;
  }
  ws.commit();
  await wb.commit();
  return count;
}

/**
 * The import template of a kind: the styled Chinese header row (required columns marked *), an
 * example row, and a 填写说明 sheet with each column's help and the kind's instructions.
 */
export async function writeTemplate(
  out: Writable,
  title: string,
  columns: readonly ImportColumn[],
  instructions: readonly string[],
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(title);
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: 20 }));
  styleHeader(ws.getRow(1));
  ws.getRow(1).commit();
  ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example]))).commit();
  ws.commit();
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'col', width: 16 },
    { header: '必填', key: 'req', width: 8 },
    { header: '说明', key: 'help', width: 80 },
  ];
  styleHeader(help.getRow(1));
  for (const c of columns) help.addRow({ col: c.header, req: c.required ? '是' : '否', help: c.help }).commit();
  help.addRow({}).commit();
  for (const line of instructions) help.addRow({ col: '', req: '', help: line }).commit();
  help.commit();
  await wb.commit();
}

/** The error report: the original rows as read, plus 行号 and 错误说明 columns. */
export function errorReportColumns(columns: readonly ImportColumn[]): SheetColumn[] {
  return [
    { header: '行号', key: '__row', width: 8 },
    ...columns.map((c) => ({ header: c.header, key: c.key })),
    { header: '错误说明', key: '__error', width: 60 },
  ];
}

/** RFC 6266 Content-Disposition with a UTF-8 file name (and an ASCII fallback for old clients). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', horizontal: 'center' };
}
