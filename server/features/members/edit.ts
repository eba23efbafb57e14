import type { Static } from '@sinclair/typebox';
import type { LapseBody, MemberPatchBody, NewHonourBody, NewMemberBody } from '../../../common/api/members';
import { AppError, type FieldErrors } from '../../../common/errors';
import { NEW_FORM_OCCUPATIONS } from '../../../common/members';
import { MEMBER_ORG_TYPES, type OrgType } from '../../../common/org-types';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { can, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { attachFiles, removeFiles } from '../files/attach';
import { findRegion } from '../regions/regions';
import { pinyinKeys } from '../../../common/names';
import { sealIdNumber, sealPhone, shanghaiToday } from './personal';
import { CERTIFICATE_FILES, PHOTO_FILES } from './files';
import { getMember } from './profile';
import { createMember, lapseMember } from './service';
import * as q from './sql';

/** Fields whose values name or reach a person: the audit trail and the edit history say only that they changed. */
const PERSONAL = new Set(['name', 'phone', 'photo']);
const CHANGED = { changed: true } as const;

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

function checkRegion(code: string | null | undefined, field: string, errors: FieldErrors): void {
  if (code && !findRegion(code)) errors[field] = '地区代码不存在，请从列表中选择';
}

/**
 * The member in the caller's members.read scope, locked for the write, with members.manage checked
 * there: missing and out of scope are both `not_found`; seen but not managed is `forbidden`; a
 * version other than the one read is `stale_version` (someone saved first).
 */
async function lockForManage(tx: Ctx, id: number, version?: number) {
  const actor = requireAccount(tx);
  const row = await q.findMemberInScope(tx.db, scopeFor(actor, 'members.read'), id, { forUpdate: true });
  if (!row) throw new AppError('not_found');
  if (!can(actor, 'members.manage', row.org_path)) throw new AppError('forbidden', undefined, '没有编辑会员的权限');
  if (version !== undefined && row.version !== version) throw new AppError('stale_version');
  return row;
}

/** 工会录入: a cadre registers a person into a union in their members.manage scope. */
export async function createMemberByCadre(ctx: Ctx, body: Static<typeof NewMemberBody>) {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'members.manage');
  if (scope.paths.length === 0) throw new AppError('forbidden', undefined, '没有录入会员的权限');
  const errors: FieldErrors = {};
  const name = body.name.trim();
  if (!name) errors.name = '请填写姓名';
  const org = await q.findOrgInScope(ctx.db, scope, body.org_id);
  // An org outside the caller's scope reads as a missing one.
  if (!org) errors.org_id = '组织不存在';
  else if (org.status !== 'active') errors.org_id = '该组织已停用';
  else if (!MEMBER_ORG_TYPES.includes(org.type as OrgType)) errors.org_id = '该组织不直接管理会员，请选择基层工会';
  let id;
  try {
    id = sealIdNumber(ctx.cipher, body.id_number);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    Object.assign(errors, err.fields);
  }
  let phone = null;
  const rawPhone = blankToNull(body.phone);
  if (rawPhone) {
    try {
      phone = sealPhone(ctx.cipher, rawPhone);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      Object.assign(errors, err.fields);
    }
  }
  checkRegion(body.work_region_code, 'work_region_code', errors);
  checkRegion(body.residence_region_code, 'residence_region_code', errors);
  if (body.joined_on && body.joined_on > shanghaiToday()) errors.joined_on = '入会日期不能晚于今天';
  if (Object.keys(errors).length > 0 || !id || !org) throw new AppError('validation_failed', errors);
  const created = await withTransaction(ctx, async (tx) => {
    const member = await createMember(tx, {
      orgId: org.id,
      channel: 'cadre',
      name,
      id,
      phone,
      occupation: body.occupation,
      platform: blankToNull(body.platform),
      employer: blankToNull(body.employer),
      workRegionCode: body.work_region_code ?? null,
      residenceRegionCode: body.residence_region_code ?? null,
      joinedOn: body.joined_on,
    });
    if (body.hardship_level) await q.updateHardshipLevel(tx.db, member.id, body.hardship_level);
    await recordAudit(tx, {
      action: member.reactivated ? 'members.reactivated' : 'members.created',
      entityType: 'member',
      entityId: member.id,
      orgPath: org.path,
      details: { member_no: member.member_no, org_id: org.id, channel: 'cadre', test_id_number: id.isTestNumber },
    });
    return member;
  });
  return getMember(ctx, created.id);
}

