import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';

/**
 * A lean streaming reader for the first worksheet of an xlsx (docs/decisions/0014-spreadsheets.md):
 * the zip's central directory gives each part's place, the shared strings and the styles' date
 * formats are read first, then the sheet's XML is inflated and scanned row by row with a few
 * regular expressions. exceljs's reader built an object per cell and per row and cost about 25 µs a
 * row; this one a few. Call only after checkXlsxFile has passed (no zip64, no bomb).
 */

/** One entry of the zip's central directory. */
export interface ZipEntry {
  name: string;
  /** Offset of the entry's local header. */
  offset: number;
  compressed: number;
  uncompressed: number;
  /** 0 stored, 8 deflated. */
  method: number;
}

const EOCD_SIG = 0x06054b50;

/** The workbook's zip structure or a compressed part is damaged (not an I/O failure of this machine). */
export class XlsxDamaged extends Error {
  constructor(detail: string) {
    super(`damaged xlsx: ${detail}`);
    this.name = 'XlsxDamaged';
  }
}

/** A zip reader's failure that says the file is damaged: zlib's data errors and reads past a buffer. */
function damage(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof RangeError || (typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_OUT_OF_RANGE')))
    return new XlsxDamaged(String((err as Error).message));
  return err;
}

/** The zip's entries by name, from its central directory (a damaged file throws). */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = tailLen - 22;
    while (eocd >= 0 && tail.readUInt32LE(eocd) !== EOCD_SIG) eocd--;
    if (eocd < 0) throw new XlsxDamaged('no end of central directory');
    const count = tail.readUInt16LE(eocd + 10);
    const cd = Buffer.alloc(tail.readUInt32LE(eocd + 12));
    await fh.read(cd, 0, cd.length, tail.readUInt32LE(eocd + 16));
    const entries = new Map<string, ZipEntry>();
    for (let p = 0, n = 0; n < count; n++) {
      const nameLen = cd.readUInt16LE(p + 28);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      entries.set(name, {
        name,
        offset: cd.readUInt32LE(p + 42),
        compressed: cd.readUInt32LE(p + 20),
        uncompressed: cd.readUInt32LE(p + 24),
        method: cd.readUInt16LE(p + 10),
      });
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries;
  } catch (err) {
    throw damage(err);
  } finally {
    await fh.close();
  }
}

/** An entry's content as UTF-8 text chunks, inflated as it is read. */
export async function* entryText(path: string, entry: ZipEntry): AsyncGenerator<string> {
  if (entry.compressed === 0) return;
  const fh = await open(path, 'r');
  const local = Buffer.alloc(30);
  try {
    await fh.read(local, 0, 30, entry.offset);
  } finally {
    await fh.close();
  }
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = createReadStream(path, { start, end: start + entry.compressed - 1, highWaterMark: 256 * 1024 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.write(chunk);
    const rest = decoder.end();
    if (rest) yield rest;
  } catch (err) {
    throw damage(err);
  } finally {
    raw.destroy();
  }
}

/**
 * The text of an entry cut into whole elements: each yielded piece ends just after the last
 * `closing` tag found so far (`</row>`, `</si>`), and what follows is carried into the next piece.
 */
async function* wholeElements(path: string, entry: ZipEntry, closing: string): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of entryText(path, entry)) {
    const text = carry + chunk;
    const end = text.lastIndexOf(closing);
    if (end < 0) {
      carry = text;
      continue;
    }
    yield text.slice(0, end + closing.length);
    carry = text.slice(end + closing.length);
  }
  if (carry) yield carry;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));|_x([0-9A-Fa-f]{4})_/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and entity references, and OOXML's `_xHHHH_` escapes, to their characters. */
export function decodeXmlText(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0) return text;
  return text.replace(ENTITY, (_m, hex: string, dec: string, named: string, ooxml: string) => {
    if (named) return NAMED[named]!;
    const code = parseInt(hex ?? dec ?? ooxml, hex || ooxml ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const T_ELEMENT = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** The plain text of a string item (`<si>` or `<is>`): its runs' `<t>` joined, phonetic guides left out. */
function stringItemText(inner: string): string {
  const body = inner.indexOf('<rPh') >= 0 ? inner.replace(PHONETIC, '') : inner;
  let text = '';
  for (const m of body.matchAll(T_ELEMENT)) text += m[1];
  return decodeXmlText(text);
}

async function readSharedStrings(path: string, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  const item = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for await (const piece of wholeElements(path, entry, '</si>'))
    for (const m of piece.matchAll(item)) strings.push(m[1] === undefined ? '' : stringItemText(m[1]));
  return strings;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a custom format code shows a date: y, m, d, h or s outside quotes, escapes and [colour] brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare.split(';')[0] ?? '') && !/^[#0.,%\s]*$/.test(bare);
}

/** For each cell style index (`s`), whether its number format is a date. */
async function readDateStyles(path: string, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  let xml = '';
  for await (const chunk of entryText(path, entry)) xml += chunk;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"/g))
    custom.set(Number(m[1]), decodeXmlText(m[2]!));
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b([^>]*)/g)].map((m) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0);
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormatCode(code);
  });
}

