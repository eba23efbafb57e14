import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ImportsTable } from '../../db/schema';
import type { Ctx } from '../../http/context';

export type ImportRow = Selectable<ImportsTable>;

/** Creates an import row for an uploaded file. */
export async function insertImport(
  db: Db,
  row: { kind: string; org_id: number; file_path: string; original_name: string; created_by: number | null },
): Promise<number> {
  const r = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findImport(db: Db, id: number): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImport(db: Db, id: number, patch: Updateable<ImportsTable>): Promise<void> {
  await db
    .updateTable('imports')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Moves the checkpoint and adds a batch's counts; called inside the batch's transaction. */
export async function advanceCheckpoint(
  db: Db,
  id: number,
  b: { checkpoint_row: number; read: number; written: number; duplicates: number; errors: number },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      checkpoint_row: b.checkpoint_row,
      read_rows: sql`read_rows + ${b.read}`,
      written_rows: sql`written_rows + ${b.written}`,
      duplicate_rows: sql`duplicate_rows + ${b.duplicates}`,
      error_rows: sql`error_rows + ${b.errors}`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Stores rows not written, the original row encrypted (it holds ID numbers and phones). */
export async function insertImportErrors(
  tx: Ctx,
  importId: number,
  rows: { rowNumber: number; raw: Record<string, string>; message: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.db
    .insertInto('import_errors')
    .values(
      rows.map((r) => ({
        import_id: importId,
        row_number: r.rowNumber,
        raw_enc: tx.cipher.encrypt(JSON.stringify(r.raw)),
        message: r.message,
      })),
    )
    .execute();
}

/** The error rows of an import in sheet order, keyset-paged for the streamed report. */
export async function* listImportErrors(ctx: Ctx, importId: number, page = 1000) {
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .selectFrom('import_errors')
      .select(['row_number', 'raw_enc', 'message'])
      .where('import_id', '=', importId)
      .where('row_number', '>', after)
      .orderBy('row_number')
      .limit(page)
      .execute();
    for (const r of rows) {
      yield {
        rowNumber: r.row_number,
        raw: JSON.parse(ctx.cipher.decrypt(r.raw_enc)) as Record<string, string>,
        message: r.message,
      };
    }
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.row_number;
  }
}
