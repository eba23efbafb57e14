import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Static } from '@sinclair/typebox';
import type { ImportListQuery, ImportView } from '../../../common/api/imports';
import { AppError } from '../../../common/errors';
import type { AccountActor } from '../../http/actor';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import type { ImportKind } from '../../http/import-kind';
import { decodeCursor, toPage } from '../../http/pagination';
import { can } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { enqueueJob } from '../jobs/enqueue';
import { errorReportColumns, type SheetValue } from './export';
import { removeUpload, runImportJob } from './job';
import { canImportAt, canImportSomewhere, importVisibility } from './policy';
import { checkSheetHeader, SheetRefused } from './read-rows';
import { XlsxDamaged } from './xlsx-reader';
import * as q from './sql';
import { checkXlsxFile } from './xlsx-guard';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = ImportKind<any, any>;

/** One part of an upload body, in the order it arrived. */
export type UploadPart =
  | { type: 'field'; name: string; value: string }
  | { type: 'file'; name: string; fileName: string; stream: Readable };

const refuse = (field: string, message: string) => new AppError('validation_failed', { [field]: message });

/** The declared kind, or not_found (an unknown kind is as missing as an unknown record). */
function kindNamed(ctx: Ctx, name: string): AnyKind {
  const kind = ctx.state.imports.kinds.get(name);
  if (!kind) throw new AppError('not_found');
  return kind;
}

/** The kind whose template the caller may download: it holds the kind's permission somewhere. */
export function templateKind(ctx: Ctx, name: string): AnyKind {
  const actor = requireAccount(ctx);
  const kind = kindNamed(ctx, name);
  if (!canImportSomewhere(actor, kind)) throw new AppError('forbidden');
  return kind;
}

/** The org an upload targets: missing and out of sight alike are a 422 naming org_id; seen without the permission, 403. */
async function targetOrg(ctx: Ctx, actor: AccountActor, kind: AnyKind, raw: string) {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw refuse('org_id', '请选择要导入到的工会');
  const org = await q.findOrg(ctx.db, id);
  if (!org || !can(actor, 'orgs.read', org.path)) throw refuse('org_id', '工会不存在');
  if (!canImportAt(actor, kind, org.path) || (kind.canImport && !kind.canImport(ctx, id)))
    throw new AppError('forbidden', undefined, '没有向该工会导入的权限');
  if (org.status !== 'active') throw refuse('org_id', '该工会已撤销，不能导入');
  return org;
}

/** Writes the upload's bytes to `path`, refusing (413, naming `file`) as soon as they pass `max`. */
async function saveUpload(stream: Readable, path: string, max: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max)
        return done(
          new AppError('payload_too_large', { file: `文件超过 ${Math.round(max / 1048576)} MB 上限` }, '文件过大'),
        );
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, limiter, createWriteStream(path, { mode: 0o640 }));
  } catch (err) {
    await removeUpload(path);
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', undefined, '上传内容不完整或格式不正确');
  }
}

/** Refuses a stored upload that is not a sane xlsx or whose header row does not fit the kind (422 naming `file`). */
async function checkUpload(path: string, kind: AnyKind, ctx: Ctx): Promise<void> {
  const verdict = await checkXlsxFile(path, ctx.state.imports.limits);
  if (!verdict.ok) throw refuse('file', verdict.message);
  try {
    await checkSheetHeader(path, kind.columns);
  } catch (err) {
    if (err instanceof SheetRefused) throw refuse('file', err.message);
    // A zip that is damaged inside; anything else (this machine's I/O) is not the uploader's fault.
    if (err instanceof XlsxDamaged) throw refuse('file', '文件已损坏或不是有效的 Excel 工作簿，请用模板重新填写后上传');
    throw err;
  }
}

/**
 * Takes an upload of a kind: the `org_id` field, then the `file` (.xlsx). The file is streamed to
 * disk within the size limit, checked (zip guard, header row) and refused at once with a 422
 * naming the problem; a good one becomes an import, its job enqueued in the same transaction
 * (audited). Nothing is kept of a refused upload.
 */
export async function startImport(ctx: Ctx, kindName: string, parts: AsyncIterable<UploadPart>) {
  const actor = requireAccount(ctx);
  const kind = kindNamed(ctx, kindName);
  let org: Awaited<ReturnType<typeof targetOrg>> | undefined;
  let stored: { path: string; fileName: string } | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.name !== 'org_id') throw refuse(part.name, '不允许的字段');
        if (org) throw refuse('org_id', '只能提交一个 org_id');
        org = await targetOrg(ctx, actor, kind, part.value);
        continue;
      }
      if (part.name !== 'file') throw refuse(part.name, '不允许的字段，文件应以 file 字段提交');
      if (!org) throw refuse('org_id', '请在文件之前提交 org_id 字段');
      if (stored) throw refuse('file', '一次只能上传一个文件');
      const now = new Date();
      const path = join(
        ctx.state.imports.dir,
        String(now.getUTCFullYear()),
        String(now.getUTCMonth() + 1).padStart(2, '0'),
        `${randomUUID()}.xlsx`,
      );
      await saveUpload(part.stream, path, ctx.state.imports.limits.maxFileBytes);
      stored = { path, fileName: part.fileName.slice(0, 200) || 'upload.xlsx' };
    }
    if (!org) throw refuse('org_id', '请选择要导入到的工会');
    if (!stored) throw refuse('file', '请选择要上传的 Excel 文件');
    await checkUpload(stored.path, kind, ctx);
    const target = org;
    const file = stored;
    const id = await withTransaction(ctx, async (tx) => {
      const importId = await q.insertImport(tx.db, {
        kind: kind.name,
        org_id: target.id,
        file_path: file.path,
        original_name: file.fileName,
        created_by: actor.accountId,
      });
      const jobId = await enqueueJob(
        tx,
        runImportJob,
        { import_id: importId },
        { orgId: target.id, singletonKey: `import:${importId}` },
      );
      await q.setImportJob(tx.db, importId, jobId);
      await recordAudit(tx, {
        action: 'import.started',
        entityType: 'import',
        entityId: importId,
        orgPath: target.path,
        details: { kind: kind.name, org_id: target.id },
      });
      return importId;
    });
    return getImport(ctx, id);
  } catch (err) {
    if (stored) await removeUpload(stored.path);
    throw err;
  }
}