/** The part a relationship points at, as a zip entry name (targets are relative to xl/ or absolute). */
function partName(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

async function entryWhole(path: string, entry: ZipEntry | undefined): Promise<string> {
  let xml = '';
  if (entry) for await (const chunk of entryText(path, entry)) xml += chunk;
  return xml;
}

/** The first worksheet in the workbook's order (the tab a cadre sees first), its shared strings and styles. */
async function locateParts(
  path: string,
): Promise<{ sheet?: ZipEntry; strings?: ZipEntry; styles?: ZipEntry; entries: Map<string, ZipEntry> }> {
  const entries = await readZipDirectory(path);
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of (await entryWhole(path, entries.get('xl/_rels/workbook.xml.rels'))).matchAll(
    /<Relationship\b[^>]*>/g,
  )) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[0])?.[1] ?? '';
    rels.set(attr('Id'), { type: attr('Type'), target: partName(attr('Target')) });
  }
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const firstSheetRel = /<sheet\b[^>]*?\br:id="([^"]+)"/.exec(
    await entryWhole(path, entries.get('xl/workbook.xml')),
  )?.[1];
  const sheetName =
    (firstSheetRel && rels.get(firstSheetRel)?.target) ||
    [...entries.keys()].filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort()[0];
  return {
    entries,
    sheet: sheetName ? entries.get(sheetName) : undefined,
    strings: entries.get(byType('/sharedStrings') ?? 'xl/sharedStrings.xml'),
    styles: entries.get(byType('/styles') ?? 'xl/styles.xml'),
  };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** 'YYYY-MM-DD' of an Excel serial day number (the 1900 date system). */
export function isoDateFromSerial(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * 86400000)).toISOString().slice(0, 10);
}

/** Full-width digits, letters and punctuation (ＡＢＣ１２３) to their ASCII forms; the ideographic space to a space. */
export function halfWidth(text: string): string {
  return /[\uff01-\uff5e\u3000]/.test(text)
    ? text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
    : text;
}

/**
 * A number cell's text as Excel shows it in full: every digit Excel kept and no exponent. Excel
 * keeps 15 significant digits, so an 18-digit ID typed as a number is stored as 1.10101199003071E+17
 * and reads '110101199003071000' (its check then fails, and the report says why), never the binary
 * double's '…071008'.
 */
export function numberText(v: string, n: number): string {
  const exp = /^(-?)(\d+)(?:\.(\d+))?[eE]\+?(\d+)$/.exec(v);
  if (exp) {
    const [, sign, whole, fraction = '', power] = exp;
    const digits = whole! + fraction;
    const point = whole!.length + Number(power);
    if (point >= digits.length) return sign + (digits + '0'.repeat(point - digits.length)).replace(/^0+(?=\d)/, '');
  }
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/** A sheet row: its 1-based row number and its cells' text by 0-based column. */
export interface XlsxRow {
  rowNumber: number;
  cells: string[];
}

/** Column letters (A, Z, AA…) to a 0-based index. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW_NUMBER = /\br="(\d+)"/;
const CELL_REF = /\br="([A-Z]+)\d*"/;
const CELL_TYPE = /\bt="(\w+)"/;
const CELL_STYLE = /\bs="(\d+)"/;
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const INLINE = /<is>([\s\S]*?)<\/is>/;

/**
 * The first worksheet's rows, streamed, each cell as text the way a cadre reads it: a shared or
 * inline string, a formula's cached result, a date-formatted number as 'YYYY-MM-DD', another number
 * with every digit Excel kept and no exponent, TRUE/FALSE, an error cell as ''. Full-width
 * characters become half-width, and the text is trimmed. Rows without cells are not yielded.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<XlsxRow> {
  const parts = await locateParts(path);
  if (!parts.sheet) return;
  const strings = await readSharedStrings(path, parts.strings);
  const dateStyles = await readDateStyles(path, parts.styles);
  let lastRow = 0;
  for await (const piece of wholeElements(path, parts.sheet, '</row>')) {
    for (const row of piece.matchAll(ROW)) {
      const rowNumber = Number(ROW_NUMBER.exec(row[1]!)?.[1] ?? lastRow + 1);
      lastRow = rowNumber;
      const inner = row[2];
      if (!inner) continue;
      const cells: string[] = [];
      let col = -1;
      for (const c of inner.matchAll(CELL)) {
        const attrs = c[1]!;
        const ref = CELL_REF.exec(attrs);
        col = ref ? columnIndex(ref[1]!) : col + 1;
        const body = c[2];
        if (!body) continue;
        const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
        let text: string;
        if (type === 'inlineStr') {
          text = stringItemText(INLINE.exec(body)?.[1] ?? '');
        } else {
          const v = VALUE.exec(body)?.[1];
          if (v === undefined) continue;
          if (type === 's') text = strings[Number(v)] ?? '';
          else if (type === 'str') text = decodeXmlText(v);
          else if (type === 'b') text = v === '1' ? 'TRUE' : 'FALSE';
          else if (type === 'e') text = '';
          else if (type === 'd') text = v.slice(0, 10);
          else {
            const n = Number(v);
            if (!Number.isFinite(n)) text = v;
            else if (dateStyles[Number(CELL_STYLE.exec(attrs)?.[1] ?? 0)]) text = isoDateFromSerial(n);
            else text = numberText(v, n);
          }
        }
        cells[col] = halfWidth(text).trim();
      }
      if (cells.length > 0) yield { rowNumber, cells };
    }
  }
}

/** Which worksheet readXlsxRows reads (the first in the workbook's order), for the row count. */
export async function firstSheetEntry(path: string): Promise<ZipEntry | undefined> {
  return (await locateParts(path)).sheet;
}
