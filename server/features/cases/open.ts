import type { Static } from '@sinclair/typebox';
import type { AttachmentRefs } from '../../../common/api/files';
import { addHours, dueAt } from '../../../common/calendar/due';
import {
  CASE_KINDS,
  CASE_STATUSES,
  EMERGENCY_DISPATCH_HOURS,
  HAZARD_SEVERITIES,
  employerKey,
  isCaseSubject,
  resolutionDays,
  type CaseChannel,
  type CaseKind,
  type CaseTier,
  type HazardSeverity,
} from '../../../common/cases';
import { AppError, type FieldErrors } from '../../../common/errors';
import { convertPoint, isInChinaBounds, type Crs } from '../../../common/geo';
import { maskName } from '../../../common/id-number';
import { isValidUscc } from '../../../common/uscc';
import type { Ctx } from '../../http/context';
import { recordAudit } from '../audit/record';
import { currentCalendar } from '../calendar/state';
import { attachFiles } from '../files/attach';
import { sealPhone, shanghaiToday } from '../members/personal';
import { findRegion } from '../regions/regions';
import { enqueueDutyPage } from './duty';
import { appendEvent } from './events';
import { CASE_ATTACHMENTS } from './files';
import { receivingUnionFor, routeCase, unroutable, type RoutedBy } from './routing';
import { settingsAt, statusLabelsAt } from './settings';
import * as q from './sql';
import { newTrackingNo } from './tracking-no';

/** The longest description kept: a long story fits; 20,000 characters is a paste gone wrong. */
export const DESCRIPTION_MAX = 2000;

/** A case as its intake gives it (the H5's form, the hotline's, a cadre's, another feature's seam). */
export interface OpenCaseInput {
  kind: string;
  subject?: string | null;
  description: string;
  channel: CaseChannel;
  /** The kinds this intake may file (the H5: the public ones). */
  kinds?: readonly CaseKind[];
  name?: string | null;
  /** A mobile number as typed: sealed here (the H5 has verified it with a one-time code). */
  phone?: string | null;
  anonymous?: boolean;
  employer?: string | null;
  employerUscc?: string | null;
  wageClaimedFen?: number | null;
  lat?: number | null;
  lng?: number | null;
  crs?: Crs;
  regionCode?: string | null;
  stationId?: number | null;
  severity?: HazardSeverity | null;
  emergency?: boolean;
  tier?: CaseTier;
  sourceRef?: string | null;
  /** The union receiving it (console intake); absent: routed. */
  receivingOrgId?: number;
  intakeAccountId?: number | null;
  attachments?: Static<typeof AttachmentRefs>;
  /** A collective case: the parent of reports grouped by the dispatcher. */
  collective?: boolean;
  /** The moment of receipt (tests and the demo seed move it). */
  now?: Date;
}

export interface OpenedCase {
  id: number;
  tracking_no: string;
  status: string;
  status_label: string;
  due_at: Date;
  due_date: string;
  org_name: string;
}

