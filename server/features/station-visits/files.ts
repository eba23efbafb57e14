import { defineFileKind } from '../../http/file-kind';
import type { Ctx } from '../../http/context';
import { stationsSeenBy } from './policy';
import { seesProblem } from './sql';

/** A problem report's photos: up to 3 images, private to the station's keeper and owning union. */
export const PROBLEM_PHOTOS = 'station-visits.problem_photo';

/** The file kinds the station-visits feature owns (Feature.fileKinds). */
export const stationVisitFileKinds = [
  defineFileKind({
    name: PROBLEM_PHOTOS,
    accepts: ['image'],
    isPublic: false,
    maxPerRecord: 3,
    maxBytes: 10 * 1024 * 1024,
    // A rider reports from the H5 without signing in: the upload answers a token the report presents.
    allowAnonymous: true,
    canRead: async (ctx: Ctx, problemId: number) =>
      ctx.actor?.kind === 'account' && seesProblem(ctx.db, stationsSeenBy(ctx.actor), problemId),
  }),
];
