import { Type } from '@sinclair/typebox';
import { PASSWORD_PROFILES } from '../password-policy';
import { Nullable, Strict } from './schemas';

/** The sign-in and session API's contract (server/features/auth/routes.ts, web/features/auth/api.ts). */

/** What a one-time code may be asked for. */
export const OTP_PURPOSES = ['login', 'join', 'case'] as const;

export const MeGrant = Type.Object({
  id: Type.Integer(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  org_path: Type.String(),
  role_code: Type.String(),
  role_name: Type.String(),
  role_name_en: Type.String(),
  permissions: Type.Array(Type.String()),
});

export const Restriction = Type.Union([Type.Literal('password_change'), Type.Literal('totp_enrollment')]);

export const AccountMe = Type.Object({
  kind: Type.Literal('account'),
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  org: Type.Object({ id: Type.Integer(), name: Type.String() }),
  restriction: Nullable(Restriction),
  totp_enabled: Type.Boolean(),
  password_profile: Type.Union(PASSWORD_PROFILES.map((p) => Type.Literal(p))),
  grants: Type.Array(MeGrant),
});

/** A worker (职工) signed in by phone on the H5. */
export const WorkerMe = Type.Object({ kind: Type.Literal('worker'), phone_masked: Type.String() });

export const Me = Type.Union([AccountMe, WorkerMe]);

export const SignedIn = Type.Object({ me: Me });

const Password = Type.String({ minLength: 1, maxLength: 128 });
const Phone = Type.String({ minLength: 1, maxLength: 20 });

export const LoginBody = Strict({
  username: Type.String({ minLength: 1, maxLength: 40 }),
  password: Password,
  totp: Type.Optional(Type.String({ maxLength: 10 })),
});

export const ChangePasswordBody = Strict({ current_password: Password, new_password: Password });

export const TotpSetup = Type.Object({ secret: Type.String(), otpauth_url: Type.String() });

export const ConfirmTotpBody = Strict({ code: Type.String({ minLength: 6, maxLength: 10 }) });

export const SendOtpBody = Strict({ phone: Phone, purpose: Type.Union(OTP_PURPOSES.map((p) => Type.Literal(p))) });

export const OtpSent = Type.Object({
  sent: Type.Literal(true),
  expires_in: Type.Integer(),
  dev_code: Type.Optional(Type.String()),
});

export const MemberLoginBody = Strict({ phone: Phone, otp: Type.String({ minLength: 4, maxLength: 8 }) });
