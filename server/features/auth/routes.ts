import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBody,
  ConfirmTotpBody,
  LoginBody,
  Me,
  MemberLoginBody,
  OtpSent,
  SendOtpBody,
  SignedIn,
  TotpSetup,
} from '../../../common/api/auth';
import { NoContent } from '../../../common/api/schemas';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN_RESTRICTED } from '../../http/responses';
import { changeOwnPassword, confirmTotp, getMe, login, logout, setupTotp } from './service';
import { workerLogin, sendOtp } from './otp';
import { ABSOLUTE_HOURS, MEMBER_ABSOLUTE_DAYS } from './sql';
import { resolveSession, SESSION_COOKIE } from './sessions';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure:
      req.ctx.config.cookieSecure === 'always' || (req.ctx.config.cookieSecure === 'auto' && req.protocol === 'https'),
    maxAge: maxAgeSeconds,
  });
}

export function authRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const authLimit = { max: app.gonghuiConfig.rateLimit.auth, timeWindow: '1 minute' };

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '干部登录 Cadre sign-in',
        body: LoginBody,
        response: responses({ 200: SignedIn }, [
          ...JSON_BODY,
          'invalid_credentials',
          'totp_required',
          'totp_invalid',
          'account_locked',
          'address_locked',
        ]),
      },
      config: { access: 'public', rateLimit: authLimit },
    },
    async (req, reply) => {
      const { token } = await login(req.ctx, req.body);
      setSessionCookie(req, reply, token, ABSOLUTE_HOURS * 3600);
      const state = await resolveSession(req.ctx.db, req.ctx.cipher, token);
      // The rest of this request acts as the account that just signed in.
      req.ctx = { ...req.ctx, actor: state.actor };
      return { me: await getMe(req.ctx) };
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: '退出登录 Sign out', response: responses({ 204: NoContent }, []) },
      config: { access: 'public' },
    },
    async (req, reply) => {
      await logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户 Who am I',
        response: responses({ 200: Me }, [...SIGNED_IN_RESTRICTED]),
      },
      config: { access: 'signed_in', allowRestricted: true },
    },
    async (req) => getMe(req.ctx),
  );

  r.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change own password',
        response: responses({ 204: NoContent }, [
          ...SIGNED_IN_RESTRICTED,
          ...JSON_BODY,
          'password_policy',
          'account_locked',
          'address_locked',
        ]),
        body: ChangePasswordBody,
      },
      config: { allowRestricted: true, rateLimit: authLimit },
    },
    async (req, reply) => {
      await changeOwnPassword(req.ctx, req.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: '开始绑定动态口令 Start TOTP enrolment',
        response: responses({ 200: TotpSetup }, [...SIGNED_IN_RESTRICTED, 'totp_already_enabled']),
      },
      config: { allowRestricted: true },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return setupTotp(req.ctx);
    },
  );

  r.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: '确认动态口令 Confirm TOTP',
        response: responses({ 204: NoContent }, [...SIGNED_IN_RESTRICTED, ...JSON_BODY, 'totp_invalid']),
        body: ConfirmTotpBody,
      },
      config: { allowRestricted: true, rateLimit: authLimit },
    },
    async (req, reply) => {
      await confirmTotp(req.ctx, req.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/otp',
    {
      schema: {
        tags: ['auth'],
        summary: '发送短信验证码 Send a one-time code',
        body: SendOtpBody,
        response: responses({ 200: OtpSent }, [...JSON_BODY, ...IDEMPOTENT, 'otp_too_frequent', 'otp_address_limited']),
      },
      // Per address: generous for a join drive; per phone the limits in otp.ts stay strict.
      config: {
        access: 'public',
        idempotent: 'claim',
        rateLimit: { max: app.gonghuiConfig.otp.perAddressPerMin, timeWindow: '1 minute' },
      },
    },
    async (req) => sendOtp(req.ctx, req.body),
  );

  r.post(
    '/auth/member-login',
    {
      schema: {
        tags: ['auth'],
        summary: '职工手机号登录 Member sign-in by phone',
        body: MemberLoginBody,
        response: responses({ 200: SignedIn }, [...JSON_BODY, 'otp_invalid', 'otp_exhausted']),
      },
      config: { access: 'public', rateLimit: authLimit },
    },
    async (req, reply) => {
      const { token, phoneMasked } = await workerLogin(req.ctx, req.body);
      setSessionCookie(req, reply, token, MEMBER_ABSOLUTE_DAYS * 86_400);
      return { me: { kind: 'worker' as const, phone_masked: phoneMasked } };
    },
  );
}
