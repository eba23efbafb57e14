import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Static } from '@sinclair/typebox';
import type { UploadedFile } from '../../../common/api/files';
import { AppError } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import type { FileKind } from '../../http/file-kind';
import { recordAudit } from '../audit/record';
import { hashToken, isUploader, mayUpload, uploaderOf } from './policy';
import { processUpload, type ProcessedFile } from './processing';
import { deleteUnattached, findLiveFile, insertFiles, type FileRow } from './sql';
import type { ObjectStorage } from './storage';

type FileView = Static<typeof UploadedFile>;

/** One part of an upload body, in the order it arrived. */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; name: string; stream: Readable };

/**
 * Where a file's bytes go: `files/<year>/<month>/<id>/original.<ext>` and `…/thumb.webp`, the month
 * (UTC) of the upload, so the sweep looks for a crash's leftovers under the recent months only.
 */
export function objectKeys(id: string, at: Date, ext: string, hasThumb: boolean) {
  const prefix = `files/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${id}/`;
  return { main: `${prefix}original.${ext}`, thumb: hasThumb ? `${prefix}thumb.webp` : null };
}

/** The answer's view of a file: what it is and where to read it. */
export function fileView(
  file: Pick<FileRow, 'id' | 'content_type' | 'size' | 'width' | 'height' | 'thumb_key'>,
): FileView {
  return {
    id: file.id,
    content_type: file.content_type,
    size: file.size,
    ...(file.width !== null && file.height !== null ? { width: file.width, height: file.height } : {}),
    url: `/api/v1/files/${file.id}`,
    ...(file.thumb_key ? { thumb_url: `/api/v1/files/${file.id}/thumb` } : {}),
  };
}

const refuse = (field: string, message: string) => new AppError('validation_failed', { [field]: message });

/** The kind named by the upload, if the caller may upload it. */
function kindFor(ctx: Ctx, name: string): FileKind {
  const kind = ctx.state.files.kinds.get(name);
  if (!kind) throw refuse('kind', '未知的文件用途');
  const verdict = mayUpload(kind, ctx);
  if (verdict !== 'ok') throw new AppError(verdict);
  return kind;
}

/**
 * The stream's bytes, or a 413 naming `field` as soon as they pass `max` (never buffering more);
 * a body that ends inside the file (a client gone mid-upload) is a 400.
 */
async function readLimited(stream: Readable, max: number, field: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max)
        throw new AppError(
          'payload_too_large',
          { [field]: `文件过大，最大 ${Math.floor(max / 1048576)} MB` },
          '文件过大',
        );
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', undefined, '上传内容不完整或格式不正确');
  }
  return Buffer.concat(chunks, size);
}

interface Written {
  id: string;
  processed: ProcessedFile;
  keys: ReturnType<typeof objectKeys>;
}

async function writeObjects(storage: ObjectStorage, processed: ProcessedFile, at: Date): Promise<Written> {
  const id = randomUUID();
  const keys = objectKeys(id, at, processed.ext, processed.thumb !== null);
  const written: Written = { id, processed, keys };
  await storage.put(keys.main, processed.body, processed.contentType);
  if (keys.thumb && processed.thumb) await storage.put(keys.thumb, processed.thumb, 'image/webp');
  return written;
}

const deleteObjects = (storage: ObjectStorage, keys: { main: string; thumb: string | null }) =>
  Promise.allSettled([storage.delete(keys.main), ...(keys.thumb ? [storage.delete(keys.thumb)] : [])]);

/**
 * Takes an upload: a `kind` field, then the `files`. Each file is read up to the kind's byte limit,
 * decided and processed from its bytes, and its objects written before the next file is read (so
 * one file at a time is held in memory); when every file has passed, one transaction inserts the
 * rows and their audit entries. Any refusal, or a failed insert, deletes the objects already
 * written: a 4xx leaves nothing stored. A crash before the insert leaves objects without a row,
 * which the sweep removes (docs/decisions/0012-uploads.md).
 */
