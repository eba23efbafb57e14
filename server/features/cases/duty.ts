import { Type, type Static } from '@sinclair/typebox';
import type { CaseDutyPhoneBody, CaseDutyPhones } from '../../../common/api/case-settings';
import { SHANGHAI_OFFSET_MS } from '../../../common/calendar/days';
import { CASE_KIND_LABELS, type CaseKind } from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { defineJob } from '../../jobs/job';
import { recordAudit } from '../audit/record';
import { enqueueJob } from '../jobs/enqueue';
import { sealPhone } from '../members/personal';
import * as qd from './duty-sql';
import { orgInScope } from './settings-service';
import * as q from './sql';
import * as qs from './sweep-sql';

/** A union lists a few desks, not a roster: each page is a text to every one of them. */
export const DUTY_PHONES_MAX = 5;

const present = (r: { id: number; label: string; phone_masked: string; created_at: Date }) => ({
  id: r.id,
  label: r.label,
  phone_masked: r.phone_masked,
  created_at: r.created_at.toISOString(),
});

/**
 * An org's 值班电话, masked: its own, and when it has none, those that page for it (its nearest
 * ancestor's), so the console can say where an emergency reaching it would ring.
 */
export async function getDutyPhones(ctx: Ctx, orgId: number): Promise<Static<typeof CaseDutyPhones>> {
  const org = await orgInScope(ctx, orgId);
  const own = await qd.listDutyPhones(ctx.db, org.id);
  const applying = own.length ? [] : await qd.findApplyingDutyPhones(ctx.db, org.path);
  const from = applying[0];
  return {
    org_id: org.id,
    items: own.map(present),
    inherited: from ? { org: { id: from.org_id, name: from.org_name }, items: applying.map(present) } : null,
    max: DUTY_PHONES_MAX,
  };
}

/** Adds a duty phone to an org: the number sealed, the label a desk's name; audited with the mask only. */
export async function addDutyPhone(
  ctx: Ctx,
  orgId: number,
  body: Static<typeof CaseDutyPhoneBody>,
): Promise<Static<typeof CaseDutyPhones>> {
  const actor = requireAccount(ctx);
  const org = await orgInScope(ctx, orgId);
  const label = body.label.trim();
  if (!label) throw new AppError('validation_failed', { label: '请填写值班岗位，如“值班室”' });
  const sealed = sealPhone(ctx.cipher, body.phone);
  await withTransaction(ctx, async (tx) => {
    await qd.lockDutyPhones(tx.db, org.id);
    const { n } = await qd.countDutyPhones(tx.db, org.id);
    if (Number(n) >= DUTY_PHONES_MAX)
      throw new AppError('validation_failed', { phone: `每个工会最多设置 ${DUTY_PHONES_MAX} 个值班电话` });
    const row = await qd.insertDutyPhone(tx.db, { org_id: org.id, label, ...sealed, created_by: actor.accountId });
    if (!row) throw new AppError('conflict', undefined, '该手机号已在本工会的值班电话中');
    await recordAudit(tx, {
      action: 'case.duty_phone_added',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      details: { duty_phone_id: row.id, label, phone: sealed.phone_masked },
    });
  });
  return getDutyPhones(ctx, org.id);
}

/** Removes one of an org's duty phones (another org's, or none such: 404). */
export async function removeDutyPhone(ctx: Ctx, orgId: number, id: number): Promise<Static<typeof CaseDutyPhones>> {
  const org = await orgInScope(ctx, orgId);
  await withTransaction(ctx, async (tx) => {
    const row = await qd.deleteDutyPhone(tx.db, org.id, id);
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      action: 'case.duty_phone_removed',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      details: { duty_phone_id: row.id, label: row.label, phone: row.phone_masked },
    });
  });
  return getDutyPhones(ctx, org.id);
}

const hhmm = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);

export type PageReason = 'received' | 'undispatched';

/**
 * The page's text: the tracking number, the kind and the hour; never the requester, the phone or
 * the story (a text message is not a place for personal data). `received`: to the receiving
 * union's desks as the emergency arrives; `undispatched`: to the union above when its hour passed.
 */
export function dutyPageText(
  reason: PageReason,
  c: { tracking_no: string; kind: CaseKind; dispatch_due_at: Date | null },
  orgName: string,
): string {
  const what = `紧急${CASE_KIND_LABELS[c.kind]}诉求（工单号 ${c.tracking_no}）`;
  const due = c.dispatch_due_at ? hhmm(c.dispatch_due_at) : '';
  return reason === 'received'
    ? `【工会服务平台】${orgName}收到${what}，须在 ${due} 前派单。请登录工作台「待派单」立即处理。`
    : `【工会服务平台】${orgName}的${what}超过 1 小时仍未派单（时限 ${due}）。请督促处理。`;
}

/**
 * Pages the on-duty cadres of `org_id` (its duty phones, else its nearest ancestor's) about an
 * emergency: a text to each desk, then an internal 'page' event naming the masked numbers, or
 * saying none were set. Enqueued in the transaction that wrote the event it answers (the receipt,
 * or the sweep's 督办 of an emergency past its hour), keyed to that event so it runs once; an
 * `undispatched` page for a case dispatched meanwhile is dropped.
 */
export const dutyPageJob = defineJob({
  name: 'cases.page',
  payload: Type.Object(
    {
      case_id: Type.Integer({ minimum: 1 }),
      org_id: Type.Integer({ minimum: 1 }),
      event_id: Type.Integer({ minimum: 1 }),
      reason: Type.Union([Type.Literal('received'), Type.Literal('undispatched')]),
    },
    { additionalProperties: false },
  ),
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  permission: 'cases.dispatch',
  async run(ctx, { case_id: id, org_id: orgId, event_id: eventId, reason }) {
    const kase = await qs.findNoticeCase(ctx.db, id, eventId, 'page');
    if (!kase || kase.sent) return { case_id: id, sent: 0 };
    if (reason === 'undispatched' && kase.category !== 'new') return { case_id: id, sent: 0, dispatched: true };
    const org = await q.findOrg(ctx.db, orgId);
    if (!org) return { case_id: id, sent: 0 };
    const phones = await qd.findApplyingDutyPhones(ctx.db, org.path);
    const text = dutyPageText(reason, kase, org.name);
    for (const p of phones) await ctx.sms.send(ctx.cipher.decrypt(p.phone_enc), text);
    await qd.insertPageEvent(
      ctx.db,
      id,
      orgId,
      {
        event_id: eventId,
        reason,
        org_id: phones[0]?.org_id ?? orgId,
        sent: phones.length,
        to: phones.map((p) => p.phone_masked),
      },
      new Date(),
    );
    return { case_id: id, sent: phones.length };
  },
});

/** Asks for a page of `orgId`'s duty desks about emergency `caseId` (inside the transaction that wrote `eventId`). */
export function enqueueDutyPage(
  tx: Ctx,
  p: { caseId: number; orgId: number; eventId: number; reason: PageReason },
): Promise<number> {
  return enqueueJob(
    tx,
    dutyPageJob,
    { case_id: p.caseId, org_id: p.orgId, event_id: p.eventId, reason: p.reason },
    { singletonKey: `case:${p.caseId}:page:${p.eventId}` },
  );
}
