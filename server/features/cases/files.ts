import { defineFileKind } from '../../http/file-kind';
import type { Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import type { Permission } from '../../../common/permissions';
import { caseHasPartyWithin } from './sql';

/** A case's photos (欠薪 pay slips, a hazard): images only, private to the unions handling the case. */
export const CASE_ATTACHMENTS = 'cases.attachment';
export const CASE_ATTACHMENTS_MAX = 6;
export const CASE_ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

const CASE_PERMISSIONS: readonly Permission[] = ['cases.intake', 'cases.dispatch', 'cases.handle', 'cases.supervise'];

/** The file kinds the cases feature owns (Feature.fileKinds). */
export const caseFileKinds = [
  defineFileKind({
    name: CASE_ATTACHMENTS,
    accepts: ['image'],
    isPublic: false,
    maxPerRecord: CASE_ATTACHMENTS_MAX,
    maxBytes: CASE_ATTACHMENT_MAX_BYTES,
    // A worker files from the H5 without signing in: the upload answers a token the case presents.
    allowAnonymous: true,
    // Read by cadres whose case permissions cover one of the case's parties (receiving, handling, co-handling).
    canRead: async (ctx: Ctx, caseId: number) => {
      if (ctx.actor?.kind !== 'account') return false;
      const actor = ctx.actor;
      const roots = [...new Set(CASE_PERMISSIONS.flatMap((p) => scopeFor(actor, p).paths))];
      return caseHasPartyWithin(ctx.db, caseId, roots);
    },
  }),
];
