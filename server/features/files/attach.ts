/**
 * What the features that own records call (docs/decisions/0012-uploads.md): attach uploads to a
 * record inside the feature's own write, list a record's files for its answer, remove them.
 */
import type { Static } from '@sinclair/typebox';
import type { AttachmentRefs } from '../../../common/api/files';
import { AppError, type FieldErrors } from '../../../common/errors';
import type { Ctx } from '../../http/context';
import type { FileKind } from '../../http/file-kind';
import { isUploader } from './policy';
import { fileView } from './service';
import { attachRows, countAttached, findAttached, lockFilesForAttach, lockRecordFiles, markRemoved } from './sql';

export type AttachmentRef = Static<typeof AttachmentRefs>[number];

function kindOf(ctx: Ctx, name: string): FileKind {
  const kind = ctx.state.files.kinds.get(name);
  // A feature names its own kinds: an unknown one is a programming error, not the client's.
  if (!kind) throw new Error(`file kind ${name} is not declared by any feature`);
  return kind;
}

function inTransaction(tx: Ctx, what: string): void {
  if (!tx.db.isTransaction) throw new Error(`${what} must run inside the owning write's transaction (withTransaction)`);
}

/**
 * Attaches uploads to the record `recordId` of `kind`, inside the caller's transaction (so the
 * record and its files commit together). Each file must be of this kind, not yet attached, and
 * uploaded by this caller (same account, same worker, or its upload token, see AttachmentRefs),
 * and the record may hold at most the kind's maxPerRecord; otherwise a 422 naming
 * `<field>.<i>` (or `<field>` for the count). Answers the attached files' views. The caller's own
 * audit entry records the attachment (its details may list the ids).
 */
export async function attachFiles(
  tx: Ctx,
  kindName: string,
  recordId: number,
  refs: readonly AttachmentRef[],
  field = 'attachments',
) {
  inTransaction(tx, 'attachFiles');
  const kind = kindOf(tx, kindName);
  if (refs.length === 0) return [];
  await lockRecordFiles(tx.db, kind.name, recordId);
  const existing = await countAttached(tx.db, kind.name, recordId);
  if (existing + refs.length > kind.maxPerRecord)
    throw new AppError('validation_failed', {
      [field]: `最多 ${kind.maxPerRecord} 个文件${existing ? `（已有 ${existing} 个）` : ''}`,
    });
  const rows = new Map(
    (await lockFilesForAttach(tx.db, [...new Set(refs.map((r) => r.id))])).map((row) => [row.id, row]),
  );
  const fields: FieldErrors = {};
  refs.forEach((ref, i) => {
    const row = rows.get(ref.id);
    const name = `${field}.${i}`;
    // A file that is missing and one that is someone else's read alike: ids are not probed.
    if (!row || !isUploader(tx.actor, row, ref.token)) fields[name] = '文件不存在或不是本人上传的';
    else if (refs.findIndex((r) => r.id === ref.id) !== i) fields[name] = '重复的文件';
    else if (row.kind !== kind.name) fields[name] = '文件的用途与此处不符，请重新上传';
    else if (row.record_id !== null) fields[name] = '文件已被使用，请重新上传';
  });
  if (Object.keys(fields).length) throw new AppError('validation_failed', fields);
  const ids = refs.map((r) => r.id);
  await attachRows(tx.db, ids, recordId);
  return ids.map((id) => fileView(rows.get(id)!));
}

/** A record's files (oldest first), as its read answers them; the caller has checked the record's scope. */
export async function listFiles(ctx: Ctx, kindName: string, recordId: number) {
  return (await findAttached(ctx.db, kindOf(ctx, kindName).name, recordId)).map(fileView);
}

/**
 * Removes files from a record (all of them, or those named), inside the owning write: they read
 * as missing at once and the sweep deletes their bytes and rows. Answers the ids it removed.
 */
export async function removeFiles(tx: Ctx, kindName: string, recordId: number, ids: readonly string[] | 'all') {
  inTransaction(tx, 'removeFiles');
  return (await markRemoved(tx.db, kindOf(tx, kindName).name, recordId, ids)).map((r) => r.id);
}