const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/** The checked, normalised fields of an intake; a 422 names every bad field at once. */
export function checkCaseInput(input: OpenCaseInput) {
  const errors: FieldErrors = {};
  const kinds = input.kinds ?? CASE_KINDS;
  const kind = (kinds as readonly string[]).includes(input.kind) ? (input.kind as CaseKind) : null;
  if (!kind) errors.kind = '诉求类型不正确，请从列表中选择';
  const subject =
    blank(input.subject) ?? (kind && isCaseSubject(kind, 'other') && input.channel !== 'h5' ? 'other' : null);
  if (kind && (!subject || !isCaseSubject(kind, subject))) errors.subject = '请选择诉求事项';
  const description = input.description.trim();
  if (!description) errors.description = '请填写诉求内容';
  else if ([...description].length > DESCRIPTION_MAX) errors.description = `诉求内容不能超过 ${DESCRIPTION_MAX} 字`;
  const anonymous = input.anonymous === true;
  const name = blank(input.name);
  if (name && [...name].length > 40) errors.name = '姓名不能超过 40 字';
  if (!anonymous && !name && (input.channel === 'h5' || input.channel === 'hotline'))
    errors.name = '请填写姓名，或选择匿名反映';
  let phone = null as ReturnType<typeof blank>;
  phone = blank(input.phone);
  if (!phone && (input.channel === 'h5' || input.channel === 'hotline')) errors.phone = '请填写手机号';
  const employer = blank(input.employer);
  const uscc = blank(input.employerUscc)?.toUpperCase() ?? null;
  if (uscc && !isValidUscc(uscc)) errors.employer_uscc = '统一社会信用代码不正确（18 位，末位为校验码）';
  const regionCode = blank(input.regionCode);
  if (regionCode && !findRegion(regionCode)) errors.region_code = '地区代码不存在，请从列表中选择';
  let point: { lat: number; lng: number } | null = null;
  if ((input.lat ?? null) !== null || (input.lng ?? null) !== null) {
    if (typeof input.lat !== 'number' || typeof input.lng !== 'number') errors.lat = '请同时提供纬度和经度';
    else {
      point = convertPoint({ lat: input.lat, lng: input.lng }, input.crs ?? 'wgs84', 'wgs84');
      if (!isInChinaBounds(point)) {
        errors.lat = '位置不在中国境内，请检查经纬度是否颠倒';
        point = null;
      }
    }
  }
  const severity = input.severity ?? null;
  if (severity !== null && !HAZARD_SEVERITIES.includes(severity)) errors.severity = '隐患等级不正确';
  if (kind === 'hazard_report' && !point && !regionCode && !input.stationId)
    errors.region_code = '请提供隐患所在位置（允许定位或选择区县）';
  const wage = input.wageClaimedFen ?? null;
  if (wage !== null && (!Number.isSafeInteger(wage) || wage < 0)) errors.wage_claimed_fen = '金额不正确';
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  return {
    kind: kind!,
    subject: subject!,
    description,
    anonymous,
    name: anonymous ? null : name,
    phone,
    employer,
    uscc,
    regionCode,
    point,
    severity,
    wage,
  };
}

/** How many tracking numbers an intake draws before it gives up (each clash is a one in 887 million draw). */
const NUMBER_ATTEMPTS = 3;

/**
 * Opens a case in the caller's transaction: checks it, routes it (首接: the receiving union leads),
 * counts its deadlines on the calendar, seals the requester's data, draws the tracking number and
 * writes the case with its 'receive' event and an audit record.
 */
