import { Type } from '@sinclair/typebox';
import {
  HARDSHIP_LEVELS,
  HONOUR_KINDS,
  HONOUR_LEVELS,
  MEMBER_CHANNELS,
  MEMBER_STATUSES,
  OCCUPATIONS,
} from '../members';
import { AttachmentRefs, UploadedFile } from './files';
import { Id, Nullable, PageQuery, Strict } from './schemas';
import { TransferHistoryItem } from './transfers';

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
  id: Type.Integer(),
  kind: HonourKind,
  level: HonourLevel,
  year: Type.Integer(),
  title: Nullable(Type.String()),
  awarded_by: Nullable(Type.String()),
  /** The certificate scans (files of kind members.honour_certificate). */
  certificates: Type.Array(UploadedFile),
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
    lapsed_on: Nullable(Type.String()),
    photo: Nullable(UploadedFile),
    /** 会籍接转 history, newest first (server/features/transfers). */
    transfers: Type.Array(TransferHistoryItem),
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

const Text = (max: number, description: string) => Type.String({ maxLength: max, description });
const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: '行政区划代码 Region code' });

/** The fields a cadre keeps on a member (编辑会员); the ID number is the person and is not edited. */
const MemberFields = {
  name: Type.String({ minLength: 1, maxLength: 40, description: '姓名 Name' }),
  phone: Nullable(Text(20, '手机号 Mobile')),
  occupation: Occupation,
  platform: Nullable(Text(40, '平台 Platform')),
  employer: Nullable(Text(100, '工作单位 Employer')),
  work_region_code: Nullable(RegionCode),
  residence_region_code: Nullable(RegionCode),
  hardship_level: Nullable(HardshipLevel),
};

/** A member entered by a cadre (工会录入) into a union in their members.manage scope. */
export const NewMemberBody = Strict({
  org_id: Id,
  id_number: Type.String({ minLength: 1, maxLength: 40, description: '身份证号 ID number' }),
  ...MemberFields,
  phone: Type.Optional(MemberFields.phone),
  platform: Type.Optional(MemberFields.platform),
  employer: Type.Optional(MemberFields.employer),
  work_region_code: Type.Optional(MemberFields.work_region_code),
  residence_region_code: Type.Optional(MemberFields.residence_region_code),
  hardship_level: Type.Optional(MemberFields.hardship_level),
  joined_on: Type.Optional(IsoDate),
});

/** An edit: the version read (a stale one is a 409) and the fields that change. */
export const MemberPatchBody = Type.Composite([
  Strict({ version: Type.Integer({ minimum: 1 }) }),
  Type.Partial(
    Strict({
      ...MemberFields,
      photo: Nullable(AttachmentRefs.items),
    }),
  ),
]);

/** 退会: the version read and why. */
export const LapseBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 200, description: '退会原因 Why the membership ends' }),
  lapsed_on: Type.Optional(IsoDate),
});

export const NewHonourBody = Strict({
  kind: HonourKind,
  level: HonourLevel,
  year: Type.Integer({ minimum: 1950, maximum: 2100 }),
  title: Type.Optional(Nullable(Text(100, '称号全称 Full title'))),
  awarded_by: Type.Optional(Nullable(Text(100, '授予单位 Awarded by'))),
  certificates: Type.Optional(AttachmentRefs),
});

export const HonourParams = Strict({ id: Id, honourId: Id });

/** One change on a member's profile (edit history), from the audit trail; personal values never shown. */
export const MemberChange = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  action_label: Type.String(),
  /** What a transfer's or a join's entry did, in a sentence (「A」→「B」); null for the member's own edits. */
  summary: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  /** Field → { from, to }, or { changed: true } for a personal field. */
  changes: Type.Record(Type.String(), Type.Unknown()),
});
export const MemberHistory = Type.Object({ items: Type.Array(MemberChange) });
