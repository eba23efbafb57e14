import { AppError } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import { can } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { enqueueJob } from '../jobs/enqueue';
import { moveMember, setTransferring } from '../members/service';
import { transferNoticeJob } from './notify';
import { canAnswerTransfer, canSendTransfer } from './policy';
import { findMyMembers, present } from './service';
import * as q from './sql';

type Row = q.TransferRow;
type Decision =
  | { state: 'accepted'; auto: boolean }
  | { state: 'refused'; reason: string }
  | { state: 'cancelled'; by: 'member' | 'org' };

/**
 * The transfer, locked, as the caller may act on it: a cadre finds it when either union lies in
 * their members.read scope (else `not_found`, as for a missing one); a worker only when it is one
 * of their own member records'.
 */
async function lockVisible(tx: Ctx, id: number): Promise<Row> {
  const row = await q.findTransfer(tx.db, id, true);
  const actor = tx.actor;
  if (row && actor?.kind === 'account') {
    if (can(actor, 'members.read', row.from_path) || can(actor, 'members.read', row.to_path)) return row;
  } else if (row && actor?.kind === 'worker') {
    if ((await findMyMembers(tx)).some((m) => m.id === Number(row.member_id))) return row;
  } else if (row && actor?.kind === 'system') return row;
  throw new AppError('not_found');
}

function checkOpen(row: Row, version: number): void {
  if (row.version !== version) throw new AppError('stale_version');
  if (row.state !== 'pending') throw new AppError('conflict', undefined, '该会籍接转已办结，请刷新后查看');
}

/**
 * Closes an open transfer (in the caller's transaction) and brings the member's record along:
 * accepted moves them into the receiving union (moveMember: active again there), refused and
 * cancelled leave them where they were, active. Audited at the union the decision concerns.
 */
export async function decideTransfer(tx: Ctx, row: Row, decision: Decision, now = new Date()): Promise<void> {
  const memberId = Number(row.member_id);
  const lapsed = row.member_status === 'lapsed';
  if (lapsed && decision.state === 'accepted')
    throw new AppError('conflict', undefined, '该会员已退会，无法接收；请由转出工会撤回');
  const decidedBy = tx.actor?.kind === 'account' ? tx.actor.accountId : null;
  const closed = await q.closeTransfer(tx.db, Number(row.id), row.version, {
    state: decision.state,
    decided_at: now,
    decided_by: decidedBy,
    auto_accepted: decision.state === 'accepted' && decision.auto,
    refusal_reason: decision.state === 'refused' ? decision.reason : null,
    cancelled_by: decision.state === 'cancelled' ? decision.by : null,
  });
  // The row was locked and checked: a miss means another answer won in between (only without the lock).
  if (!closed) throw new AppError('stale_version');
  if (decision.state === 'accepted') await moveMember(tx, memberId, row.to_org_id);
  else if (!lapsed) await setTransferring(tx, memberId, false);
  const action =
    decision.state === 'accepted'
      ? decision.auto
        ? 'transfer.auto_accepted'
        : 'transfer.accepted'
      : decision.state === 'refused'
        ? 'transfer.refused'
        : 'transfer.cancelled';
  await recordAudit(tx, {
    action,
    entityType: 'transfer',
    entityId: Number(row.id),
    orgPath: decision.state === 'cancelled' ? row.from_path : row.to_path,
    reason: decision.state === 'refused' ? decision.reason : undefined,
    details: {
      member_no: row.member_no,
      from_org_id: row.from_org_id,
      to_org_id: row.to_org_id,
      ...(decision.state === 'cancelled' ? { cancelled_by: decision.by } : {}),
    },
  });
  if (!(decision.state === 'cancelled' && decision.by === 'member'))
    await enqueueJob(
      tx,
      transferNoticeJob,
      { transfer_id: Number(row.id) },
      { orgId: row.to_org_id, singletonKey: `transfer-notice:${row.id}` },
    );
}

/** The receiving union accepts: the member moves there, in the same transaction. */
export async function acceptTransfer(ctx: Ctx, id: number, body: { version: number }) {
  await withTransaction(ctx, async (tx) => {
    const row = await lockVisible(tx, id);
    if (tx.actor?.kind !== 'account' || !canAnswerTransfer(tx.actor, row.to_path)) throw new AppError('forbidden');
    checkOpen(row, body.version);
    await decideTransfer(tx, row, { state: 'accepted', auto: false });
  });
  return present(ctx, id);
}

/** The receiving union refuses, with a reason the member sees; the member stays where they were. */
export async function refuseTransfer(ctx: Ctx, id: number, body: { version: number; reason: string }) {
  const reason = body.reason.trim();
  if ([...reason].length < 2) throw new AppError('validation_failed', { reason: '请填写拒绝理由，会员将看到它' });
  await withTransaction(ctx, async (tx) => {
    const row = await lockVisible(tx, id);
    if (tx.actor?.kind !== 'account' || !canAnswerTransfer(tx.actor, row.to_path)) throw new AppError('forbidden');
    checkOpen(row, body.version);
    await decideTransfer(tx, row, { state: 'refused', reason });
  });
  return present(ctx, id);
}

/** The member (their own) or the sending union (members.manage there) withdraws an open transfer. */
export async function cancelTransfer(ctx: Ctx, id: number, body: { version: number }) {
  await withTransaction(ctx, async (tx) => {
    const row = await lockVisible(tx, id);
    const actor = tx.actor;
    if (actor?.kind === 'account' && !canSendTransfer(actor, row.from_path)) throw new AppError('forbidden');
    checkOpen(row, body.version);
    await decideTransfer(tx, row, { state: 'cancelled', by: actor?.kind === 'worker' ? 'member' : 'org' });
  });
  return present(ctx, id);
}
