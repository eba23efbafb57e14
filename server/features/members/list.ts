import type { Static } from '@sinclair/typebox';
import type { MemberFilters, MemberListQuery, MemberLookupBody } from '../../../common/api/members';
import { AppError } from '../../../common/errors';
import { maskName } from '../../../common/id-number';
import { latinSearchKey, likeEscape, normaliseSearch } from '../../../common/names';
import type { Occupation } from '../../../common/members';
import { normaliseMobile } from '../../../common/phone';
import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import { idNumberIndex } from './personal';
import * as q from './sql';

type ListRow = Awaited<ReturnType<typeof q.findMembers>>[number];

/** A member row as lists show it: the name masked too. */
export function presentListItem<R extends ListRow>(row: R) {
  const { name, ...rest } = row;
  return {
    id: Number(rest.id),
    member_no: rest.member_no,
    name_masked: maskName(name),
    id_masked: rest.id_masked,
    phone_masked: rest.phone_masked,
    gender: rest.gender,
    birth_year: rest.birth_year,
    org_id: rest.org_id,
    org_name: rest.org_name,
    // The column's CHECK holds the closed list.
    occupation: rest.occupation as Occupation,
    platform: rest.platform,
    is_new_form: rest.is_new_form,
    status: rest.status,
    joined_on: rest.joined_on,
  };
}

/** The search box: a Chinese name prefix, or a pinyin / initials prefix when typed in latin letters. */
function prefixOf(raw: string | undefined): q.MemberFilter['prefix'] {
  const text = normaliseSearch(raw);
  if (!text) return undefined;
  const latin = latinSearchKey(text);
  return latin ? { text: likeEscape(latin), latin: true } : { text: likeEscape(text), latin: false };
}

/** The list's query as the SQL filter (the export reads the same filters). */
export function memberFilterOf(query: Static<typeof MemberFilters>): Omit<q.MemberFilter, 'afterId' | 'limit'> {
  return {
    orgId: query.org_id,
    occupation: query.occupation,
    isNewForm: query.is_new_form,
    platform: query.platform,
    status: query.status,
    joinedFrom: query.joined_from,
    joinedTo: query.joined_to,
    hardshipLevel: query.hardship_level,
    honour: query.honour,
    prefix: prefixOf(query.q),
  };
}

/** Lists the members in the caller's members.read scope, filtered, newest first, by cursor. */
export async function listMembers(ctx: Ctx, query: Static<typeof MemberListQuery>) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['bigint']);
  const rows = await q.findMembers(ctx.db, scopeFor(actor, 'members.read'), {
    ...memberFilterOf(query),
    afterId: after?.[0],
    limit,
  });
  const page = toPage(rows, limit, (r) => [Number(r.id)]);
  return { items: page.items.map(presentListItem), next_cursor: page.next_cursor };
}

/** Finds members in scope by an exact ID number or phone, through the blind index (never decrypting). */
export async function lookupMembers(ctx: Ctx, body: Static<typeof MemberLookupBody>) {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'members.read');
  const idNumber = body.id_number?.trim();
  const phone = body.phone?.trim();
  if (!idNumber === !phone) {
    throw new AppError('validation_failed', {
      id_number: '请填写身份证号或手机号中的一项',
      phone: '请填写身份证号或手机号中的一项',
    });
  }
  if (idNumber) {
    const hash = idNumberIndex(ctx.cipher, idNumber);
    if (!hash) throw new AppError('validation_failed', { id_number: '身份证号格式或校验位不正确' });
    return { items: (await q.findMembersByHash(ctx.db, scope, 'id_hash', hash)).map(presentListItem) };
  }
  const mobile = normaliseMobile(phone!);
  if (!mobile) throw new AppError('validation_failed', { phone: '请输入正确的 11 位手机号' });
  const hash = ctx.cipher.blindIndex(mobile);
  return { items: (await q.findMembersByHash(ctx.db, scope, 'phone_hash', hash)).map(presentListItem) };
}
