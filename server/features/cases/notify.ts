import { Type } from '@sinclair/typebox';
import { CASE_KIND_LABELS, type CaseKind } from '../../../common/cases';
import type { Ctx } from '../../http/context';
import { defineJob } from '../../jobs/job';
import { enqueueJob } from '../jobs/enqueue';
import * as qs from './sweep-sql';

export type CaseNotice = 'signed' | 'replied' | 'closed';

/** The steps each notice reports: the latest of them on the case is the one told. */
const NOTICE_ACTIONS: Record<CaseNotice, readonly string[]> = {
  signed: ['sign'],
  replied: ['reply'],
  closed: ['review_pass', 'answer'],
};

/**
 * The text the requester gets: the tracking number and the kind only (what they filed), no names,
 * no cadre, no content; where to look it up, and on closing the request to rate it.
 */
export function caseNoticeText(what: CaseNotice, n: { tracking_no: string; kind: CaseKind }): string {
  const head = `【工会服务平台】您的${CASE_KIND_LABELS[n.kind]}诉求（工单号 ${n.tracking_no}）`;
  switch (what) {
    case 'signed':
      return `${head}已由承办工会签收，正在办理。可在工会服务平台「我的诉求」凭工单号和手机号查看进度。`;
    case 'replied':
      return `${head}已有办理结果反馈。可在工会服务平台「我的诉求」凭工单号和手机号查看。`;
    case 'closed':
      return `${head}已办结。请在工会服务平台「我的诉求」凭工单号和手机号对办理结果进行评价（满意 / 基本满意 / 不满意），您的评价将帮助我们改进工作。`;
  }
}

/**
 * Texts the requester that their case was signed, replied or closed (closed: with the request to
 * rate it by tracking number). Enqueued in the step's transaction, so a step rolled back sends
 * nothing; one run per (case, notice, step event) by the singleton key while it waits, and the
 * 'notify' event it appends on sending makes a second run of the same step send nothing. A case
 * with no phone on record (raised by a cadre) is told nothing.
 */
export const caseNoticeJob = defineJob({
  name: 'cases.notify',
  payload: Type.Object(
    {
      case_id: Type.Integer({ minimum: 1 }),
      what: Type.Union([Type.Literal('signed'), Type.Literal('replied'), Type.Literal('closed')]),
      event_id: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  retry: { limit: 5, delaySeconds: 60, backoff: true },
  permission: 'cases.handle',
  async run(ctx, { case_id: id, what, event_id: eventId }) {
    const kase = await qs.findNoticeCase(ctx.db, id, eventId);
    if (!kase || !kase.phone_enc || kase.sent) return { case_id: id, what, sent: false };
    await ctx.sms.send(ctx.cipher.decrypt(kase.phone_enc), caseNoticeText(what, kase));
    await qs.insertNoticeEvent(ctx.db, id, eventId, what, new Date());
    return { case_id: id, what, sent: true };
  },
});

/**
 * Asks for the requester's text about the step just taken on `caseId` (call it inside the step's
 * transaction, after its event is written: server/features/cases/steps.ts). The notice is keyed
 * to that event, so calling twice for one step enqueues one run. Returns the run's id, or null
 * when the case has no such step yet.
 */
export async function enqueueCaseNotice(tx: Ctx, caseId: number, what: CaseNotice): Promise<number | null> {
  const event = await qs.findLatestStepEvent(tx.db, caseId, NOTICE_ACTIONS[what]);
  if (!event) return null;
  const eventId = Number(event.id);
  return enqueueJob(
    tx,
    caseNoticeJob,
    { case_id: caseId, what, event_id: eventId },
    { singletonKey: `case:${caseId}:${what}:${eventId}` },
  );
}