/** 编辑会员: the fields that changed, against the version read; audited with personal values left out. */
export async function updateMember(ctx: Ctx, id: number, body: Static<typeof MemberPatchBody>) {
  const errors: FieldErrors = {};
  const { version, photo, ...fields } = body;
  const next: Record<string, unknown> = {};
  if (fields.name !== undefined) {
    const name = fields.name.trim();
    if (!name) errors.name = '请填写姓名';
    else Object.assign(next, { name, ...pinyinKeys(name) });
  }
  if (fields.phone !== undefined) {
    const raw = blankToNull(fields.phone);
    if (raw === null) Object.assign(next, { phone_hash: null, phone_enc: null, phone_masked: null });
    else {
      try {
        Object.assign(next, sealPhone(ctx.cipher, raw));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        Object.assign(errors, err.fields);
      }
    }
  }
  if (fields.occupation !== undefined)
    Object.assign(next, {
      occupation: fields.occupation,
      is_new_form: NEW_FORM_OCCUPATIONS.includes(fields.occupation),
    });
  for (const key of ['platform', 'employer'] as const)
    if (fields[key] !== undefined) next[key] = blankToNull(fields[key]);
  for (const key of ['work_region_code', 'residence_region_code'] as const)
    if (fields[key] !== undefined) {
      checkRegion(fields[key], key, errors);
      next[key] = fields[key];
    }
  if (fields.hardship_level !== undefined) next.hardship_level = fields.hardship_level;
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);

  await withTransaction(ctx, async (tx) => {
    const row = await lockForManage(tx, id, version);
    if (row.status === 'lapsed') throw new AppError('conflict', undefined, '已退会的会员不能编辑，请先恢复会籍');
    const before = row as unknown as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) {
      if (key === 'phone') {
        if ((next.phone_hash as Buffer | null)?.toString('hex') !== row.phone_hash?.toString('hex'))
          changes.phone = CHANGED;
      } else {
        const to = key === 'name' ? next.name : next[key];
        if (to !== before[key]) changes[key] = PERSONAL.has(key) ? CHANGED : { from: before[key] ?? null, to };
      }
    }
    let photoFileId: string | null | undefined;
    if (photo !== undefined) {
      if (row.photo_file_id) await removeFiles(tx, PHOTO_FILES, id, 'all');
      photoFileId = photo ? (await attachFiles(tx, PHOTO_FILES, id, [photo], 'photo'))[0]!.id : null;
      if (photoFileId !== row.photo_file_id) changes.photo = CHANGED;
    }
    if (Object.keys(changes).length === 0) return;
    const set = photoFileId === undefined ? next : { ...next, photo_file_id: photoFileId };
    await q.updateMemberFields(tx.db, id, set);
    await recordAudit(tx, {
      action: 'members.updated',
      entityType: 'member',
      entityId: id,
      orgPath: row.org_path,
      details: { member_no: row.member_no, changes },
    });
  });
  return getMember(ctx, id);
}

/** 退会: the membership ends; the row and number stay, and a later join brings them back. */
export async function lapseMemberByCadre(ctx: Ctx, id: number, body: Static<typeof LapseBody>) {
  const reason = body.reason.trim();
  if ([...reason].length < 2) throw new AppError('validation_failed', { reason: '请填写退会原因' });
  const on = body.lapsed_on ?? shanghaiToday();
  if (on > shanghaiToday()) throw new AppError('validation_failed', { lapsed_on: '退会日期不能晚于今天' });
  await withTransaction(ctx, async (tx) => {
    const row = await lockForManage(tx, id, body.version);
    if (row.status === 'lapsed') throw new AppError('conflict', undefined, '该会员已退会');
    if (row.status === 'transferring')
      throw new AppError('conflict', undefined, '该会员正在办理会籍接转，请先处理接转申请');
    if (on < row.joined_on) throw new AppError('validation_failed', { lapsed_on: '退会日期不能早于入会日期' });
    await lapseMember(tx, id, on);
    await recordAudit(tx, {
      action: 'members.lapsed',
      entityType: 'member',
      entityId: id,
      orgPath: row.org_path,
      reason,
      details: { member_no: row.member_no, lapsed_on: on },
    });
  });
  return getMember(ctx, id);
}

/** Records an honour with its certificate scans. */
export async function addHonourByCadre(ctx: Ctx, id: number, body: Static<typeof NewHonourBody>) {
  const thisYear = Number(shanghaiToday().slice(0, 4));
  if (body.year > thisYear) throw new AppError('validation_failed', { year: '获得年份不能晚于今年' });
  await withTransaction(ctx, async (tx) => {
    const row = await lockForManage(tx, id);
    const honourId = await q.insertHonour(tx.db, {
      member_id: id,
      kind: body.kind,
      level: body.level,
      year: body.year,
      title: blankToNull(body.title),
      awarded_by: blankToNull(body.awarded_by),
    });
    const files = await attachFiles(tx, CERTIFICATE_FILES, honourId, body.certificates ?? [], 'certificates');
    await recordAudit(tx, {
      action: 'members.honour_added',
      entityType: 'member',
      entityId: id,
      orgPath: row.org_path,
      details: {
        member_no: row.member_no,
        honour_id: honourId,
        kind: body.kind,
        level: body.level,
        year: body.year,
        certificates: files.length,
      },
    });
  });
  return getMember(ctx, id);
}

/** Removes an honour recorded by mistake, and its certificate scans. */
export async function removeHonour(ctx: Ctx, id: number, honourId: number) {
  await withTransaction(ctx, async (tx) => {
    const row = await lockForManage(tx, id);
    const honour = await q.deleteHonour(tx.db, id, honourId);
    if (!honour) throw new AppError('not_found');
    await removeFiles(tx, CERTIFICATE_FILES, honourId, 'all');
    await recordAudit(tx, {
      action: 'members.honour_removed',
      entityType: 'member',
      entityId: id,
      orgPath: row.org_path,
      details: {
        member_no: row.member_no,
        honour_id: honourId,
        kind: honour.kind,
        level: honour.level,
        year: honour.year,
      },
    });
  });
  return getMember(ctx, id);
}
