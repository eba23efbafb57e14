import { defineFileKind } from '../../http/file-kind';
import type { Ctx } from '../../http/context';
import { seesCase } from './access';
import * as q from './sql';

/** A case's photos and documents: the requester's evidence (an unpaid-wage slip, a hazard photo). */
export const CASE_ATTACHMENTS = 'cases.attachment';

/** The file kinds the cases feature owns (Feature.fileKinds). */
export const caseFileKinds = [
  defineFileKind({
    name: CASE_ATTACHMENTS,
    accepts: ['image', 'pdf'],
    isPublic: false,
    maxPerRecord: 6,
    maxBytes: 8 * 1024 * 1024,
    // A worker files from the H5 without signing in: the upload answers a token the case presents.
    allowAnonymous: true,
    canRead: async (ctx: Ctx, caseId: number) => {
      if (ctx.actor?.kind !== 'account') return false;
      const kase = await q.findCase(ctx.db, caseId);
      return !!kase && seesCase(ctx.actor, kase.party_paths);
    },
  }),
];
