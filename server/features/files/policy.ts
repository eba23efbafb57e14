import { createHash, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../http/actor';
import type { Ctx } from '../../http/context';
import type { FileKind } from '../../http/file-kind';

/** Who uploaded a file, as its row says. */
export interface Uploader {
  uploader_account_id: number | null;
  uploader_phone_hash: Buffer | null;
  upload_token_hash: Buffer | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Whether the caller is the file's uploader: the same account, the same worker (by phone), the
 * holder of the upload's token, or the system for a file the system uploaded (a seed's photo).
 */
export function isUploader(actor: Actor | null, file: Uploader, token?: string): boolean {
  if (token !== undefined && file.upload_token_hash && timingSafeEqual(hashToken(token), file.upload_token_hash))
    return true;
  if (actor?.kind === 'account') return file.uploader_account_id === actor.accountId;
  if (actor?.kind === 'worker') return file.uploader_phone_hash?.equals(actor.phoneHash) ?? false;
  if (actor?.kind === 'system')
    return file.uploader_account_id === null && file.uploader_phone_hash === null && file.upload_token_hash === null;
  return false;
}

/** Whether the caller may upload files of the kind: 'ok', or the error to answer with. */
export function mayUpload(kind: FileKind, ctx: Ctx): 'ok' | 'unauthenticated' | 'forbidden' {
  if (!ctx.actor) return kind.allowAnonymous ? 'ok' : 'unauthenticated';
  if (ctx.actor.kind === 'system') return 'ok';
  return !kind.canUpload || kind.canUpload(ctx) ? 'ok' : 'forbidden';
}

/** What the uploader columns of a new file say about the caller (a token only for anonymous callers). */
export function uploaderOf(actor: Actor | null, tokenHash: Buffer | null): Uploader {
  return {
    uploader_account_id: actor?.kind === 'account' ? actor.accountId : null,
    uploader_phone_hash: actor?.kind === 'worker' ? actor.phoneHash : null,
    upload_token_hash: actor ? null : tokenHash,
  };
}
