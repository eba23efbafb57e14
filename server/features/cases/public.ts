/**
 * The requester's side of cases (DESIGN.md §5): a worker files a case from the H5 with a one-time
 * code, follows it by tracking number and phone, rates it once closed, and (signed in by phone)
 * sees their own under 我的. The phone is what proves the requester: a wrong one reads exactly like
 * a missing tracking number, and nothing here tells one from the other.
 */
import type { Static } from '@sinclair/typebox';
import {
  DESCRIPTION_MAX,
  type CaseBody,
  type CaseFiled,
  type CaseRateBody,
  type CaseTrackBody,
  type PublicCaseEvent,
  type PublicCaseView,
} from '../../../common/api/cases';
import {
  CASE_SUBJECT_LABELS,
  EVENT_LABELS,
  isCaseSubject,
  PUBLIC_CASE_KINDS,
  PUBLIC_EVENTS,
  STATUS_LABELS,
  type CaseKind,
  type CaseSubject,
} from '../../../common/cases';
import { AppError, type FieldErrors } from '../../../common/errors';
import { normaliseMobile } from '../../../common/phone';
import { isValidUscc } from '../../../common/uscc';
import type { Ctx } from '../../http/context';
import { shanghaiToday } from '../members/personal';
import { findRegion } from '../regions/regions';
import type { AttachmentRef } from '../files/attach';
import { CASE_ATTACHMENTS_MAX } from './files';
import { openCase } from './open';
import { rateByRequester } from './steps';
import * as q from './sql';

type CaseBodyInput = Static<typeof CaseBody>;
type PublicView = Static<typeof PublicCaseView>;

/** Subjects whose case claims unpaid wages: the only ones that take an amount. */
const WAGE_SUBJECTS: ReadonlySet<string> = new Set(['wage_arrears']);
/** 我的诉求 lists this many of a phone's cases, newest first. */
const MY_CASES_LIMIT = 50;
/** Steps whose reason the requester is told (the answer, the reply, their own rating, a note made public). */
const TOLD_REASONS: ReadonlySet<string> = new Set(['answer', 'reply', 'rate', 'note']);
/** What the requester's timeline shows: the public steps, and notes a cadre made public (not internal). */
const REQUESTER_ACTIONS = [...PUBLIC_EVENTS, 'note'];

/** A filing checked in full before its one-time code is spent (a typo must not cost the worker their code). */
export interface PreparedCase {
  kind: CaseKind;
  subject: CaseSubject;
  description: string;
  phone: string;
  otp: string;
  name: string | null;
  anonymous: boolean;
  employer: string | null;
  employerUscc: string | null;
  wageClaimedFen: number | null;
  regionCode: string | null;
  lat: number | null;
  lng: number | null;
  crs: 'wgs84' | 'gcj02' | 'bd09';
  severity: CaseBodyInput['severity'] | null;
  emergency: boolean;
  stationId: number | null;
  attachments: AttachmentRef[];
}

const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Checks every field of a filing and answers all that are wrong at once (422 naming each). A
 * hazard report (随手拍) must show or place the hazard: at least one photo, or a location.
 */
