import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/cards';
import { http } from '../../lib/http';

export type MyCard = Static<typeof api.MyCard>;
export type CardToken = Static<typeof api.CardToken>;
export type CardVerification = Static<typeof api.CardVerification>;

export const fetchMyCard = () => http.get<MyCard>('/me/card');

export const fetchCardToken = () => http.get<CardToken>('/me/card/token');

export const verifyCard = (payload: string) =>
  http.post<CardVerification>('/cards/verify', { body: { payload } satisfies Static<typeof api.VerifyCardBody> });
