/**
 * The requester's side of cases (DESIGN.md §5): a worker files a case from the H5 with a one-time
 * code, follows it by tracking number and phone, rates it once closed, and (signed in by phone)
 * sees their own under 我的. The phone is what proves the requester: a wrong one reads exactly like
 * a missing tracking number, and nothing here tells one from the other.
 */
import type { Static } from '@sinclair/typebox';
import type {
  CaseBody,
  CaseFiled,
  CaseRateBody,
  CaseTrackBody,
  PublicCaseEvent,
  PublicCaseView,
} from '../../../common/api/cases';
import {
  CASE_SUBJECT_LABELS,
  EVENT_LABELS,
  PUBLIC_CASE_KINDS,
  PUBLIC_EVENTS,
  type CaseSubject,
} from '../../../common/cases';
import { AppError, type FieldErrors } from '../../../common/errors';
import { normaliseMobile } from '../../../common/phone';
import type { Ctx } from '../../http/context';
import { caseFileKinds } from './files';
import { checkCaseInput, openCase, type OpenCaseInput } from './open';
import { dueDateOf } from './read';
import { routeCase, unroutable } from './routing';
import { statusLabelsAt, settingsAt } from './settings';
import { rateByRequester } from './steps';
import * as q from './sql';
import * as qp from './public-sql';

type CaseBodyInput = Static<typeof CaseBody>;
type PublicView = Static<typeof PublicCaseView>;

/** Subjects whose case claims unpaid wages: the only ones that take an amount. */
const WAGE_SUBJECTS: ReadonlySet<string> = new Set(['wage_arrears']);
/** 我的诉求 lists this many of a phone's cases, newest first. */
const MY_CASES_LIMIT = 50;
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
/** Steps whose reason the requester is told (the answer, the reply, their own rating, a note made public). */
const TOLD_REASONS: ReadonlySet<string> = new Set(['answer', 'reply', 'rate', 'note']);
/** What the requester's timeline shows: the public steps, and notes a cadre made public (not internal). */
const REQUESTER_ACTIONS = [...PUBLIC_EVENTS, 'note'];

/** A filing checked in full before its one-time code is spent (a typo must not cost the worker their code). */
export interface PreparedCase {
  /** What openCase takes, the phone normalised. */
  input: OpenCaseInput;
  phone: string;
  /** The code to spend; null when the worker is signed in (their session proved the phone). */
  otp: string | null;
}

/**
 * Checks every field of a filing, and that it can be routed, before the code is spent; answers all
 * that are wrong at once (422 naming each). openCase's own checks run here first (the same function),
 * so nothing it would refuse after the code is gone gets that far. A hazard report (随手拍) must be
 * placed — a location, a region or a station (the union of the place takes it); its photos are
 * optional evidence, as on every kind.
 */
