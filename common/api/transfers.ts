import { Type } from '@sinclair/typebox';
import { TRANSFER_STATES } from '../members';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** 会籍接转's API (server/features/transfers/routes.ts, web/features/transfers/api.ts). */

export const TransferState = Type.Union(
  Object.keys(TRANSFER_STATES).map((s) => Type.Literal(s as keyof typeof TRANSFER_STATES)),
);

const OrgCode = Type.String({ minLength: 1, maxLength: 200, description: '接收工会的入会编码（或其二维码的内容）' });
const Reason = Type.String({ maxLength: 200 });

/** A worker asks to move their membership to the union a join code names. */
export const MyTransferBody = Strict({
  to_org_code: OrgCode,
  reason: Type.Optional(Reason),
  /** Which of the worker's member records, when their phone holds more than one. */
  member_id: Type.Optional(Id),
});

/** The sending union's cadre starts a transfer for a member of theirs. */
export const TransferBody = Strict({ member_id: Id, to_org_code: OrgCode, reason: Type.Optional(Reason) });

/** An answer names the version it read (a stale one is a 409). */
export const TransferVersionBody = Strict({ version: Type.Integer({ minimum: 1 }) });
export const RefuseTransferBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
});

export const TransferListQuery = Strict({
  direction: Type.Optional(
    Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')], {
      description: 'incoming: 转入本级及下级；outgoing: 从本级及下级转出；不填：两者',
    }),
  ),
  state: Type.Optional(TransferState),
  ...PageQuery,
});

export const TransferOrg = Type.Object({ id: Type.Integer(), name: Type.String() });

/** One transfer as both unions and the member see it: the member masked. */
export const TransferView = Type.Object({
  id: Type.Integer(),
  member_id: Type.Integer(),
  member_no: Type.String(),
  name_masked: Type.String(),
  id_masked: Type.String(),
  from_org: TransferOrg,
  to_org: TransferOrg,
  requested_by: Type.Union([Type.Literal('member'), Type.Literal('org')]),
  reason: Nullable(Type.String()),
  state: TransferState,
  auto_accepted: Type.Boolean(),
  refusal_reason: Nullable(Type.String()),
  cancelled_by: Nullable(Type.Union([Type.Literal('member'), Type.Literal('org')])),
  created_at: Type.String(),
  /** The instant the answer is due: the end of due_date, Asia/Shanghai. */
  due_at: Type.String(),
  /** The last working day the receiving union has to answer. */
  due_date: Type.String(),
  /** Working days left to answer, while pending (0: overdue, accepted automatically at the next run); null once decided. */
  days_left: Nullable(Type.Integer()),
  decided_at: Nullable(Type.String()),
  version: Type.Integer(),
  /** What the caller may do now (the console's buttons). */
  can_answer: Type.Boolean(),
  can_cancel: Type.Boolean(),
});

/** A union a worker or cadre can transfer to, found by name. */
export const TransferTarget = Type.Object({
  code: Type.String(),
  name: Type.String(),
  region_name: Type.String(),
});
export const TransferTargetQuery = Strict({ q: Type.String({ minLength: 1, maxLength: 40 }) });

/** A transfer as the member profile lists it (一人一档: the history stays with the member). */
export const TransferHistoryItem = Type.Object({
  id: Type.Integer(),
  from_org_name: Type.String(),
  to_org_name: Type.String(),
  state: TransferState,
  auto_accepted: Type.Boolean(),
  requested_by: Type.Union([Type.Literal('member'), Type.Literal('org')]),
  refusal_reason: Nullable(Type.String()),
  created_at: Type.String(),
  decided_at: Nullable(Type.String()),
});
