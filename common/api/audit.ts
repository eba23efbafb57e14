import { Type } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The audit API's contract. */

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_label: Type.String(),
  account_id: Nullable(Type.Integer()),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity_type: Nullable(Type.String()),
  entity_id: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  details: Type.Unknown(),
  entity_name: Type.Optional(
    Nullable(
      Type.String({
        description:
          '对象的当前名称（仅限管理范围内的组织和账号）The current name of the org or account, when it lies in the caller’s scope',
      }),
    ),
  ),
  org_names: Type.Optional(
    Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String(), {
      description:
        '详情中提到的组织（仅限管理范围内）的名称，按 id Names of the orgs the details mention that lie in the caller’s scope, by id',
    }),
  ),
});

// Years PostgreSQL's date arithmetic and any real audit trail share.
const Day = Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-' });

export const AuditListQuery = Strict({
  action: Type.Optional(Type.String({ maxLength: 60 })),
  entity_type: Type.Optional(Type.String({ maxLength: 40 })),
  entity_id: Type.Optional(Type.String({ maxLength: 40 })),
  account_id: Type.Optional(Id),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  ...PageQuery,
});
