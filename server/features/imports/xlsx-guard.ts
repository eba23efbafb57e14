import { open } from 'node:fs/promises';
import { entryText, firstSheetEntry } from './xlsx-reader';

/** The limits an uploaded workbook is held to before exceljs reads a byte of it (docs/decisions/0014-spreadsheets.md). */
export interface XlsxLimits {
  maxFileBytes: number;
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Per entry above 1 MiB: uncompressed / compressed. Sheet XML compresses ~10–30×; a bomb ~1000×. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 10_000,
};

/** Why a file is refused, in Chinese, or null when it may be parsed. */
export type XlsxVerdict = { ok: true } | { ok: false; message: string };

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const BOMB = '文件解压后异常巨大（疑似压缩炸弹），已拒绝；请用模板重新填写';
const NOT_XLSX = '文件不是 Excel 工作簿（.xlsx），请用模板填写后另存为 .xlsx 再上传';

/**
 * Checks a stored upload is a real, sane xlsx by its zip central directory alone: not empty, zip
 * magic bytes (a CSV renamed .xlsx fails here), the workbook's parts present, and no zip bomb
 * (total uncompressed size, per-entry ratio, entry count, no zip64) — all before parsing.
 */
export async function checkXlsxFile(path: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<XlsxVerdict> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return { ok: false, message: '文件是空的（0 字节），请重新选择文件' };
    if (size > limits.maxFileBytes)
      return {
        ok: false,
        message: `文件超过 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB 上限，请分成几个文件上传`,
      };
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50) return { ok: false, message: NOT_XLSX };
    // The end-of-central-directory record sits in the last 22 bytes + up to 64 KiB of comment.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return { ok: false, message: '文件已损坏或不完整，请重新保存后上传' };
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, message: '文件过大或格式不受支持（zip64）' };
    if (entries > limits.maxEntries) return { ok: false, message: NOT_XLSX };
    if (cdOffset + cdSize > size) return { ok: false, message: '文件已损坏或不完整，请重新保存后上传' };
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    let p = 0;
    let total = 0;
    const names = new Set<string>();
    for (let n = 0; n < entries; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG)
        return { ok: false, message: '文件已损坏或不完整，请重新保存后上传' };
      const compressed = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      names.add(cd.toString('utf8', p + 46, p + 46 + nameLen));
      if (compressed === 0xffffffff || uncompressed === 0xffffffff)
        return { ok: false, message: '文件过大或格式不受支持（zip64）' };
      total += uncompressed;
      if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > limits.maxRatio)
        return { ok: false, message: BOMB };
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (total > limits.maxUncompressedBytes) return { ok: false, message: BOMB };
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return { ok: false, message: NOT_XLSX };
    return { ok: true };
  } finally {
    await fh.close();
  }
}

/**
 * Counts the data rows of the first worksheet (the one readXlsxRows reads) without parsing the
 * sheet: the entry is inflated and scanned for `<row>` elements holding a value (`<v>`, or an
 * inline string's `<t>`), less the header row. Blank rows have no value and are not counted; a row
 * of empty strings is (an upper bound: the reader skips it), so a file within the row maximum is
 * never refused. Call after checkXlsxFile has passed.
 */
export async function countSheetRows(path: string): Promise<number> {
  const sheet = await firstSheetEntry(path);
  if (!sheet) return 0;
  const token = /<row[\s>/]|<\/row>|<v[\s>]|<t[\s>]/g;
  let carry = '';
  let rows = 0;
  let hasValue = false;
  const scan = (text: string) => {
    for (const m of text.matchAll(token)) {
      const t = m[0];
      if (t.startsWith('<row')) hasValue = false;
      else if (t === '</row>') {
        if (hasValue) rows++;
        hasValue = false;
      } else hasValue = true;
    }
  };
  for await (const chunk of entryText(path, sheet)) {
    const text = carry + chunk;
    // A token cut at the chunk's end starts at its last '<': keep that part for the next chunk.
    const cut = text.lastIndexOf('<');
    const keep = cut >= 0 && text.length - cut < 8 ? cut : text.length;
    scan(text.slice(0, keep));
    carry = text.slice(keep);
  }
  scan(carry);
  return Math.max(0, rows - 1);
}
