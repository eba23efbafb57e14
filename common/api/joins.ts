import { Type } from '@sinclair/typebox';
import { OCCUPATION_CODES } from '../members';
import { Occupation } from './members';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The union a join code names, as the H5 shows it before the form. */
export const JoinOrg = Type.Object({
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  region_code: Type.String(),
  region_name: Type.String(),
  /** False for a federation above the grassroots: it does not take members itself. */
  takes_members: Type.Boolean(),
});

export const JoinOrgParams = Strict({ code: Type.String({ minLength: 1, maxLength: 20 }) });

const RegionCode = Type.String({ minLength: 1, maxLength: 12 });

/** 码上入会 (DESIGN.md §5). The phone and ID number travel only in this body. */
export const JoinBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  id_number: Type.String({ minLength: 1, maxLength: 24 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  otp: Type.String({ minLength: 4, maxLength: 8 }),
  org_code: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  /** How the worker found org_code: its QR code (the default) or the H5's union search. */
  found_by: Type.Optional(Type.Union([Type.Literal('qr'), Type.Literal('search')])),
  occupation: Type.Union(OCCUPATION_CODES.map((o) => Type.Literal(o))),
  platform: Type.Optional(Type.String({ maxLength: 40 })),
  employer: Type.Optional(Type.String({ maxLength: 100 })),
  work_region_code: Type.Optional(RegionCode),
  residence_region_code: Type.Optional(RegionCode),
  consent: Type.Boolean(),
});

export const JoinStatusValue = Type.Union([
  Type.Literal('pending'),
  Type.Literal('pooled'),
  Type.Literal('approved'),
  Type.Literal('refused'),
]);

export const JoinAnswer = Type.Object({
  application_no: Type.String(),
  status: JoinStatusValue,
  member_no: Type.Optional(Type.String()),
});

export const JoinStatusBody = Strict({
  application_no: Type.String({ minLength: 1, maxLength: 20 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
});

export const JoinStatus = Type.Object({
  application_no: Type.String(),
  status: JoinStatusValue,
  org_name: Type.String(),
  refusal_reason: Type.Union([Type.String(), Type.Null()]),
  member_no: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});

/** The public union search: a worker finds their employer's union without a QR code. */
export const JoinOrgSearchQuery = Strict({
  q: Type.String({
    minLength: 1,
    maxLength: 40,
    description: '工会名称（任意部分）、拼音或首字母 Name, pinyin or initials',
  }),
});

export const JoinOrgSearchResult = Type.Object({ items: Type.Array(JoinOrg) });

// ---------------------------------------------------------------------------------------------
// 入会审核: the reviewer's queue and decisions (joins.review, scoped to the grant's subtree).

const JoinQueueValue = Type.Union([Type.Literal('pending'), Type.Literal('pooled'), Type.Literal('decided')]);
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Reason = Type.String({ minLength: 1, maxLength: 200 });

export const JoinQueueQuery = Strict({
  queue: Type.Optional(JoinQueueValue),
  org_id: Type.Optional(Id),
  occupation: Type.Optional(Occupation),
  q: Type.Optional(Type.String({ maxLength: 20, description: '申请编号（前缀）Application number or its start' })),
  ...PageQuery,
});

/** One application as a reviewer sees it: masked values only (DESIGN.md §4.2). */
export const JoinQueueItem = Type.Object({
  id: Type.Integer(),
  application_no: Type.String(),
  status: JoinStatusValue,
  channel: Type.Union([Type.Literal('union'), Type.Literal('pool')]),
  source: Type.Union([Type.Literal('qr'), Type.Literal('search'), Type.Literal('home')]),
  org_id: Type.Integer(),
  org_name: Type.String(),
  placed_org_id: Nullable(Type.Integer()),
  placed_org_name: Nullable(Type.String()),
  name_masked: Type.String(),
  id_masked: Type.String(),
  phone_masked: Type.String(),
  gender: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  birth_year: Type.Integer(),
  occupation: Occupation,
  platform: Nullable(Type.String()),
  employer: Nullable(Type.String()),
  work_region_code: Nullable(Type.String()),
  member_no: Nullable(Type.String()),
  refusal_reason: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  /** Whole hours since the application arrived (the queue's "已等待"). */
  age_hours: Type.Integer(),
  reviewed_at: Nullable(Type.String({ format: 'date-time' })),
  /** Name it in a decision: a decision on an older version is 409 stale_version. */
  version: Type.Integer(),
});

const QueueCount = Type.Object({
  count: Type.Integer(),
  /** When the oldest waiting application arrived; null when none waits (always null for decided). */
  oldest_at: Nullable(Type.String({ format: 'date-time' })),
  oldest_age_hours: Nullable(Type.Integer()),
});

/** Per queue, for the tabs and the menu badge. */
export const JoinCounts = Type.Object({ pending: QueueCount, pooled: QueueCount, decided: QueueCount });

export const JoinDecisionBody = Strict({ version: Version });
export const JoinRefuseBody = Strict({ version: Version, reason: Reason });
export const JoinPlaceBody = Strict({ version: Version, org_id: Id });

/** A bulk decision: all of it or none; a failure answers per application (fields keyed by id). */
export const JoinBulkBody = Strict({
  action: Type.Union([Type.Literal('approve'), Type.Literal('refuse'), Type.Literal('place')]),
  items: Type.Array(Strict({ id: Id, version: Version }), { minItems: 1, maxItems: 200 }),
  reason: Type.Optional(Reason),
  org_id: Type.Optional(Id),
});

export const JoinBulkResult = Type.Object({ items: Type.Array(JoinQueueItem) });

export const JoinSettingsParams = Strict({ orgId: Id });

/** How a union takes joins: approved at once, or reviewed (no setting: reviewed). */
export const JoinSettings = Type.Object({
  org_id: Type.Integer(),
  auto_approve: Type.Boolean(),
  /** False for an org that takes no members itself (a federation, a union group): nothing to set. */
  takes_members: Type.Boolean(),
  /** The org's join code, for its QR poster. */
  code: Type.String(),
  org_name: Type.String(),
  updated_at: Nullable(Type.String({ format: 'date-time' })),
});

export const JoinSettingsBody = Strict({ auto_approve: Type.Boolean() });
