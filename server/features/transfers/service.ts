import type { Static } from '@sinclair/typebox';
import type { MyTransferBody, TransferBody } from '../../../common/api/transfers';
import { dueAt } from '../../../common/calendar/due';
import { AppError } from '../../../common/errors';
import { TRANSFER_ANSWER_WORKING_DAYS } from '../../../common/members';
import { parseOrgCode } from '../../../common/org-code';
import { MEMBER_ORG_TYPES, type OrgType } from '../../../common/org-types';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { can } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { currentCalendar } from '../calendar/state';
import { setTransferring } from '../members/service';
import { canSendTransfer } from './policy';
import { dueDateOf, presentTransfers } from './present';
import * as q from './sql';

type Org = NonNullable<Awaited<ReturnType<typeof q.findOrg>>>;
type Member = NonNullable<Awaited<ReturnType<typeof q.findMemberForUpdate>>>;

const FIELD = 'to_org_code';

/** A join code as typed, or the content of a union's QR poster (a link whose `org` parameter is the code). */
function codeOf(raw: string): string {
  const text = raw.trim();
  const inLink = /[?&]org=([^&#\s]+)/.exec(text);
  return inLink ? decodeURIComponent(inLink[1]!) : text;
}

/** The receiving union a code names: active, taking members itself, and not the member's own. */
async function findReceivingOrg(tx: Ctx, raw: string, member: Member): Promise<Org> {
  const id = parseOrgCode(codeOf(raw));
  const org = id === null ? undefined : await q.findOrg(tx.db, id);
  if (!org || org.status !== 'active')
    throw new AppError('validation_failed', { [FIELD]: '工会编码不正确，请核对二维码下方的编码' });
  if (!MEMBER_ORG_TYPES.includes(org.type as OrgType))
    throw new AppError('validation_failed', { [FIELD]: '该工会不直接接收会员，请选择基层工会或街道、社区、行业工会' });
  if (org.id === member.org_id) throw new AppError('validation_failed', { [FIELD]: '已是该工会的会员，无需转移' });
  return org;
}

function cleanReason(reason: string | undefined): string | null {
  const text = reason?.trim() ?? '';
  return text === '' ? null : text;
}

export interface OpenTransfer {
  member: Member;
  toOrgCode: string;
  requestedBy: 'member' | 'org';
  reason: string | null;
  /** The moment of receipt: the due date counts from it (tests and the demo seed move it). */
  now?: Date;
}

/**
 * Opens a transfer in the caller's transaction: due TRANSFER_ANSWER_WORKING_DAYS working days
 * after receipt on the receiving union's calendar; the member is marked transferring and stays a
 * full member. One open transfer per member (409 transfer_pending).
 */
export async function openTransfer(tx: Ctx, input: OpenTransfer): Promise<number> {
  const { member } = input;
  if (member.status === 'lapsed') throw new AppError('conflict', undefined, '该会员已退会，不能办理会籍接转');
  if (member.status === 'pending') throw new AppError('conflict', undefined, '入会审核通过后才能办理会籍接转');
  const toOrg = await findReceivingOrg(tx, input.toOrgCode, member);
  const now = input.now ?? new Date();
  const { cal } = await currentCalendar(tx);
  const due = dueAt(cal, now, TRANSFER_ANSWER_WORKING_DAYS, toOrg.region_code);
  const row = await q.insertTransfer(tx.db, {
    member_id: member.id,
    from_org_id: member.org_id,
    to_org_id: toOrg.id,
    requested_by: input.requestedBy,
    requested_by_account: tx.actor?.kind === 'account' ? tx.actor.accountId : null,
    reason: input.reason,
    due_at: due,
    created_at: now,
    updated_at: now,
  });
  if (!row)
    throw new AppError('transfer_pending', { member_id: '该会员已有办理中的会籍接转，请等待接收方答复或先撤回' });
  await setTransferring(tx, member.id, true);
  await recordAudit(tx, {
    action: 'transfer.requested',
    entityType: 'transfer',
    entityId: Number(row.id),
    orgPath: member.org_path,
    reason: input.reason ?? undefined,
    details: {
      member_no: member.member_no,
      from_org_id: member.org_id,
      to_org_id: toOrg.id,
      requested_by: input.requestedBy,
      due_date: dueDateOf(due),
    },
  });
  return Number(row.id);
}

/** The signed-in worker's member records that are still members (not lapsed), by their phone; none for a worker who never joined. */
export async function findMyMembers(ctx: Ctx): Promise<Member[]> {
  if (ctx.actor?.kind !== 'worker') throw new AppError('unauthenticated');
  return q.findMembersOfPhone(ctx.db, ctx.actor.phoneHash);
}

/** A worker asks to move their membership to the union a join code (QR or search) names. */
export async function requestMyTransfer(ctx: Ctx, body: Static<typeof MyTransferBody>) {
  const id = await withTransaction(ctx, async (tx) => {
    const mine = await findMyMembers(tx);
    if (mine.length === 0) throw new AppError('not_found');
    if (body.member_id === undefined && mine.length > 1)
      throw new AppError('validation_failed', { member_id: '您的手机号下有多条会员记录，请选择要转移的一条' });
    const chosen = body.member_id === undefined ? mine[0] : mine.find((m) => m.id === body.member_id);
    if (!chosen) throw new AppError('not_found');
    const member = await q.findMemberForUpdate(tx.db, chosen.id);
    return openTransfer(tx, {
      member: member!,
      toOrgCode: body.to_org_code,
      requestedBy: 'member',
      reason: cleanReason(body.reason),
    });
  });
  return present(ctx, id);
}

/**
 * The sending union's cadre starts a transfer. A member outside the caller's members.read scope is
 * a 422 on member_id exactly like a missing one; one the caller reads without members.manage is 403.
 */
export async function startTransfer(ctx: Ctx, body: Static<typeof TransferBody>) {
  const actor = requireAccount(ctx);
  const id = await withTransaction(ctx, async (tx) => {
    const member = await q.findMemberForUpdate(tx.db, body.member_id);
    if (!member || !can(actor, 'members.read', member.org_path))
      throw new AppError('validation_failed', { member_id: '会员不存在' });
    if (!canSendTransfer(actor, member.org_path)) throw new AppError('forbidden');
    return openTransfer(tx, {
      member,
      toOrgCode: body.to_org_code,
      requestedBy: 'org',
      reason: cleanReason(body.reason),
    });
  });
  return present(ctx, id);
}

/** One transfer presented to the caller who just wrote it. */
export async function present(ctx: Ctx, id: number) {
  const row = await q.findTransfer(ctx.db, id);
  if (!row) throw new AppError('not_found');
  return (await presentTransfers(ctx, [row]))[0]!;
}
