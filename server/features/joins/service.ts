import type { Static } from '@sinclair/typebox';
import type { Insertable } from 'kysely';
import type { JoinAnswer, JoinBody, JoinOrg, JoinStatus, JoinStatusBody } from '../../../common/api/joins';
import { AppError } from '../../../common/errors';
import { maskName } from '../../../common/id-number';
import { NEW_FORM_OCCUPATIONS, type Occupation } from '../../../common/members';
import { latinSearchKey, normaliseSearch } from '../../../common/names';
import { TAKES_MEMBERS } from '../../../common/joins';
import { formatOrgCode, parseOrgCode } from '../../../common/org-code';
import { normaliseMobile } from '../../../common/phone';
import type { JoinApplicationsTable } from '../../db/schema';
import type { Ctx } from '../../http/context';
import { recordAudit } from '../audit/record';
import { verifyOtp } from '../auth/otp';
import { sealIdNumber, sealPhone, type SealedIdNumber, type SealedPhone } from '../members/personal';
import { createMember, maskOrgName } from '../members/service';
import { findRegion } from '../regions/regions';
import { newApplicationNo } from './application-no';
import * as q from './sql';

/** The personal-data notice the H5 shows next to the consent box; bump it when its text changes. */
export const CONSENT_VERSION = '2026-12-v1';

type JoinOrgRow = NonNullable<Awaited<ReturnType<typeof q.findOrg>>>;

async function findActiveOrgByCode(ctx: Ctx, code: string): Promise<JoinOrgRow | undefined> {
  const id = parseOrgCode(code);
  const org = id === null ? undefined : await q.findOrg(ctx.db, id);
  return org?.status === 'active' ? org : undefined;
}

/** The union a join code names (QR or typed): 404 for an unknown, inactive or mistyped code. */
export async function getJoinOrg(ctx: Ctx, code: string): Promise<Static<typeof JoinOrg>> {
  const org = await findActiveOrgByCode(ctx, code);
  if (!org) throw new AppError('not_found');
  return {
    code: formatOrgCode(org.id),
    name: org.name,
    type: org.type,
    region_code: org.region_code,
    region_name: findRegion(org.region_code)?.full_name ?? '',
    takes_members: TAKES_MEMBERS.has(org.type),
  };
}

/** Orgs the public search offers: those that take members themselves, pools aside (joining without a union is its own choice). */
const SEARCHABLE = [...TAKES_MEMBERS].filter((t) => t !== 'holding_pool');
const SEARCH_LIMIT = 20;

/**
 * The public union search (a worker without the QR code finds their employer's union): active
 * unions that take members, by any part of the name or a pinyin / initials prefix, at most 20.
 * Two characters at least, so the tree cannot be listed one letter at a time.
 */
export async function searchJoinOrgs(ctx: Ctx, raw: string): Promise<{ items: Array<Static<typeof JoinOrg>> }> {
  const text = normaliseSearch(raw);
  if (!text || [...text].length < 2) throw new AppError('validation_failed', { q: '请输入工会名称中的至少两个字' });
  const rows = await q.searchJoinOrgs(ctx.db, text, latinSearchKey(text), SEARCHABLE, SEARCH_LIMIT);
  return {
    items: rows.map((org) => ({
      code: formatOrgCode(org.id),
      name: org.name,
      type: org.type,
      region_code: org.region_code,
      region_name: findRegion(org.region_code)?.full_name ?? '',
      takes_members: true,
    })),
  };
}

/** A join checked and sealed, ready for its transaction. */
export interface PreparedJoin {
  name: string;
  id: SealedIdNumber;
  phone: SealedPhone;
  rawPhone: string;
  otp: string;
  orgId: number | null;
  /** How the worker found the union: its QR code, or the H5's search. */
  foundBy: 'qr' | 'search';
  occupation: Occupation;
  platform: string | null;
  employer: string | null;
  workRegionCode: string | null;
  residenceRegionCode: string | null;
}

const blankToNull = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

