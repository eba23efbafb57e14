import type { Static } from '@sinclair/typebox';
import type { MyReviewAnswer, ReviewBody, ReviewSummary } from '../../../common/api/station-visits';
import { AppError } from '../../../common/errors';
import { LATEST_COMMENTS, maskDigitRuns } from '../../../common/station-visits';
import { withTransaction, type Ctx } from '../../http/context';
import * as q from './sql';

/**
 * 评价: a signed-in worker rates a station 1–5 with an optional comment; one rating per worker per
 * station, changed with the version read. The rater is kept only as a keyed hash of their phone's
 * blind index. The comment is free text that may name or reach a person: it is sealed (AES-GCM) for
 * its author, and the public summary shows a copy with every phone-like run of digits masked and
 * never says who wrote it.
 */

function raterOf(ctx: Ctx): Buffer {
  if (ctx.actor?.kind !== 'worker') throw new AppError('unauthenticated', undefined, '请先用手机号登录后再评价');
  return ctx.cipher.blindIndex(`review|${ctx.actor.phoneHash.toString('hex')}`);
}

async function publicStation(ctx: Ctx, stationId: number) {
  const station = await q.findPublicStation(ctx.db, stationId);
  if (!station) throw new AppError('not_found');
  return station;
}

function present(ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof q.findReview>>>) {
  return {
    rating: row.rating,
    comment: row.comment_enc === null ? null : ctx.cipher.decrypt(row.comment_enc),
    version: row.version,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** The signed-in worker's own rating of a station (null: none yet). */
export async function getMyReview(ctx: Ctx, stationId: number): Promise<Static<typeof MyReviewAnswer>> {
  const rater = raterOf(ctx);
  await publicStation(ctx, stationId);
  const row = await q.findReview(ctx.db, stationId, rater);
  return { review: row ? present(ctx, row) : null };
}

/** Rates a station, or changes one's rating (`version` as read; a stale or missing one is a 409). */
export async function rateStation(
  ctx: Ctx,
  stationId: number,
  body: Static<typeof ReviewBody>,
): Promise<Static<typeof MyReviewAnswer>> {
  const rater = raterOf(ctx);
  const comment = body.comment?.trim() || null;
  const sealed = {
    rating: body.rating,
    comment_enc: comment === null ? null : ctx.cipher.encrypt(comment),
    comment_public: comment === null ? null : maskDigitRuns(comment),
  };
  await withTransaction(ctx, async (tx) => {
    await publicStation(tx, stationId);
    const existing = await q.findReview(tx.db, stationId, rater);
    if (!existing) {
      // A version for a rating that does not exist: the client's view is stale (another tab).
      if (body.version !== undefined) throw new AppError('stale_version');
      if (!(await q.insertReview(tx.db, { station_id: stationId, rater_hash: rater, ...sealed })))
        throw new AppError('stale_version');
      return;
    }
    if (body.version !== existing.version) throw new AppError('stale_version');
    if (!(await q.updateReview(tx.db, existing.id, existing.version, sealed))) throw new AppError('stale_version');
  });
  return getMyReview(ctx, stationId);
}

/** A station's public rating summary: average, count, how many of each score and the latest comments, masked and unsigned. */
export async function getReviewSummary(ctx: Ctx, stationId: number): Promise<Static<typeof ReviewSummary>> {
  await publicStation(ctx, stationId);
  const counts = await q.countRatings(ctx.db, stationId);
  const histogram = [0, 0, 0, 0, 0];
  for (const c of counts) histogram[c.rating - 1] = c.n;
  const count = histogram.reduce((a, b) => a + b, 0);
  const sum = histogram.reduce((a, n, i) => a + n * (i + 1), 0);
  const latest = await q.findLatestComments(ctx.db, stationId, LATEST_COMMENTS);
  return {
    station_id: stationId,
    count,
    average: count === 0 ? null : Math.round((sum / count) * 10) / 10,
    histogram,
    latest: latest.map((r) => ({ rating: r.rating, comment: r.comment_public ?? '', day: r.day })),
  };
}
