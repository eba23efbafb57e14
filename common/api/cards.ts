import { Type } from '@sinclair/typebox';
import { MEMBER_STATUSES, type MemberStatus } from '../members';
import { Strict } from './schemas';

/**
 * The e-member card's contract (server/features/cards/routes.ts serves it): the worker's own card,
 * its rotating QR payload, and the verification a cadre or a partner runs on a scanned payload.
 */

/** The longest payload verification reads; anything longer is refused by the schema (a 422), never parsed. */
export const CARD_PAYLOAD_MAX = 200;

export const MyCard = Type.Object({
  name: Type.String({ description: '姓名（本人的卡，不打码） Full name: it is their own card' }),
  org_name: Type.String({ description: '所属工会 The union' }),
  member_no: Type.String(),
  status: Type.Union((Object.keys(MEMBER_STATUSES) as MemberStatus[]).map((s) => Type.Literal(s))),
  joined_on: Type.String({ format: 'date' }),
  id_masked: Type.String({ description: '打码的身份证号 The masked ID number' }),
});

export const CardToken = Type.Object({
  payload: Type.String({ description: '二维码内容 The QR payload: GH1.<member>.<minute>.<mac>' }),
  expires_at: Type.String({
    format: 'date-time',
    description:
      '换新时间：此后请取新码；核验仍接受上一分钟的码 When the payload is replaced; verification still accepts it for one more minute',
  }),
});

export const VerifyCardBody = Strict({
  payload: Type.String({ maxLength: CARD_PAYLOAD_MAX, description: '扫码所得内容 The scanned payload' }),
});

export const CARD_RESULTS = ['valid', 'expired', 'revoked', 'invalid'] as const;
export type CardResult = (typeof CARD_RESULTS)[number];

export const CardVerification = Type.Object({
  result: Type.Union(CARD_RESULTS.map((r) => Type.Literal(r))),
  org_name: Type.Optional(Type.String()),
  name_masked: Type.Optional(Type.String()),
  member_no: Type.Optional(Type.String()),
  checked_at: Type.String({ format: 'date-time' }),
});