function checkRegion(code: string | null, field: string, errors: Record<string, string>): string | null {
  if (code === null) return null;
  if (!findRegion(code)) errors[field] = '地区代码不存在，请从列表中选择';
  return code;
}

/**
 * Checks every field of a join before anything is spent (the one-time code is consumed only by a
 * form that can succeed); a bad one is a 422 naming all bad fields, never echoing an ID or phone.
 */
export async function prepareJoin(ctx: Ctx, body: Static<typeof JoinBody>): Promise<PreparedJoin> {
  const errors: Record<string, string> = {};
  const name = body.name.trim();
  if (!name) errors.name = '请填写姓名';
  const sealed = <T>(seal: () => T): T | undefined => {
    try {
      return seal();
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') Object.assign(errors, err.fields ?? {});
      else throw err;
      return undefined;
    }
  };
  const id = sealed(() => sealIdNumber(ctx.cipher, body.id_number));
  const phone = sealed(() => sealPhone(ctx.cipher, body.phone));
  if (body.consent !== true) errors.consent = '请阅读并同意个人信息收集说明';
  const workRegionCode = checkRegion(blankToNull(body.work_region_code), 'work_region_code', errors);
  const residenceRegionCode = checkRegion(blankToNull(body.residence_region_code), 'residence_region_code', errors);
  let orgId: number | null = null;
  const code = blankToNull(body.org_code);
  if (code !== null) {
    const org = await findActiveOrgByCode(ctx, code);
    if (!org) errors.org_code = '工会编码不正确，请核对二维码下方的编码';
    else if (!TAKES_MEMBERS.has(org.type)) errors.org_code = '该工会不直接接收会员，请不填工会编码，按工作地区申请入会';
    else orgId = org.id;
  } else if (!workRegionCode && !residenceRegionCode && !errors.work_region_code) {
    errors.work_region_code = '请选择工作地区（或居住地区），以便分配到当地工会';
  }
  if (Object.keys(errors).length > 0 || !id || !phone) throw new AppError('validation_failed', errors);
  return {
    name,
    id,
    phone,
    rawPhone: body.phone,
    otp: body.otp,
    orgId,
    foundBy: body.found_by ?? 'qr',
    occupation: body.occupation,
    platform: blankToNull(body.platform),
    employer: blankToNull(body.employer),
    workRegionCode,
    residenceRegionCode,
  };
}

/** Spends the join's one-time code (outside the write's transaction: verifyOtp uses ctx.db). */
export async function verifyJoinOtp(ctx: Ctx, join: PreparedJoin): Promise<void> {
  await verifyOtp(ctx, join.rawPhone, 'join', join.otp);
}

/** The county holding pool for a work (else residence) area: a county-level code's own pool. */
async function findPool(tx: Ctx, join: PreparedJoin): Promise<JoinOrgRow> {
  for (const code of [join.workRegionCode, join.residenceRegionCode]) {
    if (code === null) continue;
    const county = findRegion(code)?.level === 3 ? code : null;
    const pool = county === null ? undefined : await q.findPoolForRegion(tx.db, county);
    if (pool) return pool;
  }
  const field = join.workRegionCode !== null ? 'work_region_code' : 'residence_region_code';
  throw new AppError('validation_failed', {
    [field]: '该地区暂无县级工会周转库受理入会，请选择具体的区县，或扫描用人单位工会的二维码',
  });
}

/** How many application numbers a join draws before it gives up (each clash is a one in 887 million draw). */
const NUMBER_ATTEMPTS = 3;

/**
 * Files the join in the caller's transaction: into a union (auto-approved → a member at once, or
 * pending review) or, without a union, into the county holding pool (a member at once, 'pooled').
 */