export function prepareCase(body: CaseBodyInput): PreparedCase {
  const errors: FieldErrors = {};
  const kind = (PUBLIC_CASE_KINDS as readonly string[]).includes(body.kind) ? (body.kind as CaseKind) : null;
  if (!kind) errors.kind = '请选择诉求类型';
  const subjectText = body.subject?.trim() ?? '';
  let subject: CaseSubject | null = null;
  if (!subjectText) errors.subject = '请选择诉求事项';
  else if (kind && isCaseSubject(kind, subjectText)) subject = subjectText;
  else if (kind) errors.subject = '诉求事项与诉求类型不符，请重新选择';

  const description = body.description.trim();
  if (!description) errors.description = '请填写诉求内容';
  else if ([...description].length > DESCRIPTION_MAX)
    errors.description = `诉求内容不能超过 ${DESCRIPTION_MAX} 字，请精简后再提交`;

  const phone = normaliseMobile(body.phone);
  if (!phone) errors.phone = '请输入正确的 11 位手机号';
  const anonymous = body.anonymous === true;
  const name = blankToNull(body.name);
  if (!anonymous && !name) errors.name = '请填写姓名（或选择匿名提交）';

  const employer = blankToNull(body.employer);
  const uscc = blankToNull(body.employer_uscc)?.toUpperCase() ?? null;
  if (uscc && !isValidUscc(uscc)) errors.employer_uscc = '统一社会信用代码不正确，请核对（可不填）';

  const wage = body.wage_claimed_fen ?? null;
  if (wage !== null && subject && !WAGE_SUBJECTS.has(subject)) errors.wage_claimed_fen = '仅欠薪诉求填写拖欠金额';

  const regionCode = blankToNull(body.region_code);
  if (regionCode && !findRegion(regionCode)) errors.region_code = '地区代码不正确';
  const lat = body.lat ?? null;
  const lng = body.lng ?? null;
  if ((lat === null) !== (lng === null)) errors[lat === null ? 'lat' : 'lng'] = '位置须同时包含经度和纬度';

  const attachments = body.attachments ?? [];
  if (attachments.length > CASE_ATTACHMENTS_MAX) errors.attachments = `最多上传 ${CASE_ATTACHMENTS_MAX} 张照片`;
  if (
    kind === 'hazard_report' &&
    attachments.length === 0 &&
    (lat === null || lng === null) &&
    !errors.lat &&
    !errors.lng
  )
    errors.attachments = '随手拍请至少上传一张照片，或提供位置';

  if (Object.keys(errors).length > 0 || !kind || !subject || !phone) throw new AppError('validation_failed', errors);
  return {
    kind,
    subject,
    description,
    phone,
    otp: body.otp,
    name,
    anonymous,
    employer,
    employerUscc: uscc,
    wageClaimedFen: wage,
    regionCode,
    lat,
    lng,
    crs: body.crs ?? 'wgs84',
    severity: body.severity ?? null,
    emergency: body.emergency === true,
    stationId: body.station_id ?? null,
    attachments,
  };
}

/** Files the checked case in the caller's transaction (its code already spent): the case, its photos, its receipt. */
export async function fileCase(tx: Ctx, c: PreparedCase): Promise<Static<typeof CaseFiled>> {
  const opened = await openCase(tx, {
    kind: c.kind,
    subject: c.subject,
    description: c.description,
    channel: 'h5',
    name: c.name,
    phone: c.phone,
    anonymous: c.anonymous,
    employer: c.employer,
    employerUscc: c.employerUscc,
    wageClaimedFen: c.wageClaimedFen,
    lat: c.lat,
    lng: c.lng,
    crs: c.crs,
    regionCode: c.regionCode,
    stationId: c.stationId,
    severity: c.severity,
    emergency: c.emergency,
    tier: 'normal',
    sourceRef: null,
    attachments: c.attachments,
  });
  return {
    tracking_no: opened.tracking_no,
    status: opened.status,
    status_label: opened.status_label,
    due_at: opened.due_at.toISOString(),
    due_date: opened.due_date,
    org_name: opened.org_name,
  };
}

/** The case with this number whose requester's phone is this one; a wrong phone reads as a missing number. */
async function findRequesterCase(ctx: Ctx, trackingNo: string, rawPhone: string): Promise<q.PublicCaseRow> {
  const phone = normaliseMobile(rawPhone);
  const row = await q.findPublicCase(ctx.db, trackingNo.trim().toUpperCase());
  if (!row || !phone || !row.phone_hash?.equals(ctx.cipher.blindIndex(phone))) throw new AppError('not_found');
  return row;
}

