import { Type } from '@sinclair/typebox';
import {
  HARDSHIP_LEVELS,
  HONOUR_KINDS,
  HONOUR_LEVELS,
  MEMBER_CHANNELS,
  MEMBER_STATUSES,
  OCCUPATIONS,
} from '../members';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The member registry's read API (server/features/members/routes.ts, web/features/members/api.ts). */

const literals = <T extends string>(codes: readonly T[]) => Type.Union(codes.map((c) => Type.Literal(c)));
const keys = <T extends object>(o: T) => Object.keys(o) as Array<keyof T & string>;

export const Occupation = literals(keys(OCCUPATIONS));
export const MemberStatus = literals(keys(MEMBER_STATUSES));
export const MemberChannel = literals(keys(MEMBER_CHANNELS));
export const HonourKind = literals(keys(HONOUR_KINDS));
export const HonourLevel = literals(keys(HONOUR_LEVELS));
export const HardshipLevel = literals(keys(HARDSHIP_LEVELS));
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '日期 YYYY-MM-DD' });

/** One member in a list: masked values only (DESIGN.md §4.2). */
export const MemberListItem = Type.Object({
  id: Type.Integer(),
  member_no: Type.String(),
  name_masked: Type.String(),
  id_masked: Type.String(),
  phone_masked: Nullable(Type.String()),
  gender: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  birth_year: Type.Integer(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  occupation: Occupation,
  platform: Nullable(Type.String()),
  is_new_form: Type.Boolean(),
  status: MemberStatus,
  joined_on: Type.String(),
});

/** The list's filters: the query of the list (with a cursor) and of its xlsx export. */
const MEMBER_FILTERS = {
  org_id: Type.Optional(Id),
  occupation: Type.Optional(Occupation),
  is_new_form: Type.Optional(Type.Boolean()),
  platform: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  status: Type.Optional(MemberStatus),
  joined_from: Type.Optional(IsoDate),
  joined_to: Type.Optional(IsoDate),
  hardship_level: Type.Optional(HardshipLevel),
  honour: Type.Optional(HonourKind),
  q: Type.Optional(
    Type.String({ maxLength: 40, description: '姓名、拼音或首字母前缀 Name, pinyin or initials prefix' }),
  ),
};
export const MemberFilters = Strict(MEMBER_FILTERS);
export const MemberListQuery = Strict({ ...MEMBER_FILTERS, ...PageQuery });

/** Exact search through the blind index: one of the two, in the body (never in a URL). */
export const MemberLookupBody = Strict({
  id_number: Type.Optional(Type.String({ maxLength: 40 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
});
export const MemberLookupResult = Type.Object({ items: Type.Array(MemberListItem) });

export const MemberHonour = Type.Object({
  kind: HonourKind,
  level: HonourLevel,
  year: Type.Integer(),
  title: Nullable(Type.String()),
  awarded_by: Nullable(Type.String()),
});

/** The member profile (一人一档), still masked. */
export const MemberProfile = Type.Composite([
  MemberListItem,
  Type.Object({
    employer: Nullable(Type.String()),
    work_region_code: Nullable(Type.String()),
    residence_region_code: Nullable(Type.String()),
    id_region_code: Type.String(),
    channel: MemberChannel,
    hardship_level: Nullable(HardshipLevel),
    honours: Type.Array(MemberHonour),
    version: Type.Integer(),
    created_at: Type.String(),
  }),
]);

/** A worker's own member record(s), found by the phone they signed in with. */
export const MyMembership = Type.Object({ items: Type.Array(MemberListItem) });

export const UnmaskField = Type.Union([Type.Literal('id_number'), Type.Literal('phone')]);
export const UnmaskBody = Strict({
  reason: Type.String({ minLength: 4, maxLength: 200, description: '查看理由 Why the full number is needed' }),
  fields: Type.Array(UnmaskField, { minItems: 1, maxItems: 2, uniqueItems: true }),
});
/** The full numbers asked for, once; a field not asked for (or a member without a phone) is null. */
export const UnmaskResult = Type.Object({
  id_number: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});