export async function submitJoin(tx: Ctx, join: PreparedJoin): Promise<Static<typeof JoinAnswer>> {
  if (await q.hasPendingApplication(tx.db, join.id.id_hash)) {
    throw new AppError('application_pending', { id_number: '该身份证号已有待审核的入会申请，请耐心等待或查询进度' });
  }
  const org = join.orgId === null ? await findPool(tx, join) : await q.findOrg(tx.db, join.orgId);
  if (!org) throw new AppError('validation_failed', { org_code: '工会编码不正确，请核对二维码下方的编码' });
  const pool = org.type === 'holding_pool';
  const immediate = pool || (await q.findAutoApprove(tx.db, org.id));
  let member: { id: number; member_no: string } | null = null;
  if (immediate) {
    member = await createMember(tx, {
      orgId: org.id,
      channel: pool && join.orgId === null ? 'pool' : join.foundBy,
      name: join.name,
      id: join.id,
      phone: join.phone,
      occupation: join.occupation,
      platform: join.platform,
      employer: join.employer,
      workRegionCode: join.workRegionCode,
      residenceRegionCode: join.residenceRegionCode,
    });
  } else {
    const existing = await q.findMemberOf(tx.db, join.id.id_hash);
    if (existing && existing.status !== 'lapsed') {
      throw new AppError('already_member', {
        id_number: `该身份证号已是「${maskOrgName(existing.org_name)}」的会员；如已更换工作或城市，请在“我的”中申请会籍接转`,
      });
    }
  }
  const status = pool ? 'pooled' : member ? 'approved' : 'pending';
  const { isTestNumber: _test, ...id } = join.id;
  const values = {
    org_id: org.id,
    channel: pool ? 'pool' : 'union',
    source: join.orgId === null ? 'home' : join.foundBy,
    status,
    name: join.name,
    ...id,
    ...join.phone,
    occupation: join.occupation,
    platform: join.platform,
    employer: join.employer,
    is_new_form: NEW_FORM_OCCUPATIONS.includes(join.occupation),
    work_region_code: join.workRegionCode,
    residence_region_code: join.residenceRegionCode,
    consent_version: CONSENT_VERSION,
    consented_at: new Date(),
    member_id: member?.id ?? null,
    reviewed_at: member && !pool ? new Date() : null,
  } satisfies Omit<Insertable<JoinApplicationsTable>, 'application_no'>;
  // The insert skips a clash on either unique key: the person's open application (a parallel join
  // won the race) or the number (drawn twice); only the second is drawn again, in this transaction.
  let row: Awaited<ReturnType<typeof q.insertApplication>>;
  for (let attempt = 1; ; attempt++) {
    row = await q.insertApplication(tx.db, { ...values, application_no: newApplicationNo() });
    if (row) break;
    if (status === 'pending' && (await q.hasPendingApplication(tx.db, join.id.id_hash)))
      throw new AppError('application_pending', { id_number: '该身份证号已有待审核的入会申请，请耐心等待或查询进度' });
    if (attempt >= NUMBER_ATTEMPTS) throw new AppError('conflict', undefined, '暂时未能分配申请编号，请重新提交');
  }
  // Masked only: the audit log is never deleted and holds no personal data in the clear.
  await recordAudit(tx, {
    action: 'join.submitted',
    entityType: 'join_application',
    entityId: row.id,
    orgPath: org.path,
    actorLabel: `申请人 ${maskName(join.name)}`,
    details: {
      application_no: row.application_no,
      status,
      channel: pool ? 'pool' : 'union',
      id_number: join.id.id_masked,
      phone: join.phone.phone_masked,
      ...(member ? { member_no: member.member_no } : {}),
    },
  });
  return { application_no: row.application_no, status, ...(member ? { member_no: member.member_no } : {}) };
}

/** The applicant's view of an application; a wrong phone answers exactly like a missing number. */
export async function getJoinStatus(ctx: Ctx, body: Static<typeof JoinStatusBody>): Promise<Static<typeof JoinStatus>> {
  const phone = normaliseMobile(body.phone);
  const row = await q.findApplicationByNo(ctx.db, body.application_no.trim().toUpperCase());
  if (!row || !phone || !row.phone_hash.equals(ctx.cipher.blindIndex(phone))) throw new AppError('not_found');
  return {
    application_no: row.application_no,
    status: row.status,
    org_name: row.placed_org_name ?? row.org_name,
    refusal_reason: row.refusal_reason,
    member_no: row.member_no,
    created_at: row.created_at.toISOString(),
  };
}