export async function uploadFiles(ctx: Ctx, parts: AsyncIterable<UploadPart>): Promise<FileView[]> {
  const { storage } = ctx.state.files;
  const limits = ctx.config.files;
  const at = new Date();
  const written: Written[] = [];
  let kind: FileKind | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.name !== 'kind') throw refuse(part.name, '不允许的字段');
        if (kind) throw refuse('kind', '只能提交一个 kind');
        kind = kindFor(ctx, part.value);
        continue;
      }
      if (!kind) throw refuse('kind', '请在文件之前提交 kind 字段');
      if (part.name !== 'files') throw refuse(part.name, '不允许的字段，文件应以 files 字段提交');
      const most = Math.min(kind.maxPerRecord, limits.maxCount);
      if (written.length >= most) throw refuse('files', `一次最多上传 ${most} 个文件`);
      const field = `files.${written.length}`;
      const bytes = await readLimited(part.stream, Math.min(kind.maxBytes ?? limits.maxBytes, limits.maxBytes), field);
      written.push(await writeObjects(storage, await processUpload(bytes, kind.accepts, field), at));
    }
    if (!kind) throw refuse('kind', '必填');
    if (written.length === 0) throw refuse('files', '请选择要上传的文件');
    return await insertUploads(ctx, kind, written, at);
  } catch (err) {
    await Promise.all(written.map((w) => deleteObjects(storage, w.keys)));
    throw err;
  }
}

async function insertUploads(ctx: Ctx, kind: FileKind, written: Written[], at: Date): Promise<FileView[]> {
  // An anonymous uploader gets a token per file, shown once; only its hash is kept.
  const tokens = written.map(() => (ctx.actor ? undefined : randomBytes(24).toString('base64url')));
  const rows = written.map(({ id, processed, keys }, i) => ({
    id,
    kind: kind.name,
    ...uploaderOf(ctx.actor, tokens[i] ? hashToken(tokens[i]) : null),
    content_type: processed.contentType,
    size: processed.body.length,
    width: processed.width,
    height: processed.height,
    sha256: processed.sha256,
    storage_key: keys.main,
    thumb_key: keys.thumb,
    is_public: kind.isPublic,
    created_at: at,
  }));
  await withTransaction(ctx, async (tx) => {
    await insertFiles(tx.db, rows);
    for (const row of rows)
      await recordAudit(tx, {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: row.id,
        details: { kind: kind.name, content_type: row.content_type, size: row.size },
      });
  });
  return rows.map((row, i) => ({ ...fileView(row), ...(tokens[i] ? { token: tokens[i] } : {}) }));
}

/** Whether the caller may read the file: its uploader while unattached, else as its record's kind says. */
async function mayRead(ctx: Ctx, file: FileRow, token: string | undefined): Promise<boolean> {
  if (file.record_id === null) return isUploader(ctx.actor, file, token);
  const kind = ctx.state.files.kinds.get(file.kind);
  if (!kind) return false;
  return file.is_public || kind.canRead(ctx, file.record_id);
}

/** A file's bytes and how to serve them, or 404 when it is missing or out of the caller's reach. */
export async function readFile(ctx: Ctx, id: string, variant: 'main' | 'thumb', token: string | undefined) {
  const file = await findLiveFile(ctx.db, id);
  if (!file || !(await mayRead(ctx, file, token))) throw new AppError('not_found');
  const key = variant === 'thumb' ? file.thumb_key : file.storage_key;
  const object = key ? await ctx.state.files.storage.get(key) : null;
  if (!object) throw new AppError('not_found');
  const contentType = variant === 'thumb' ? 'image/webp' : file.content_type;
  return {
    ...object,
    contentType,
    fileName: `${file.id}${variant === 'thumb' ? '-thumb' : ''}.${contentType === 'application/pdf' ? 'pdf' : 'webp'}`,
    etag: `"${file.sha256.toString('hex').slice(0, 32)}${variant === 'thumb' ? '-t' : ''}"`,
    // Cacheable only once attached to a public kind's record: before that it is its uploader's alone.
    isPublic: file.is_public && file.record_id !== null,
  };
}

/**
 * Deletes an upload that was never attached, for its uploader (a wrong photo picked): the row at
 * once, then the bytes; should deleting the bytes fail, the sweep finds them without a row.
 */
export async function deleteUpload(ctx: Ctx, id: string, token: string | undefined): Promise<void> {
  const file = await findLiveFile(ctx.db, id);
  if (!file || !isUploader(ctx.actor, file, token)) throw new AppError('not_found');
  if (file.record_id !== null) throw new AppError('conflict', undefined, '文件已被使用，请在其所属记录中删除');
  const keys = await withTransaction(ctx, async (tx) => {
    const deleted = await deleteUnattached(tx.db, id);
    if (!deleted) throw new AppError('conflict', undefined, '文件已被使用，请在其所属记录中删除');
    await recordAudit(tx, { action: 'file.deleted', entityType: 'file', entityId: id, details: { kind: file.kind } });
    return deleted;
  });
  await deleteObjects(ctx.state.files.storage, { main: keys.storage_key, thumb: keys.thumb_key });
}
