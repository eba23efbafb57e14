import { Type } from '@sinclair/typebox';
import { defineJob } from '../../jobs/job';
import * as q from './sql';

type Notice = NonNullable<Awaited<ReturnType<typeof q.findTransferNotice>>>;

/** The text telling the member how their transfer ended; null when there is nothing to tell (they cancelled it themselves). */
export function transferDecisionText(n: Notice): string | null {
  if (n.state === 'accepted')
    return `【工会服务平台】您的会籍已转入${n.to_org_name}${n.auto_accepted ? '（逾期未答复，已自动接收）' : ''}，会员编号 ${n.member_no} 不变。`;
  if (n.state === 'refused')
    return `【工会服务平台】${n.to_org_name}未接收您的会籍接转，原因：${n.refusal_reason ?? '未注明'}。您仍是${n.from_org_name}会员。`;
  if (n.state === 'cancelled' && n.cancelled_by === 'org')
    return `【工会服务平台】${n.from_org_name}已撤回您转往${n.to_org_name}的会籍接转，您仍是${n.from_org_name}会员。`;
  return null;
}

/**
 * Texts the member how their transfer ended (accepted, accepted automatically, refused with the
 * reason, withdrawn by the sending union). Enqueued in the decision's transaction; one run per
 * transfer (singleton key), retried while the gateway is down. No phone on record: nothing to send.
 */
export const transferNoticeJob = defineJob({
  name: 'transfers.notify',
  payload: Type.Object({ transfer_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  permission: 'members.manage',
  async run(ctx, { transfer_id: id }) {
    const notice = await q.findTransferNotice(ctx.db, id);
    const text = notice && transferDecisionText(notice);
    if (!notice?.phone_enc || !text) return { transfer_id: id, sent: false };
    await ctx.sms.send(ctx.cipher.decrypt(notice.phone_enc), text);
    return { transfer_id: id, sent: true, state: notice.state };
  },
});
