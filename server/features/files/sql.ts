import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { FilesTable } from '../../db/schema';

/** What reads and checks need of a file (everything but the timestamps' bookkeeping). */
const FILE_COLUMNS = [
  'id',
  'kind',
  'record_id',
  'uploader_account_id',
  'uploader_phone_hash',
  'upload_token_hash',
  'content_type',
  'size',
  'width',
  'height',
  'sha256',
  'storage_key',
  'thumb_key',
  'is_public',
  'created_at',
] as const;

export type FileRow = Awaited<ReturnType<typeof findLiveFile>> & {};

export const insertFiles = (db: Db, rows: Insertable<FilesTable>[]) => db.insertInto('files').values(rows).execute();

/** A file not removed from its record, or undefined. */
export const findLiveFile = (db: Db, id: string) =>
  db.selectFrom('files').select(FILE_COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();

/** The files an attach names, locked until the attaching write ends (two writes cannot both take one). */
export const lockFilesForAttach = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('files')
    .select(FILE_COLUMNS)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .execute();

/**
 * Serialises attaches to one record (held until the transaction ends), so two at once cannot
 * both pass the per-record count.
 */
export const lockRecordFiles = (db: Db, kind: string, recordId: number) =>
  sql`SELECT pg_advisory_xact_lock(hashtextextended(${`files:${kind}:${recordId}`}, 0))`.execute(db);

export const countAttached = async (db: Db, kind: string, recordId: number) =>
  (
    await db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', kind)
      .where('record_id', '=', recordId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).n;

export const attachRows = (db: Db, ids: readonly string[], recordId: number) =>
  db
    .updateTable('files')
    .set({ record_id: recordId, attached_at: sql`now()` })
    .where('id', 'in', ids)
    .execute();

/** A record's files, oldest first. */
export const findAttached = (db: Db, kind: string, recordId: number) =>
  db
    .selectFrom('files')
    .select(['id', 'content_type', 'size', 'width', 'height', 'thumb_key', 'created_at'])
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .where('deleted_at', 'is', null)
    .orderBy('attached_at')
    .orderBy('id')
    .execute();

/** Marks files of a record removed; returns the ids it marked. */
export const markRemoved = (db: Db, kind: string, recordId: number, ids: readonly string[] | 'all') => {
  let q = db
    .updateTable('files')
    .set({ deleted_at: sql`now()` })
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .where('deleted_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.returning('id').execute();
};

/** Deletes an unattached file's row; undefined when it was attached or gone meanwhile. */
export const deleteUnattached = (db: Db, id: string) =>
  db
    .deleteFrom('files')
    .where('id', '=', id)
    .where('record_id', 'is', null)
    .returning(['storage_key', 'thumb_key'])
    .executeTakeFirst();

/**
 * A batch of files the sweep may delete: never attached and older than the grace period, or
 * removed from their record. Locked and skipped by another sweep running at once (SKIP LOCKED),
 * so two nodes split the work instead of doing it twice.
 */
export const claimSweepable = (db: Db, graceHours: number, limit: number) =>
  db
    .selectFrom('files')
    .select(['id', 'storage_key', 'thumb_key', 'record_id'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('record_id', 'is', null),
          eb('created_at', '<', sql<Date>`now() - make_interval(hours => ${graceHours})`),
        ]),
        eb('deleted_at', 'is not', null),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

export const deleteRows = (db: Db, ids: readonly string[]) => db.deleteFrom('files').where('id', 'in', ids).execute();

/** Which of these ids have a row (removed ones too: their bytes are the row sweep's to delete). */
export const existingIds = async (db: Db, ids: readonly string[]) =>
  new Set(
    ids.length === 0
      ? []
      : (await db.selectFrom('files').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  );
