import { sql, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ImportsTable } from '../../db/schema';
import type { Ctx } from '../../http/context';
import { pathInScope, type Scope } from '../../http/scope';

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
  return db
    .selectFrom('imports')
    .select([
      'id',
      'kind',
      'org_id',
      'file_path',
      'original_name',
      'status',
      'message',
      'total_rows',
      'read_rows',
      'written_rows',
      'duplicate_rows',
      'error_rows',
      'checkpoint_row',
      'created_by',
      'created_at',
      'updated_at',
      'finished_at',
      'job_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateImport(db: Db, id: number, patch: Updateable<ImportsTable>): Promise<void> {
  await db
    .updateTable('imports')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Starts (or resumes) a queued or running import; undefined when it is done, refused or cancelled. */
export async function markRunning(db: Db, id: number): Promise<ImportRow | undefined> {
  return db
    .updateTable('imports')
    .set({ status: 'running', updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Ends a running import (done or refused); a cancelled one stays cancelled. */
export async function finishImport(
  db: Db,
  id: number,
  end: { status: 'done' | 'refused'; message: string | null; total_rows?: number },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({ ...end, finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Moves the checkpoint and adds a batch's counts; called inside the batch's transaction. False
 * when the import is no longer running (cancelled): the caller rolls the batch back.
 */
export async function advanceCheckpoint(
  db: Db,
  id: number,
  b: { checkpoint_row: number; read: number; written: number; duplicates: number; errors: number },
): Promise<boolean> {
  const r = await db
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
    .where('status', '=', 'running')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
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

/** Records the job run working the import (set in the transaction that enqueues it). */
export async function setImportJob(db: Db, id: number, jobId: number): Promise<void> {
  await db.updateTable('imports').set({ job_id: jobId }).where('id', '=', id).execute();
}

/** Per kind, the subtrees where the caller holds the kind's permission: where its imports are visible. */
export type ImportVisibility = ReadonlyArray<{ kind: string; scope: Scope }>;

const visible = (vis: ImportVisibility) =>
  sql<SqlBool>`(${sql.join(
    vis.length === 0
      ? [sql`false`]
      : vis.map((v) => sql`(imports.kind = ${v.kind} AND ${pathInScope(v.scope, 'orgs.path')})`),
    sql` OR `,
  )})`;

const viewOf = (db: Db) =>
  db
    .selectFrom('imports')
    .innerJoin('orgs', 'orgs.id', 'imports.org_id')
    .leftJoin('jobs', 'jobs.id', 'imports.job_id')
    .select([
      'imports.id',
      'imports.kind',
      'imports.org_id',
      'orgs.name as org_name',
      'orgs.path as org_path',
      'imports.original_name',
      'imports.file_path',
      'imports.status',
      'imports.message',
      'imports.total_rows',
      'imports.read_rows',
      'imports.written_rows',
      'imports.duplicate_rows',
      'imports.error_rows',
      'imports.created_by',
      'imports.created_at',
      'imports.finished_at',
      'imports.job_id',
      'jobs.state as job_state',
      'jobs.error as job_error',
    ]);

export type ImportViewRow = Awaited<ReturnType<ReturnType<typeof viewOf>['executeTakeFirstOrThrow']>>;

/** One import the caller sees, with its org and its run's state; undefined when missing or out of sight. */
export function findVisibleImport(db: Db, vis: ImportVisibility, id: number) {
  return viewOf(db).where('imports.id', '=', id).where(visible(vis)).executeTakeFirst();
}

/** A page of the imports the caller sees, newest first (keyset on id). */
export function findVisibleImports(
  db: Db,
  vis: ImportVisibility,
  f: { kind?: string; createdBy?: number; afterId?: number; limit: number },
) {
  let qb = viewOf(db).where(visible(vis));
  if (f.kind) qb = qb.where('imports.kind', '=', f.kind);
  if (f.createdBy !== undefined) qb = qb.where('imports.created_by', '=', f.createdBy);
  if (f.afterId !== undefined) qb = qb.where('imports.id', '<', f.afterId);
  return qb
    .orderBy('imports.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Cancels a queued or running import; false when it had already ended. */
export async function cancelImportRow(db: Db, id: number): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({ status: 'cancelled', finished_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The target org of an upload: its path and whether it is active (undefined when missing). */
export function findOrg(db: Db, id: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'status']).where('id', '=', id).executeTakeFirst();
}