export async function openCase(tx: Ctx, input: OpenCaseInput): Promise<OpenedCase> {
  if (!tx.db.isTransaction) throw new Error('openCase must run inside a transaction');
  const c = checkCaseInput(input);
  const sealedPhone = c.phone ? sealPhone(tx.cipher, c.phone) : null;
  const stationId = input.stationId ?? null;
  if (stationId !== null && !(await q.findStation(tx.db, stationId)))
    throw new AppError('validation_failed', { station_id: '驿站不存在' });
  const routed = await routeCase(tx, {
    phoneHash: sealedPhone?.phone_hash ?? null,
    point: c.point,
    regionCode: c.regionCode,
    stationId,
  });
  let receiving: NonNullable<Awaited<ReturnType<typeof q.findOrg>>>;
  let routedBy: RoutedBy | null = routed?.by ?? null;
  if (input.receivingOrgId !== undefined) {
    const org = await q.findOrg(tx.db, input.receivingOrgId);
    if (!org || org.status !== 'active') throw new AppError('validation_failed', { org_id: '受理工会不存在' });
    receiving = org;
    routedBy ??= 'intake';
  } else {
    if (!routed) throw unroutable();
    receiving = await receivingUnionFor(tx, routed.org);
  }
  const now = input.now ?? new Date();
  const tier = input.tier ?? 'normal';
  const settings = await settingsAt(tx, receiving.path);
  const clockDays = resolutionDays(settings, c.kind, tier);
  const { cal } = await currentCalendar(tx);
  const due = dueAt(cal, now, clockDays, receiving.region_code);
  const emergency = input.emergency === true;
  const values = {
    kind: c.kind,
    subject: c.subject,
    tier,
    emergency,
    channel: input.channel,
    status: 'received',
    category: CASE_STATUSES.received,
    requester_name_enc: c.name ? tx.cipher.encrypt(c.name) : null,
    requester_name_masked: c.name ? maskName(c.name) : null,
    phone_hash: sealedPhone?.phone_hash ?? null,
    phone_enc: sealedPhone?.phone_enc ?? null,
    phone_masked: sealedPhone?.phone_masked ?? null,
    anonymous: c.anonymous,
    member_id: routed?.memberId ?? null,
    description_enc: tx.cipher.encrypt(c.description),
    employer_name: c.employer,
    employer_key: c.employer ? employerKey(c.employer) : null,
    employer_uscc: c.uscc,
    station_id: stationId,
    source_ref: input.sourceRef ?? null,
    lat: c.point?.lat ?? null,
    lng: c.point?.lng ?? null,
    region_code: c.regionCode,
    severity: c.severity,
    wage_claimed_fen: c.wage,
    receiving_org_id: receiving.id,
    routed_org_id: routed?.org.id ?? null,
    routed_by: routedBy,
    party_paths: [receiving.path],
    intake_account_id: input.intakeAccountId ?? null,
    is_collective: input.collective === true,
    received_at: now,
    dispatch_due_at: emergency ? addHours(now, EMERGENCY_DISPATCH_HOURS) : null,
    clock_from: now,
    clock_days: clockDays,
    due_at: due,
    created_at: now,
    updated_at: now,
  };
  let row: Awaited<ReturnType<typeof q.insertCase>>;
  for (let attempt = 1; ; attempt++) {
    row = await q.insertCase(tx.db, { ...values, tracking_no: newTrackingNo(now.getTime()) });
    if (row) break;
    if (attempt >= NUMBER_ATTEMPTS) throw new AppError('conflict', undefined, '暂时未能分配工单编号，请重新提交');
  }
  const id = Number(row.id);
  if (input.attachments?.length) await attachFiles(tx, CASE_ATTACHMENTS, id, input.attachments);
  const receivedEvent = await appendEvent(tx, {
    caseId: id,
    action: 'receive',
    to: 'received',
    orgId: receiving.id,
    at: now,
    actorKind: input.channel === 'h5' ? 'requester' : undefined,
    details: {
      channel: input.channel,
      ...(routed ? { routed_org_id: routed.org.id, routed_by: routed.by } : {}),
      ...(emergency ? { emergency: true } : {}),
    },
  });
  // An emergency pages the receiving union's duty desks now; the hour to dispatch it starts.
  if (emergency)
    await enqueueDutyPage(tx, { caseId: id, orgId: receiving.id, eventId: receivedEvent, reason: 'received' });
  // No personal data: the tracking number and the facts of the case, never the phone or the story.
  await recordAudit(tx, {
    action: 'case.received',
    entityType: 'case',
    entityId: id,
    orgPath: receiving.path,
    ...(input.channel === 'h5' ? { actorLabel: c.anonymous ? '匿名申请人' : `申请人 ${maskName(c.name ?? '')}` } : {}),
    details: { tracking_no: row.tracking_no, kind: c.kind, subject: c.subject, channel: input.channel, emergency },
  });
  const labels = await statusLabelsAt(tx, receiving.path);
  return {
    id,
    tracking_no: row.tracking_no,
    status: 'received',
    status_label: labels.get('received') ?? '受理',
    due_at: due,
    due_date: shanghaiToday(due.getTime() - 1),
    org_name: receiving.name,
  };
}
