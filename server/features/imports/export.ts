import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import type { ExportColumn, ExportValue } from '../../http/export-kind';
import type { ImportColumn } from '../../http/import-kind';

export type SheetColumn = ExportColumn;
export type SheetValue = ExportValue;

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
    // A slow reader: wait for it rather than let the zip's buffers grow with the sheet.
    if (count % 500 === 0 && out.writableNeedDrain) await once(out, 'drain');
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

/** The error report's column saying what is wrong with the row, in Chinese. */
export const ERROR_COLUMN = '错误原因';

/** The error report: the original rows as read, plus 行号 and 错误原因 columns. */
export function errorReportColumns(columns: readonly ImportColumn[]): SheetColumn[] {
  return [
    { header: '行号', key: '__row', width: 8 },
    ...columns.map((c) => ({ header: c.header, key: c.key })),
    { header: ERROR_COLUMN, key: '__error', width: 60 },
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

/** An xlsx download (the OpenAPI document says so; Fastify sends the stream as it is). */
export const XlsxBytes = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'Excel 工作簿 (.xlsx)',
});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Answers with an xlsx streamed as it is written (never the whole sheet in memory), as an
 * attachment named `fileName`. A failure after the first bytes can only cut the download short.
 */
export function sendXlsx(
  reply: FastifyReply,
  fileName: string,
  write: (out: Writable) => Promise<unknown>,
): FastifyReply {
  const out = new PassThrough();
  write(out).catch((err: unknown) => out.destroy(err as Error));
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachmentHeader(fileName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out);
}
