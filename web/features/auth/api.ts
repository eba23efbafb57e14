import type { PasswordProfile } from '../../../common/password-policy';
import { http } from '../../lib/http';

export interface MeGrant {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  role_code: string;
  role_name: string;
  role_name_en: string;
  permissions: string[];
}

export type Restriction = 'password_change' | 'totp_enrollment';

export interface AccountMe {
  kind: 'account';
  id: number;
  username: string;
  display_name: string;
  org: { id: number; name: string };
  restriction: Restriction | null;
  totp_enabled: boolean;
  password_profile: PasswordProfile;
  grants: MeGrant[];
}

export interface MemberMe {
  kind: 'worker';
  phone_masked: string;
}

export type Me = AccountMe | MemberMe;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface OtpSent {
  sent: true;
  expires_in: number;
  dev_code?: string;
}

export interface TotpSetup {
  secret: string;
  otpauth_url: string;
}

export const fetchMe = () => http.get<Me>('/me');

export const logIn = (input: LoginInput) => http.post<{ me: Me }>('/auth/login', { body: input });

export const logOut = () => http.post<void>('/auth/logout');

export const changePassword = (input: { current_password: string; new_password: string }) =>
  http.post<void>('/auth/password', { body: input });

export const setUpTotp = () => http.post<TotpSetup>('/auth/totp/setup');

export const confirmTotp = (code: string) => http.post<void>('/auth/totp/confirm', { body: { code } });

export const sendLoginOtp = (phone: string) =>
  http.post<OtpSent>('/otp', { body: { phone, purpose: 'login' }, idempotent: true });

export const logInMember = (input: { phone: string; otp: string }) =>
  http.post<{ me: Me }>('/auth/member-login', { body: input });