/** An import as the console shows it: the run's end read through when the run ended first. */
function present(actor: AccountActor, ctx: Ctx, row: q.ImportViewRow): Static<typeof ImportView> {
  let state = row.status;
  let message = row.message;
  // A run that failed for good, or was cancelled in 后台任务, ends the import it was working.
  if ((state === 'queued' || state === 'running') && (row.job_state === 'failed' || row.job_state === 'cancelled')) {
    state = row.job_state;
    message = row.job_state === 'failed' ? `导入中断：${row.job_error ?? '任务失败'}（已写入的行保留）` : '任务已取消';
  }
  const total = row.total_rows;
  const progress =
    state === 'done' ? 100 : total === null ? 0 : Math.min(99, Math.floor((row.read_rows / Math.max(total, 1)) * 100));
  return {
    id: Number(row.id),
    kind: row.kind,
    kind_title: ctx.state.imports.kinds.get(row.kind)?.title ?? row.kind,
    org_id: row.org_id,
    org_name: row.org_name,
    file_name: row.original_name,
    state,
    message,
    total_rows: total,
    read_rows: row.read_rows,
    valid_rows: row.read_rows - row.error_rows,
    invalid_rows: row.error_rows,
    duplicate_rows: row.duplicate_rows,
    written_rows: row.written_rows,
    progress,
    has_errors: row.error_rows + row.duplicate_rows > 0,
    is_mine: row.created_by === actor.accountId,
    job_id: row.job_id === null ? null : Number(row.job_id),
    created_at: new Date(row.created_at).toISOString(),
    finished_at: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

async function visibleImport(ctx: Ctx, actor: AccountActor, id: number) {
  const row = await q.findVisibleImport(ctx.db, importVisibility(actor, ctx.state.imports.kinds.values()), id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** One import the caller sees (its kind's permission over its org): state, counts and progress. */
export async function getImport(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  return present(actor, ctx, await visibleImport(ctx, actor, id));
}

/** The imports the caller sees, newest first; `mine` keeps those it started. */
export async function listImports(ctx: Ctx, query: Static<typeof ImportListQuery>) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['bigint']);
  const rows = await q.findVisibleImports(ctx.db, importVisibility(actor, ctx.state.imports.kinds.values()), {
    kind: query.kind,
    createdBy: query.mine ? actor.accountId : undefined,
    afterId: after?.[0],
    limit,
  });
  const page = toPage(rows, limit, (r) => [Number(r.id)]);
  return { items: page.items.map((r) => present(actor, ctx, r)), next_cursor: page.next_cursor };
}

/**
 * Cancels a queued or running import: the batch being written rolls back, the batches already
 * committed stay (every written row is a whole, valid record), the upload is deleted. 409 once ended.
 */
export async function cancelImport(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  const row = await withTransaction(ctx, async (tx) => {
    const found = await visibleImport(tx, actor, id);
    const shown = present(actor, tx, found);
    if (shown.state !== 'queued' && shown.state !== 'running')
      throw new AppError('conflict', undefined, '导入已经结束，不能取消');
    if (!(await q.cancelImportRow(tx.db, id))) throw new AppError('conflict', undefined, '导入已经结束，不能取消');
    await recordAudit(tx, {
      action: 'import.cancelled',
      entityType: 'import',
      entityId: id,
      orgPath: found.org_path,
      details: { kind: found.kind, written: found.written_rows },
    });
    return found;
  });
  await removeUpload(row.file_path);
  return getImport(ctx, id);
}

/**
 * The error report of an import the caller sees: each row not written, as it was read, with 行号
 * and 错误原因. The rows hold ID numbers and phones, so the download is audited.
 */
export async function importErrorReport(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  const found = await visibleImport(ctx, actor, id);
  const kind = kindNamed(ctx, found.kind);
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, {
      action: 'import.errors_downloaded',
      entityType: 'import',
      entityId: id,
      orgPath: found.org_path,
      details: { kind: kind.name, rows: found.error_rows + found.duplicate_rows },
    }),
  );
  async function* rows(): AsyncGenerator<Record<string, SheetValue>> {
    for await (const e of q.listImportErrors(ctx, id)) yield { __row: e.rowNumber, ...e.raw, __error: e.message };
  }
  return {
    fileName: `${kind.title}-错误报告-${id}.xlsx`,
    sheetName: '错误报告',
    columns: errorReportColumns(kind.columns),
    rows: rows(),
  };
}
