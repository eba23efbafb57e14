import { pinyinKeys } from '../../../common/names';
import { AppError } from '../../../common/errors';
import { NEW_FORM_OCCUPATIONS, type MemberChannel, type Occupation } from '../../../common/members';
import type { Ctx } from '../../http/context';
import { formatMemberNo } from './member-no';
import { sealedColumns, shanghaiToday, type SealedIdNumber, type SealedPhone } from './personal';
import * as q from './sql';

/** A new member as joins, placements, imports and cadres hand it over: personal data already sealed. */
export interface NewMember {
  orgId: number;
  channel: MemberChannel;
  name: string;
  id: SealedIdNumber;
  phone: SealedPhone | null;
  occupation: Occupation;
  platform?: string | null;
  employer?: string | null;
  workRegionCode?: string | null;
  residenceRegionCode?: string | null;
  /** 'YYYY-MM-DD'; today (Shanghai) when absent. */
  joinedOn?: string;
}

/** Masks a union's name for a stranger: the first two and the last two characters. */
export function maskOrgName(name: string): string {
  const chars = [...name];
  return chars.length <= 4
    ? `${chars[0]}**`
    : `${chars.slice(0, 2).join('')}${'*'.repeat(Math.min(chars.length - 4, 6))}${chars.slice(-2).join('')}`;
}

/**
 * Registers a person as a member, inside the caller's transaction (a join's, a placement's, an
 * import batch's). One row per person: a lapsed member comes back with their number; an active one
 * is a 409 naming the holding union (masked) and how to transfer.
 */
export async function createMember(
  tx: Ctx,
  input: NewMember,
): Promise<{ id: number; member_no: string; reactivated: boolean }> {
  const fields = {
    org_id: input.orgId,
    channel: input.channel,
    name: input.name,
    ...pinyinKeys(input.name),
    ...sealedColumns(input.id, input.phone ?? null),
    occupation: input.occupation,
    platform: input.platform ?? null,
    employer: input.employer ?? null,
    is_new_form: NEW_FORM_OCCUPATIONS.includes(input.occupation),
    work_region_code: input.workRegionCode ?? null,
    residence_region_code: input.residenceRegionCode ?? null,
    joined_on: input.joinedOn ?? shanghaiToday(),
  };
  const existing = await q.findMemberByIdHash(tx.db, input.id.id_hash);
  if (existing && existing.status !== 'lapsed') {
    throw new AppError('already_member', {
      id_number: `该身份证号已是「${maskOrgName(existing.org_name)}」的会员；如已更换工作或城市，请在“我的”中申请会籍接转`,
    });
  }
  if (existing) {
    const back = await q.reactivateMember(tx.db, existing.id, fields);
    if (back) return { id: back.id, member_no: back.member_no, reactivated: true };
  }
  const rootRegion = (await q.findRootRegion(tx.db)) ?? '000000';
  const memberNo = formatMemberNo(rootRegion, await q.nextMemberSeq(tx.db));
  const row = await q.insertMember(tx.db, { ...fields, member_no: memberNo });
  // Lost a race with another join for the same person (committed after our lookup): the same 409.
  if (!row) return createMember(tx, input);
  return { id: row.id, member_no: memberNo, reactivated: false };
}

/** Moves a member into another org: placement out of the holding pool, an accepted transfer. */
export async function moveMember(tx: Ctx, memberId: number, orgId: number): Promise<void> {
  if (!(await q.updateMemberOrg(tx.db, memberId, orgId, 'active'))) throw new AppError('not_found');
}

/** Marks a member as transferring (true) or back to active (false); they stay a full member either way. */
export async function setTransferring(tx: Ctx, memberId: number, transferring: boolean): Promise<void> {
  if (!(await q.updateMemberStatus(tx.db, memberId, transferring ? 'transferring' : 'active')))
    throw new AppError('not_found');
}

/** Ends a membership (退会) on `on`; the row and its number stay, and a later join brings them back. */
export async function lapseMember(tx: Ctx, memberId: number, on: string = shanghaiToday()): Promise<void> {
  if (!(await q.updateMemberLapsed(tx.db, memberId, on))) throw new AppError('not_found');
}