export async function prepareCase(ctx: Ctx, body: CaseBodyInput, signedInPhone: string | null): Promise<PreparedCase> {
  const attachments = body.attachments ?? [];
  const input: OpenCaseInput = {
    kind: body.kind,
    subject: body.subject ?? null,
    description: body.description,
    channel: 'h5',
    kinds: PUBLIC_CASE_KINDS,
    name: body.name ?? null,
    phone: signedInPhone ?? body.phone ?? '',
    anonymous: body.anonymous === true,
    employer: body.employer ?? null,
    employerUscc: body.employer_uscc ?? null,
    wageClaimedFen: body.wage_claimed_fen ?? null,
    lat: body.lat ?? null,
    lng: body.lng ?? null,
    crs: body.crs ?? 'wgs84',
    regionCode: body.region_code ?? null,
    stationId: body.station_id ?? null,
    severity: body.severity ?? null,
    emergency: body.emergency === true,
    tier: 'normal',
    sourceRef: null,
    attachments,
  };
  const errors: FieldErrors = {};
  let checked: ReturnType<typeof checkCaseInput> | null = null;
  try {
    checked = checkCaseInput(input);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    Object.assign(errors, err.fields ?? {});
  }
  let phone: string | null;
  if (signedInPhone) {
    // Signed in by phone: the case goes under that phone; another one needs its own code, signed out.
    phone = signedInPhone;
    if (body.phone !== undefined && normaliseMobile(body.phone) !== signedInPhone)
      errors.phone = '已登录时只能用登录的手机号提交；用其他手机号请先退出登录';
  } else {
    phone = body.phone === undefined ? null : normaliseMobile(body.phone);
    if (body.phone === undefined) errors.phone = '请输入手机号';
    else if (!phone) errors.phone = '请输入正确的 11 位手机号';
    if (body.otp === undefined) errors.otp = '请输入短信验证码';
  }
  const most = caseFileKinds[0]!.maxPerRecord;
  if (attachments.length > most) errors.attachments = `最多上传 ${most} 张照片`;
  if (checked && checked.wage !== null && !WAGE_SUBJECTS.has(checked.subject))
    errors.wage_claimed_fen = '仅欠薪诉求填写拖欠金额';
  if (checked && phone && !errors.attachments && Object.keys(errors).length === 0) {
    const stationId = input.stationId ?? null;
    if (stationId !== null && !(await q.findStation(ctx.db, stationId))) errors.station_id = '驿站不存在';
    else {
      const routed = await routeCase(ctx, {
        phoneHash: ctx.cipher.blindIndex(phone),
        point: checked.point,
        regionCode: checked.regionCode,
        stationId,
      });
      if (!routed) Object.assign(errors, unroutable().fields);
    }
  }
  if (Object.keys(errors).length > 0 || !phone) throw new AppError('validation_failed', errors);
  return { input: { ...input, phone }, phone, otp: signedInPhone ? null : body.otp! };
}

/** Files the checked case in the caller's transaction (its code already spent): the case, its photos, its receipt. */
export async function fileCase(tx: Ctx, prepared: PreparedCase): Promise<Static<typeof CaseFiled>> {
  const opened = await openCase(tx, prepared.input);
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
async function findRequesterCase(ctx: Ctx, trackingNo: string, rawPhone: string): Promise<qp.PublicCaseRow> {
  const phone = normaliseMobile(rawPhone);
  const row = await qp.findPublicCase(ctx.db, trackingNo.trim().toUpperCase());
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
  const rated = await qp.findPublicCase(tx.db, row.tracking_no);
  return (await presentPublicCases(tx, [rated!], true))[0]!;
}

/** 我的诉求: the signed-in worker's cases (by their phone's blind index), newest first, each with its timeline. */
export async function listMyCases(ctx: Ctx): Promise<{ items: PublicView[] }> {
  if (ctx.actor?.kind !== 'worker') throw new AppError('unauthenticated');
  const rows = await qp.findPublicCasesByPhone(ctx.db, ctx.actor.phoneHash, MY_CASES_LIMIT);
  return { items: await presentPublicCases(ctx, rows, true) };
}

/** The requester's view of cases: labels as each receiving union shows them, cadre names only where it allows. */
export async function presentPublicCases(
  ctx: Ctx,
  rows: readonly qp.PublicCaseRow[],
  withTimeline: boolean,
): Promise<PublicView[]> {
  const byOrg = new Map<string, Promise<{ labels: Map<string, string>; names: boolean }>>();
  const orgView = (path: string) => {
    if (!byOrg.has(path))
      byOrg.set(
        path,
        Promise.all([statusLabelsAt(ctx, path), settingsAt(ctx, path)]).then(([labels, settings]) => ({
          labels,
          names: settings.show_cadre_names,
        })),
      );
    return byOrg.get(path)!;
  };
  const events = withTimeline
    ? await qp.findPublicEvents(
        ctx.db,
        rows.map((r) => r.id),
        REQUESTER_ACTIONS,
      )
    : [];
  const views: PublicView[] = [];
  for (const row of rows) {
    const { labels, names } = await orgView(row.org_path);
    const label = (code: string) => labels.get(code) ?? code;
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
      due_date: dueDateOf(row.due_at),
      org_name: row.org_name,
      can_rate: row.category === 'closed' && row.rating === null,
      rating: row.rating,
      timeline,
    });
  }
  return views;
}
