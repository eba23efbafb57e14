import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { multipartBody } from '../files/files.factories';
import type { TestApp } from '../../testing/test-app';
import { XLSX_TYPE } from './export';
import { insertImport } from './sql';

/** A scratch directory for generated test workbooks. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'gonghui-xlsx-'));
}

/**
 * Writes a test workbook: `rows[0]` is the header row; cells may be Dates, numbers, formulas
 * ({formula, result}); `merges` are ranges like 'A2:A3'.
 */
export async function buildXlsx(path: string, rows: ExcelJS.CellValue[][], merges: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(path);
  return path;
}

/**
 * A zip with the parts of an xlsx whose sheet inflates to `bytes` of zeros: a zip bomb in
 * miniature, written by hand (the guard refuses it before anything inflates).
 */
export function buildZipBomb(path: string, bytes = 20 * 1024 * 1024): string {
  return buildZip(path, [
    ['[Content_Types].xml', '<Types/>'],
    ['xl/workbook.xml', '<workbook/>'],
    ['xl/worksheets/sheet1.xml', Buffer.alloc(bytes)],
  ]);
}

/**
 * A zip of the given parts, deflated, written by hand (CRCs left 0: neither the guard nor the
 * reader checks them): for workbooks shaped the way Excel or WPS write them, which exceljs cannot make.
 */
export function buildZip(
  path: string,
  entries: [string, Buffer | string | { deflated: Buffer; size: number }][],
): string {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    // Content given already deflated (e.g. damaged on purpose) is stored as it is, with the size it claims.
    const given = typeof content === 'string' ? Buffer.from(content) : content;
    const packed = Buffer.isBuffer(given) ? deflateRawSync(given) : given.deflated;
    const data = { length: Buffer.isBuffer(given) ? given.length : given.size };
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, nameBuf, packed);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...parts, cdBuf, eocd]));
  return path;
}

/** A `POST /api/v1/imports/:kind` request: the org, then the workbook's bytes. */
export function importRequest(
  kind: string,
  orgId: number | string,
  data: Buffer,
  cookie?: string,
  filename = '花名册.xlsx',
) {
  const { payload, headers } = multipartBody([
    { name: 'org_id', value: String(orgId) },
    { name: 'file', filename, data, contentType: XLSX_TYPE },
  ]);
  return {
    method: 'POST' as const,
    url: `/api/v1/imports/${kind}`,
    payload,
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  };
}

/** A workbook built in memory (as buildXlsx writes it). */
export async function xlsxBytes(rows: ExcelJS.CellValue[][], merges: string[] = []): Promise<Buffer> {
  const path = join(scratchDir(), 'book.xlsx');
  await buildXlsx(path, rows, merges);
  return readFileSync(path);
}

/** Every worksheet of a downloaded workbook: name → rows of cell texts (row 1 the header). */
export async function readWorkbook(data: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push(Array.from((row.values as ExcelJS.CellValue[]).slice(1), (v) => (v == null ? '' : String(v)))),
    );
    out[ws.name] = rows;
  });
  return out;
}

/** A queued roster import at `orgId`, started by the system (its file need not exist until it runs). */
export function buildImport(t: Pick<TestApp, 'db'>, orgId: number): Promise<number> {
  return insertImport(t.db, {
    kind: 'members.roster',
    org_id: orgId,
    file_path: '/nonexistent/probe.xlsx',
    original_name: 'probe.xlsx',
    created_by: null,
  });
}
