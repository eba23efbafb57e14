import { Type } from '@sinclair/typebox';
import { OCCUPATION_CODES } from '../members';
import { Strict } from './schemas';

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
