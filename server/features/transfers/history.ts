import type { Static } from '@sinclair/typebox';
import type { TransferHistoryItem } from '../../../common/api/transfers';
import type { Ctx } from '../../http/context';
import { findHistory } from './sql';

/**
 * A member's transfers for their profile (一人一档: the history stays with the member whichever
 * union holds them now). The caller has already been allowed to read the member.
 */
export async function listMemberTransfers(
  ctx: Pick<Ctx, 'db'>,
  memberId: number,
): Promise<Array<Static<typeof TransferHistoryItem>>> {
  const rows = await findHistory(ctx.db, memberId);
  return rows.map((r) => ({
    id: Number(r.id),
    from_org_name: r.from_org_name,
    to_org_name: r.to_org_name,
    state: r.state,
    auto_accepted: r.auto_accepted,
    requested_by: r.requested_by,
    refusal_reason: r.refusal_reason,
    created_at: new Date(r.created_at).toISOString(),
    decided_at: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  }));
}
