/** The sign-in and session routes' rows of the authorization matrix (server/testing/authz-harness.ts says how cells are derived). */
import { Secret, TOTP } from 'otpauth';
import { callerRow, send, type Row } from '../../testing/authz-harness';
import { nextIp, nextPhone, requestOtp, world } from '../../testing/authz-world';
import { TEST_PASSWORD } from '../accounts/accounts.factories';

export const authRows: Row[] = [
  callerRow('POST /api/v1/otp', {
    who: 'anyone',
    build: () => ({
      method: 'POST',
      url: '/api/v1/otp',
      payload: { phone: nextPhone(), purpose: 'login' },
      remoteAddress: nextIp(),
    }),
  }),
  callerRow('POST /api/v1/auth/member-login', {
    who: 'anyone',
    build: async () => {
      const { phone, code } = await requestOtp();
      return { method: 'POST', url: '/api/v1/auth/member-login', payload: { phone, otp: code } };
    },
  }),
  callerRow('POST /api/v1/auth/login', {
    who: 'anyone',
    build: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: world.loginTarget, password: TEST_PASSWORD },
    }),
  }),
  callerRow('POST /api/v1/auth/logout', {
    who: 'anyone',
    ok: 204,
    session: 'fresh_session',
    build: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
  }),
  // A member signed in by phone has a self too.
  callerRow('GET /api/v1/me', {
    who: 'account',
    except: { member: 200 },
    build: () => ({ method: 'GET', url: '/api/v1/me' }),
  }),
  callerRow('POST /api/v1/auth/password', {
    who: 'account',
    ok: 204,
    session: 'fresh_account',
    build: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current_password: TEST_PASSWORD, new_password: 'Changed#Pass2026' },
    }),
  }),
  callerRow('POST /api/v1/auth/totp/setup', {
    who: 'account',
    session: 'fresh_account',
    build: () => ({ method: 'POST', url: '/api/v1/auth/totp/setup' }),
  }),
  callerRow('POST /api/v1/auth/totp/confirm', {
    who: 'account',
    ok: 204,
    session: 'fresh_account',
    build: async ({ cookie }) => {
      const setup = await send({ method: 'POST', url: '/api/v1/auth/totp/setup' }, cookie);
      const code =
        setup.statusCode === 200 ? new TOTP({ secret: Secret.fromBase32(setup.json().secret) }).generate() : '123456';
      return { method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code } };
    },
  }),
];
