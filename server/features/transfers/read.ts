import type { Static } from '@sinclair/typebox';
import type { TransferListQuery } from '../../../common/api/transfers';
import { AppError } from '../../../common/errors';
import { formatOrgCode } from '../../../common/org-code';
import { MEMBER_ORG_TYPES } from '../../../common/org-types';
import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import { likeEscape } from '../../../common/names';
import { findRegion } from '../regions/regions';
import { presentTransfers } from './present';
import { findMyMembers } from './service';
import * as q from './sql';

/**
 * The queue: transfers into (incoming) or out of (outgoing) the unions in the caller's
 * members.read scope, or both; open ones oldest first, each with its due date and days left.
 */
export async function listTransfers(ctx: Ctx, query: Static<typeof TransferListQuery>) {
  const scope = scopeFor(requireAccount(ctx), 'members.read');
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['bigint'] as const);
  const rows = await q.findTransfers(ctx.db, scope, {
    direction: query.direction,
    state: query.state,
    afterId: after?.[0],
    limit,
  });
  const page = toPage(rows, limit, (r) => [Number(r.id)]);
  return { items: await presentTransfers(ctx, page.items), next_cursor: page.next_cursor };
}

/** One transfer either of whose unions is in the caller's members.read scope; `not_found` otherwise. */
export async function getTransfer(ctx: Ctx, id: number) {
  const row = await q.findTransferInScope(ctx.db, scopeFor(requireAccount(ctx), 'members.read'), id);
  if (!row) throw new AppError('not_found');
  return (await presentTransfers(ctx, [row]))[0]!;
}

/** The signed-in worker's own transfers (by the member records of their phone), newest first. */
export async function listMyTransfers(ctx: Ctx) {
  const mine = await findMyMembers(ctx);
  const rows = await q.findTransfersOfMembers(
    ctx.db,
    mine.map((m) => m.id),
  );
  return { items: await presentTransfers(ctx, rows) };
}

/** Unions that take members whose name contains the text: the H5's and the console's "search the union". */
export async function searchTransferTargets(ctx: Ctx, text: string) {
  const needle = text.trim();
  if (!needle) throw new AppError('validation_failed', { q: '请输入工会名称' });
  const rows = await q.searchOrgs(ctx.db, likeEscape(needle), MEMBER_ORG_TYPES, 20);
  return {
    items: rows.map((r) => ({
      code: formatOrgCode(r.id),
      name: r.name,
      region_name: findRegion(r.region_code)?.full_name ?? '',
    })),
  };
}
