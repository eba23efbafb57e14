import { Type } from '@sinclair/typebox';
import { defineJob } from '../../jobs/job';
import * as q from './sql';

type Notice = NonNullable<Awaited<ReturnType<typeof q.findDecisionNotice>>>;

/** The text message telling an applicant how their application was decided; null when there is nothing to tell. */
export function joinDecisionText(n: Notice): string | null {
  if (n.status === 'refused')
    return `【工会服务平台】您的入会申请未通过，原因：${n.refusal_reason ?? '未注明'}。可在工会服务平台「入会进度」查看；如有疑问请联系${n.org_name}。`;
  if (n.status !== 'approved' || !n.member_no) return null;
  if (n.placed_org_name)
    return `【工会服务平台】您已从周转库安置到${n.placed_org_name}，会员编号 ${n.member_no} 不变。可在「我的」出示电子会员证。`;
  return `【工会服务平台】您的入会申请已通过，您已是${n.org_name}会员，会员编号 ${n.member_no}。可在「我的」出示电子会员证。`;
}

/**
 * Texts the applicant the decision on their application (approved, placed from the pool, refused
 * with the reason). Enqueued in the decision's transaction, so a decision rolled back sends
 * nothing; one run per application (singleton key), retried while the gateway is down.
 */
export const joinDecisionNoticeJob = defineJob({
  name: 'joins.notify',
  payload: Type.Object({ application_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  permission: 'joins.review',
  async run(ctx, { application_id: id }) {
    const notice = await q.findDecisionNotice(ctx.db, id);
    const text = notice && joinDecisionText(notice);
    if (!notice || !text) return { application_id: id, sent: false };
    await ctx.sms.send(ctx.cipher.decrypt(notice.phone_enc), text);
    return { application_id: id, sent: true, status: notice.status };
  },
});