/** 查进度: the case's status and its requester-safe timeline. */
export async function trackCase(ctx: Ctx, body: Static<typeof CaseTrackBody>): Promise<PublicView> {
  const row = await findRequesterCase(ctx, body.tracking_no, body.phone);
  return (await presentPublicCases(ctx, [row], true))[0]!;
}

/**
 * 回访: the requester rates the closed case once. Unsatisfied needs a reason (what went wrong is
 * what a reopening acts on). Answers the case as the requester now sees it.
 */
export async function rateCase(tx: Ctx, body: Static<typeof CaseRateBody>): Promise<PublicView> {
  const reason = blankToNull(body.reason);
  if (body.rating === 'unsatisfied' && !reason)
    throw new AppError('validation_failed', { reason: '请说明不满意的原因，便于工会改进或重新办理' });
  const row = await findRequesterCase(tx, body.tracking_no, body.phone);
  await rateByRequester(tx, row.id, { rating: body.rating, resolved: body.resolved, reason });
  const rated = await q.findPublicCase(tx.db, row.tracking_no);
  return (await presentPublicCases(tx, [rated!], true))[0]!;
}

/** 我的诉求: the signed-in worker's cases (by their phone's blind index), newest first, each with its timeline. */
export async function listMyCases(ctx: Ctx): Promise<{ items: PublicView[] }> {
  if (ctx.actor?.kind !== 'worker') throw new AppError('unauthenticated');
  const rows = await q.findPublicCasesByPhone(ctx.db, ctx.actor.phoneHash, MY_CASES_LIMIT);
  return { items: await presentPublicCases(ctx, rows, true) };
}

/** The requester's view of cases: labels as each receiving union shows them, cadre names only where it allows. */
export async function presentPublicCases(
  ctx: Ctx,
  rows: readonly q.PublicCaseRow[],
  withTimeline: boolean,
): Promise<PublicView[]> {
  const byOrg = new Map<string, Promise<{ labels: Map<string, string>; names: boolean }>>();
  const orgView = (path: string) => {
    if (!byOrg.has(path))
      byOrg.set(
        path,
        Promise.all([q.findStatusLabelsFor(ctx.db, path), q.findShowCadreNames(ctx.db, path)]).then(
          ([labels, names]) => ({ labels: new Map(labels.map((l) => [l.code, l.label_zh])), names: names ?? false }),
        ),
      );
    return byOrg.get(path)!;
  };
  const events = withTimeline
    ? await q.findPublicEvents(
        ctx.db,
        rows.map((r) => r.id),
        REQUESTER_ACTIONS,
      )
    : [];
  const views: PublicView[] = [];
  for (const row of rows) {
    const { labels, names } = await orgView(row.org_path);
    const label = (code: string) => labels.get(code) ?? STATUS_LABELS[code as keyof typeof STATUS_LABELS] ?? code;
    const timeline: Static<typeof PublicCaseEvent>[] = events
      .filter((e) => e.case_id === row.id)
      .map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        label: EVENT_LABELS[e.action as keyof typeof EVENT_LABELS] ?? e.action,
        status_label: e.to_status ? label(e.to_status) : null,
        text: TOLD_REASONS.has(e.action) ? e.reason : null,
        org_name: e.org_name,
        actor_name: e.actor_kind === 'requester' ? '本人' : names ? e.actor_name : null,
      }));
    views.push({
      tracking_no: row.tracking_no,
      kind: row.kind,
      subject: row.subject,
      subject_label: CASE_SUBJECT_LABELS[row.subject as CaseSubject] ?? row.subject,
      status: row.status,
      status_label: label(row.status),
      category: row.category,
      received_at: row.received_at.toISOString(),
      due_at: row.due_at.toISOString(),
      // due_at is the end of the due day (00:00 the next day, Asia/Shanghai): the day is the instant before.
      due_date: shanghaiToday(row.due_at.getTime() - 1),
      org_name: row.org_name,
      can_rate: row.category === 'closed' && row.rating === null,
      rating: row.rating,
      timeline,
    });
  }
  return views;
}
