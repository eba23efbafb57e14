import type { FieldErrors } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import type { ImportKind } from '../../http/import-kind';
import { readSheetRows, SheetRefused, type SheetRow } from './read-rows';
import * as q from './sql';
import { countSheetRows } from './xlsx-guard';
import { XlsxDamaged } from './xlsx-reader';

const DAMAGED = '文件已损坏，无法读完，请重新保存为 .xlsx 后上传';

/** How a run reads and writes; the defaults are the deployment's (IMPORT_* settings later). */
export interface RunOptions {
  batchSize: number;
  maxRows: number;
  signal?: AbortSignal;
  progress?(percent: number, message: string): Promise<void>;
}

export const DEFAULT_RUN_OPTIONS: RunOptions = { batchSize: 1000, maxRows: 500_000 };

interface Pending {
  row: SheetRow;
  value: unknown;
  key: string;
}

/**
 * Runs (or resumes) import `importId`: counts the rows first from the sheet's XML (a file past
 * the maximum is refused before anything is written), then streams the sheet, validating every row and writing the
 * valid ones in batches. Each batch's transaction also stores its bad and duplicate rows and moves
 * `checkpoint_row`, so a killed run resumes after the last committed batch and writes no row twice.
 * Rows up to the checkpoint are re-read only to rebuild the in-file duplicate check.
 */
export async function runImport(
  ctx: Ctx,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kind: ImportKind<any, any>,
  importId: number,
  opts: RunOptions = DEFAULT_RUN_OPTIONS,
): Promise<q.ImportRow> {
  const found = await q.findImport(ctx.db, importId);
  if (!found) throw new Error(`import ${importId} not found`);
  // Only a queued or interrupted run goes on; done, refused and cancelled imports stay as they are.
  const imp = await q.markRunning(ctx.db, importId);
  if (!imp) return found;
  try {
    let total = imp.total_rows;
    if (total === null) {
      await opts.progress?.(0, '正在检查文件…');
      // A count from the sheet's XML (no parse): a file over the maximum is refused before a row is written.
      total = await countSheetRows(imp.file_path);
      if (total > opts.maxRows) throw new SheetRefused(`数据行超过 ${opts.maxRows} 行上限，请分成几个文件上传`);
      await q.updateImport(ctx.db, importId, { total_rows: total });
    }
    const prepared = await kind.prepare(ctx, imp.org_id);
    const seen = new Map<string, number>();
    let batch: Pending[] = [];
    let errors: { row: SheetRow; message: string }[] = [];
    let read = 0;
    let lastRow = imp.checkpoint_row;
    // One batch is written while the next is read and checked (on PostgreSQL the two overlap);
    // a batch starts only once the one before it has committed, so the checkpoint stays in order.
    let inFlight: Promise<number> | undefined;
    const settle = async () => {
      if (!inFlight) return;
      const writing = inFlight;
      inFlight = undefined;
      const upTo = await writing;
      await opts.progress?.(Math.floor((upTo / Math.max(total!, 1)) * 100), `已处理 ${upTo} / ${total} 行`);
    };
    const flush = async () => {
      if (batch.length === 0 && errors.length === 0 && lastRow <= imp.checkpoint_row) return;
      await settle();
      // Stopping: the batch read meanwhile is not written (a resumed run reads it again).
      if (opts.signal?.aborted) return;
      const upTo = read;
      inFlight = writeBatch(ctx, kind, imp, batch, errors, lastRow).then(() => upTo);
      inFlight.catch(() => {}); // surfaces when settled
      batch = [];
      errors = [];
    };
    for await (const row of readSheetRows(imp.file_path, kind.columns, { maxRows: opts.maxRows })) {
      read++;
      const parsed = kind.parseRow(row.raw, { orgId: imp.org_id, rowNumber: row.rowNumber, prepared });
      const key = parsed.ok ? kind.dedupeKey(parsed.value) : null;
      const first = key === null ? undefined : seen.get(key);
      if (key !== null && first === undefined) seen.set(key, row.rowNumber);
      if (row.rowNumber <= imp.checkpoint_row) continue;
      if (!parsed.ok) errors.push({ row, message: describe(parsed.errors) });
      else if (first !== undefined) errors.push({ row, message: `与第 ${first} 行重复（同一身份）` });
      else batch.push({ row, value: parsed.value, key: key! });
      lastRow = row.rowNumber;
      if (batch.length + errors.length >= opts.batchSize) {
        await flush();
        if (opts.signal?.aborted) {
          await settle();
          return (await q.findImport(ctx.db, importId))!;
        }
      }
    }
    await flush();
    await settle();
    // Stopped at the last batch: it was not written; the run that resumes finishes the import.
    if (opts.signal?.aborted) return (await q.findImport(ctx.db, importId))!;
    // The count is an upper bound (a row of empty strings is counted, then skipped): the end says what was read.
    await q.finishImport(ctx.db, importId, { status: 'done', message: null, total_rows: read });
    await opts.progress?.(100, '导入完成');
  } catch (err) {
    if (err instanceof ImportCancelled) return (await q.findImport(ctx.db, importId))!;
    // The count reads the whole sheet first, so a part damaged anywhere refuses the file before a row is written.
    if (err instanceof XlsxDamaged) await q.finishImport(ctx.db, importId, { status: 'refused', message: DAMAGED });
    else if (err instanceof SheetRefused)
      await q.finishImport(ctx.db, importId, { status: 'refused', message: err.message });
    else throw err;
  }
  return (await q.findImport(ctx.db, importId))!;
}

/** One batch in one transaction: registry duplicates, the writes, the error rows and the checkpoint. */
async function writeBatch(
  ctx: Ctx,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kind: ImportKind<any, any>,
  imp: q.ImportRow,
  batch: Pending[],
  errors: { row: SheetRow; message: string }[],
  lastRow: number,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const existing = await kind.findExisting(
      tx,
      batch.map((p) => p.key),
    );
    const fresh = batch.filter((p) => !existing.has(p.key));
    const dups = batch.filter((p) => existing.has(p.key));
    const written = await kind.writeBatch(
      tx,
      fresh.map((p) => p.value),
      { importId: imp.id, orgId: imp.org_id, createdBy: imp.created_by },
    );
    const errorRows = [
      ...errors.map((e) => ({ rowNumber: e.row.rowNumber, raw: e.row.raw, message: e.message })),
      ...dups.map((p) => ({ rowNumber: p.row.rowNumber, raw: p.row.raw, message: '已在会员库中（重复，未导入）' })),
    ];
    await q.insertImportErrors(tx, imp.id, errorRows);
    // A row lost to a concurrent registration (ON CONFLICT) counts as a duplicate.
    const advanced = await q.advanceCheckpoint(tx.db, imp.id, {
      checkpoint_row: lastRow,
      read: batch.length + errors.length,
      written,
      duplicates: dups.length + (fresh.length - written),
      errors: errors.length,
    });
    // Cancelled meanwhile: this batch rolls back with the rest of the transaction.
    if (!advanced) throw new ImportCancelled();
  });
}

/** Thrown inside a batch's transaction when the import was cancelled: the batch is not written. */
class ImportCancelled extends Error {}

function describe(errors: FieldErrors): string {
  return Object.values(errors).join('；');
}
