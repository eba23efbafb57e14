import { randomInt } from 'node:crypto';
import { OTP_PURPOSES } from '../../../common/api/auth';
import { AppError } from '../../../common/errors';
import { normaliseMobile } from '../../../common/phone';
import { withTransaction, type Ctx } from '../../http/context';
import { maskPhone, safeEqual } from '../../lib/crypto';
import { SmsRefusedError } from '../../lib/sms';
import { recordAudit } from '../audit/record';
import { startSession } from './sessions';
import * as q from './sql';

export type OtpPurpose = (typeof OTP_PURPOSES)[number];

const TTL_SECONDS = 300;
const RESEND_SECONDS = 60;
const MAX_PER_DAY = 10;
const MAX_ATTEMPTS = 5;

function requirePhone(raw: string): string {
  const phone = normaliseMobile(raw);
  if (!phone) throw new AppError('validation_failed', { phone: '请输入正确的 11 位手机号' });
  return phone;
}

function codeHash(ctx: Ctx, phone: string, purpose: string, code: string): Buffer {
  return ctx.cipher.blindIndex(`otp|${purpose}|${phone}|${code}`);
}

/** Sends a 6-digit one-time code by SMS; in demo mode the answer carries it too. */
export async function sendOtp(
  ctx: Ctx,
  input: { phone: string; purpose: OtpPurpose },
): Promise<{ sent: true; expires_in: number; dev_code?: string }> {
  const phone = requirePhone(input.phone);
  // An address that keeps getting codes wrong is slowed, not one that merely asks for many (a join
  // drive is many honest phones behind one Wi-Fi).
  const { addressFailuresMax, addressWindowMinutes } = ctx.config.otp;
  if (ctx.ip && (await q.countOtpAddressFailures(ctx.db, ctx.ip, addressWindowMinutes)) >= addressFailuresMax) {
    throw new AppError('otp_address_limited');
  }
  const phoneHash = ctx.cipher.blindIndex(phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Check the limits and record the code under a per-phone lock: parallel requests for one
  // phone (from many addresses) queue here instead of each seeing room under the limits.
  const inserted = await withTransaction(ctx, async (tx) => {
    await q.lockPhoneForOtp(tx.db, phoneHash);
    const recent = await q.findRecentOtpSends(tx.db, phoneHash);
    if (
      recent.today >= MAX_PER_DAY ||
      (recent.lastAt && Date.now() - recent.lastAt.getTime() < RESEND_SECONDS * 1000)
    ) {
      throw new AppError('otp_too_frequent');
    }
    return q.insertOtpCode(
      tx.db,
      { phone_hash: phoneHash, purpose: input.purpose, code_hash: codeHash(ctx, phone, input.purpose, code) },
      TTL_SECONDS,
    );
  });
  try {
    // Not inside a transaction: the gateway may take seconds, and PGlite has one connection.
    await ctx.sms.send(
      phone,
      `【工会服务平台】您的验证码是 ${code}，${TTL_SECONDS / 60} 分钟内有效。如非本人操作，请忽略。`,
    );
  } catch (err) {
    // A code that certainly never went out must not count against the phone's limits; one that
    // may have (a timeout) stays, usable and counted, so retries cannot flood the phone.
    if (err instanceof SmsRefusedError) await q.deleteOtpCode(ctx.db, inserted.id);
    throw err;
  }
  // The masked phone only, never the code: the audit log holds no personal data in the clear.
  await recordAudit(ctx, { action: 'auth.otp_sent', details: { phone: maskPhone(phone), purpose: input.purpose } });
  return { sent: true, expires_in: TTL_SECONDS, ...(ctx.config.demo ? { dev_code: code } : {}) };
}

/**
 * Consumes the latest code for the phone and purpose. Later features (join, cases) call
 * this before a public write. A wrong code counts an attempt; five end the code.
 */
export async function verifyOtp(ctx: Ctx, rawPhone: string, purpose: OtpPurpose, code: string): Promise<string> {
  try {
    return await consumeOtp(ctx, rawPhone, purpose, code);
  } catch (err) {
    // Counted per address: many failures from one address slow its new codes (sendOtp).
    if (ctx.ip && err instanceof AppError && (err.code === 'otp_invalid' || err.code === 'otp_exhausted'))
      await q.insertOtpAddressFailure(ctx.db, ctx.ip);
    throw err;
  }
}

async function consumeOtp(ctx: Ctx, rawPhone: string, purpose: OtpPurpose, code: string): Promise<string> {
  const phone = requirePhone(rawPhone);
  const phoneHash = ctx.cipher.blindIndex(phone);
  // Claim an attempt before comparing: at most MAX_ATTEMPTS guesses get through, however many arrive at once.
  const row = await q.claimOtpAttempt(ctx.db, phoneHash, purpose, MAX_ATTEMPTS);
  if (!row) {
    // Say so when the live code is used up by wrong guesses: retrying it cannot help.
    if (await q.hasSpentOtpCode(ctx.db, phoneHash, purpose, MAX_ATTEMPTS))
      throw new AppError('otp_exhausted', { otp: '验证码错误次数过多，已失效，请重新获取' });
    throw new AppError('otp_invalid', { otp: '验证码错误或已过期' });
  }
  if (!safeEqual(row.code_hash, codeHash(ctx, phone, purpose, code.trim()))) {
    throw new AppError('otp_invalid', { otp: '验证码错误或已过期' });
  }
  if (!(await q.markOtpUsed(ctx.db, row.id))) throw new AppError('otp_invalid', { otp: '验证码错误或已过期' });
  return phone;
}

/** Signs a worker in on the H5 by phone and one-time code. */
export async function workerLogin(
  ctx: Ctx,
  input: { phone: string; otp: string },
): Promise<{ token: string; phoneMasked: string }> {
  const phone = await verifyOtp(ctx, input.phone, 'login', input.otp).catch(async (err: unknown) => {
    if (err instanceof AppError && (err.code === 'otp_invalid' || err.code === 'otp_exhausted')) {
      await recordAudit(ctx, {
        action: 'auth.member_login_failed',
        actorLabel: `职工 ${maskPhone(requirePhone(input.phone))}`,
        details: { error: err.code },
      });
    }
    throw err;
  });
  const token = await withTransaction(ctx, async (tx) => {
    const t = await startSession(
      tx.db,
      { phoneHash: ctx.cipher.blindIndex(phone), phoneEnc: ctx.cipher.encrypt(phone) },
      ctx.ip,
    );
    // Masked phone only: the audit log holds no personal data in the clear.
    await recordAudit(tx, { action: 'auth.member_login', actorLabel: `职工 ${maskPhone(phone)}`, orgPath: null });
    return t;
  });
  return { token, phoneMasked: maskPhone(phone) };
}
