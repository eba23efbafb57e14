import { defineFileKind } from '../../http/file-kind';
import type { Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import * as q from './sql';

/** A member's photo (for the e-member card); one per member, private. */
export const PHOTO_FILES = 'members.photo';
/** The scans of an honour's certificate; the record is the honour. */
export const CERTIFICATE_FILES = 'members.honour_certificate';

const isCadre = (ctx: Ctx) => ctx.actor?.kind === 'account';

/** Whether the actor reads member `id` (members.read scope), as the profile's own read decides. */
async function readsMember(ctx: Ctx, id: number): Promise<boolean> {
  if (ctx.actor?.kind !== 'account') return false;
  return (await q.findMemberInScope(ctx.db, scopeFor(ctx.actor, 'members.read'), id)) !== undefined;
}

/** The file kinds the members feature owns (Feature.fileKinds). */
export const memberFileKinds = [
  defineFileKind({
    name: PHOTO_FILES,
    accepts: ['image'],
    isPublic: false,
    maxPerRecord: 1,
    maxBytes: 5 * 1024 * 1024,
    canUpload: isCadre,
    canRead: readsMember,
  }),
  defineFileKind({
    name: CERTIFICATE_FILES,
    accepts: ['image', 'pdf'],
    isPublic: false,
    maxPerRecord: 5,
    canUpload: isCadre,
    canRead: async (ctx, honourId) => {
      const memberId = await q.findHonourMember(ctx.db, honourId);
      return memberId !== undefined && readsMember(ctx, memberId);
    },
  }),
];
