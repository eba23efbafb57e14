import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../../../common/errors';
import type { FileClass } from '../../http/file-kind';

/** Pixels an image may have, read from its header before any decoding (a "zip bomb" of an image). */
export const MAX_PIXELS = 40_000_000;
/** The longest edge an image is stored with, and its thumbnail's. */
export const MAX_EDGE = 2048;
export const THUMB_EDGE = 320;

/** What is stored for one upload: the bytes re-encoded (images) or checked (PDF), and what they are. */
export interface ProcessedFile {
  class: FileClass;
  contentType: 'image/webp' | 'application/pdf';
  ext: 'webp' | 'pdf';
  body: Buffer;
  thumb: Buffer | null;
  width: number | null;
  height: number | null;
  sha256: Buffer;
}

// libvips keeps a thread pool and a cache per process: one thread per image and two images at a
// time keep a 2-core machine answering other requests while photos are re-encoded.
sharp.concurrency(1);
sharp.cache(false);
const SLOTS = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function inImageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

const refuse = (field: string, message: string) => new AppError('validation_failed', { [field]: message });

/** Image formats accepted, as sharp's metadata names them (AVIF is `heif` compressed with AV1). */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);
const ACCEPTED_TEXT: Record<FileClass, string> = { image: 'JPG、PNG、WebP、GIF、AVIF 图片', pdf: 'PDF 文件' };

/**
 * Decides what the bytes are (never the name or the client's content type) and makes what is
 * stored: an image is auto-oriented from its EXIF, downscaled to MAX_EDGE, re-encoded as WebP
 * with every piece of metadata dropped (EXIF with GPS, XMP, IPTC, ICC: the pixels are converted to
 * sRGB, which is what a profile-less image means), and given a thumbnail; a PDF is checked and
 * stored as it came. Anything else, or a class the kind does not accept, is a 422 naming `field`.
 */
export async function processUpload(
  bytes: Buffer,
  accepts: readonly FileClass[],
  field: string,
): Promise<ProcessedFile> {
  if (bytes.length === 0) throw refuse(field, '文件为空');
  const expected = `只接受${accepts.map((c) => ACCEPTED_TEXT[c]).join('或')}`;
  // The header only (no pixels are decoded here), so no pixel limit yet: processImage applies it.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (meta && IMAGE_FORMATS.has(meta.format ?? '')) {
    if (!accepts.includes('image')) throw refuse(field, `此处不接受图片，${expected}`);
    if (meta.format === 'heif' && meta.compression !== 'av1')
      throw refuse(field, '暂不支持 HEIC 格式的照片：请在相机设置中选择“兼容性最佳”，或上传 JPG 图片');
    return processImage(bytes, meta, field);
  }
  if (isPdf(bytes)) {
    if (!accepts.includes('pdf')) throw refuse(field, `此处不接受 PDF 文件，${expected}`);
    checkPdf(bytes, field);
    return {
      class: 'pdf',
      contentType: 'application/pdf',
      ext: 'pdf',
      body: bytes,
      thumb: null,
      width: null,
      height: null,
      sha256: sha256(bytes),
    };
  }
  throw refuse(field, `无法识别的文件类型，${expected}`);
}

async function processImage(bytes: Buffer, meta: sharp.Metadata, field: string): Promise<ProcessedFile> {
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width * height > MAX_PIXELS)
    throw refuse(field, `图片尺寸过大（${width}×${height}），最多 ${MAX_PIXELS / 1_000_000} 百万像素`);
  try {
    return await inImageSlot(async () => {
      // limitInputPixels guards the decoder too, should the header have understated the size.
      const main = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true })
        .autoOrient()
        .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      const thumb = await sharp(main.data)
        .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      return {
        class: 'image' as const,
        contentType: 'image/webp' as const,
        ext: 'webp' as const,
        body: main.data,
        thumb,
        width: main.info.width,
        height: main.info.height,
        sha256: sha256(main.data),
      };
    });
  } catch {
    // The header parsed but the pixels do not decode: a PNG header with garbage after it, a cut-off photo.
    throw refuse(field, '图片已损坏或不完整，无法读取');
  }
}

const isPdf = (bytes: Buffer) => /^%PDF-[12]\.\d/.test(bytes.subarray(0, 8).toString('latin1'));

/**
 * A basic sanity check, not a parser: a complete file (an end-of-file marker near the end) without
 * the active content a union's documents never need. Served files are downloads under `nosniff` and
 * a sandboxing CSP whatever they hold (routes.ts).
 */
function checkPdf(bytes: Buffer, field: string): void {
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF'))
    throw refuse(field, 'PDF 文件不完整或已损坏');
  for (const name of ['/JavaScript', '/Launch', '/EmbeddedFile'])
    if (bytes.includes(name)) throw refuse(field, 'PDF 文件含有脚本、可执行动作或内嵌文件，不能上传');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
