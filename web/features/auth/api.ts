import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/auth';
import { http } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type MeGrant = Static<typeof api.MeGrant>;
export type Restriction = Static<typeof api.Restriction>;
export type AccountMe = Static<typeof api.AccountMe>;
export type MemberMe = Static<typeof api.WorkerMe>;
export type Me = Static<typeof api.Me>;
export type LoginInput = Static<typeof api.LoginBody>;
export type OtpSent = Static<typeof api.OtpSent>;
export type TotpSetup = Static<typeof api.TotpSetup>;
type SignedIn = Static<typeof api.SignedIn>;

export const fetchMe = () => http.get<Me>('/me');

export const logIn = (input: LoginInput) => http.post<SignedIn>('/auth/login', { body: input });

export const logOut = () => http.post<void>('/auth/logout');

export const changePassword = (input: Static<typeof api.ChangePasswordBody>) =>
  http.post<void>('/auth/password', { body: input });

export const setUpTotp = () => http.post<TotpSetup>('/auth/totp/setup');

export const confirmTotp = (code: string) =>
  http.post<void>('/auth/totp/confirm', { body: { code } satisfies Static<typeof api.ConfirmTotpBody> });

export const sendLoginOtp = (phone: string) =>
  http.post<OtpSent>('/otp', {
    body: { phone, purpose: 'login' } satisfies Static<typeof api.SendOtpBody>,
    idempotent: true,
  });

export const logInMember = (input: Static<typeof api.MemberLoginBody>) =>
  http.post<SignedIn>('/auth/member-login', { body: input });
