import type { Static } from '@sinclair/typebox';
import { maskName } from '../../../common/id-number';
import { AppError } from '../../../common/errors';
import type { CardResult, CardToken, CardVerification, MyCard } from '../../../common/api/cards';
import { withTransaction, type Ctx } from '../../http/context';
import { recordAudit } from '../audit/record';
import { cardKey, minuteOf, readCardToken, signCardToken } from './token';
import * as q from './sql';

/** The card of the worker signed in by phone; 404 for anyone else and for a phone that is not a member. */
async function findOwnCard(ctx: Ctx) {
  if (ctx.actor?.kind !== 'worker') throw new AppError('not_found');
  const card = await q.findCardByPhoneHash(ctx.db, ctx.actor.phoneHash);
  if (!card) throw new AppError('not_found');
  return card;
}

/** The signed-in worker's own e-member card (full name: it is their own). */
export async function getMyCard(ctx: Ctx): Promise<Static<typeof MyCard>> {
  const card = await findOwnCard(ctx);
  return {
    name: card.name,
    org_name: card.org_name,
    member_no: card.member_no,
    status: card.status,
    joined_on: card.joined_on,
    id_masked: card.id_masked,
  };
}

/** The card's QR payload for the current minute; the page fetches a new one when it expires. */
export async function issueCardToken(ctx: Ctx, now = Date.now()): Promise<Static<typeof CardToken>> {
  const card = await findOwnCard(ctx);
  const minute = minuteOf(now);
  return {
    payload: signCardToken(cardKey(ctx.config.blindIndexKey), card.id, minute),
    expires_at: new Date((minute + 1) * 60_000).toISOString(),
  };
}

/**
 * Checks a scanned card payload: valid when signed by us for this minute or the previous one,
 * expired when older (a screenshot), revoked when the member has lapsed, invalid otherwise
 * (garbled, forged, from the future, an unknown member). Never an error for any string.
 */
export async function verifyCard(
  ctx: Ctx,
  payload: string,
  now = Date.now(),
): Promise<Static<typeof CardVerification>> {
  const checkedAt = new Date(now).toISOString();
  const token = readCardToken(cardKey(ctx.config.blindIndexKey), payload);
  const current = minuteOf(now);
  const member = token && token.minute <= current ? await q.findCardById(ctx.db, token.memberId) : undefined;
  if (!token || !member) return { result: 'invalid', checked_at: checkedAt };

  const result: CardResult = member.status === 'lapsed' ? 'revoked' : token.minute >= current - 1 ? 'valid' : 'expired';
  // Only a console account's check is audited: it is a cadre looking a member up. Anonymous checks
  // (a partner at a counter, anyone with a phone) are not: an audit row per scan would let anyone
  // fill the log, and the log could not say who looked anyway. They are rate-limited instead.
  if (ctx.actor?.kind === 'account') {
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, {
        action: 'cards.verified',
        entityType: 'member',
        entityId: member.id,
        orgPath: member.path,
        details: { result },
      }),
    );
  }
  return {
    result,
    org_name: member.org_name,
    name_masked: maskName(member.name),
    member_no: member.member_no,
    checked_at: checkedAt,
  };
}
