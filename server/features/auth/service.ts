import { Secret, TOTP } from 'otpauth';
import { AppError } from '../../../common/errors';
import { checkPassword, isPasswordExpired } from '../../../common/password-policy';
import type { Db } from '../../db/database';
import type { AccountActor } from '../../http/actor';
import { requireAccount, type Ctx, withTransaction } from '../../http/context';
import { recordAudit } from '../audit/record';
import { hashPassword, verifyPassword } from './password';
import { startSession } from './sessions';
import * as q from './sql';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

function totpFor(username: string, secretBase32: string): TOTP {
  return new TOTP({
    issuer: 'Gonghui 工会服务平台',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/**
 * Checks a TOTP code and claims its time step, so the same code cannot be used twice
 * (the conditional UPDATE makes two concurrent uses of one code fail for one of them).
 */
async function claimTotp(
  ctx: Ctx,
  account: { id: number; username: string; totp_secret_enc: string | null; totp_last_step: number | null },
  code: string,
): Promise<boolean> {
  if (!account.totp_secret_enc) return false;
  const totp = totpFor(account.username, ctx.cipher.decrypt(account.totp_secret_enc));
  const delta = totp.validate({ token: code.trim(), window: 1 });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 1000 / totp.period) + delta;
  return (await q.claimTotpStep(ctx.db, account.id, step)) !== undefined;
}

/** The failure key of a username: its blind index, so a password typed into the username box is never stored. */
function accountKeyOf(ctx: Pick<Ctx, 'cipher'>, username: string): string {
  return `account:${ctx.cipher.blindIndex(username.trim().toLowerCase()).toString('hex')}`;
}

/**
 * Counts this attempt as a failure BEFORE the password is checked, then judges the lock on
 * the count that includes it: parallel guesses each see the others' rows, so no more than
 * LOCK_AFTER_FAILURES of them ever reach the password check. A success takes its rows back.
 */
async function reserveAttempt(
  ctx: Ctx,
  accountKey: string,
  addressKey: string,
): Promise<{ locked: 'account' | 'address' | null; ids: number[]; release: () => Promise<void> }> {
  const ids = await q.insertFailures(ctx.db, [accountKey, addressKey]);
  const counts = new Map((await q.countRecentFailures(ctx.db, [accountKey, addressKey])).map((c) => [c.key, c.n]));
  const locked =
    (counts.get(accountKey) ?? 0) > q.LOCK_AFTER_FAILURES
      ? 'account'
      : (counts.get(addressKey) ?? 0) > q.ADDRESS_LOCK_AFTER_FAILURES
        ? 'address'
        : null;
  return { locked, ids, release: async () => void (await q.deleteFailures(ctx.db, ids)) };
}

/** Whether the account's sign-in is locked by recent failures (the console shows it). */
export async function isAccountLocked(ctx: Ctx, username: string): Promise<boolean> {
  const [count] = await q.countRecentFailures(ctx.db, [accountKeyOf(ctx, username)]);
  return (count?.n ?? 0) >= q.LOCK_AFTER_FAILURES;
}

/** Lifts an account's sign-in lock (an administrator's unlock, a password reset). Pass the write's transaction. */
export async function clearAccountLock(db: Db, ctx: Pick<Ctx, 'cipher'>, username: string): Promise<void> {
  await q.clearFailures(db, accountKeyOf(ctx, username));
}

/** What the audit log keeps of a typed username: whole when it names an account, else a hint (it may be a mistyped password). */
function typedUsernameLabel(username: string, isKnown: boolean): string {
  return isKnown ? username : `未知用户名 ${username.slice(0, 2)}…（${username.length} 字符）`;
}

/**
 * Signs a cadre in. Unknown usernames, wrong passwords and disabled accounts answer
 * alike, and failures lock per username and per IP whether or not the username exists.
 */
export async function login(ctx: Ctx, input: LoginInput): Promise<{ token: string; accountId: number }> {
  const username = input.username.trim().toLowerCase();
  const accountKey = accountKeyOf(ctx, username);
  const account = await q.findAccountForLogin(ctx.db, username);
  const label = typedUsernameLabel(username, account !== undefined);
  const attempt = await reserveAttempt(ctx, accountKey, `ip:${ctx.ip}`);
  if (attempt.locked) {
    // A refused attempt does not extend the lock: only real password checks count.
    await attempt.release();
    await recordAudit(ctx, {
      action: 'auth.login_locked',
      actorLabel: label,
      orgPath: account?.org_path ?? null,
      details: { by: attempt.locked },
    });
    // Unknown usernames lock alike, so neither answer tells whether a username exists.
    throw new AppError(attempt.locked === 'account' ? 'account_locked' : 'address_locked');
  }
  const isValid = await verifyPassword(account?.password_hash, input.password);
  if (!account || !isValid || account.status !== 'active') {
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      actorLabel: label,
      entityType: account ? 'account' : undefined,
      entityId: account?.id,
      orgPath: account?.org_path,
    });
    throw new AppError('invalid_credentials');
  }
  if (account.totp_enabled) {
    if (!input.totp) {
      await attempt.release();
      throw new AppError('totp_required');
    }
    if (!(await claimTotp(ctx, account, input.totp))) {
      await recordAudit(ctx, {
        action: 'auth.login_failed',
        actorLabel: label,
        entityType: 'account',
        entityId: account.id,
        orgPath: account.org_path,
        details: { factor: 'totp' },
      });
      throw new AppError('totp_invalid', { totp: '动态口令错误' });
    }
  }
  // A success takes back its own rows and clears the account's earlier failures, in one statement.
  await q.clearFailuresAfterSuccess(ctx.db, attempt.ids, accountKey);
  const restriction =
    account.must_change_password ||
    isPasswordExpired(ctx.config.passwordProfile, account.password_changed_at, new Date())
      ? 'password_change'
      : ctx.config.requireTotp && !account.totp_enabled
        ? 'totp_enrollment'
        : null;
  const token = await withTransaction(ctx, async (tx) => {
    const t = await startSession(tx.db, { accountId: account.id, restriction }, ctx.ip);
    await q.markSignedIn(tx.db, account.id);
    await recordAudit(
      { ...tx, actor: null },
      {
        action: 'auth.login',
        actorLabel: `${account.display_name}(${account.username})`,
        entityType: 'account',
        entityId: account.id,
        orgPath: account.org_path,
        details: restriction ? { restriction } : undefined,
      },
    );
    return t;
  });
  return { token, accountId: account.id };
}

/** Ends the current session. */
export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor || actor.kind === 'system') return;
  await withTransaction(ctx, async (tx) => {
    await q.deleteSession(tx.db, actor.sessionHash);
    await recordAudit(
      tx,
      actor.kind === 'account'
        ? { action: 'auth.logout', entityType: 'account', entityId: actor.accountId }
        : { action: 'auth.member_logout' },
    );
  });
}

/** The restriction left once `done` is satisfied. */
function nextRestriction(
  ctx: Ctx,
  done: 'password_change' | 'totp_enrollment',
  totpEnabled: boolean,
): AccountActor['restriction'] {
  if (done === 'password_change' && ctx.config.requireTotp && !totpEnabled) return 'totp_enrollment';
  return null;
}

/** Changes the signed-in cadre's own password; ends their other sessions. */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { current_password: string; new_password: string },
): Promise<void> {
  const actor = requireAccount(ctx);
  // A wrong current password is a guess at the password like a failed sign-in: it counts against
  // the same lock (reserved before the check, so parallel guesses cannot slip past it) and is audited.
  const accountKey = accountKeyOf(ctx, actor.username);
  const attempt = await reserveAttempt(ctx, accountKey, `ip:${ctx.ip}`);
  const failed = (details?: Record<string, unknown>) =>
    recordAudit(ctx, {
      action: 'auth.password_change_failed',
      entityType: 'account',
      entityId: actor.accountId,
      details,
    });
  if (attempt.locked) {
    await attempt.release();
    await failed({ locked: attempt.locked });
    throw new AppError(attempt.locked === 'account' ? 'account_locked' : 'address_locked');
  }
  const account = await q.findAccountForLogin(ctx.db, actor.username);
  if (!account || !(await verifyPassword(account.password_hash, input.current_password))) {
    await failed();
    throw new AppError('validation_failed', { current_password: '当前密码不正确' });
  }
  await q.clearFailuresAfterSuccess(ctx.db, attempt.ids, accountKey);
  const problem =
    checkPassword(ctx.config.passwordProfile, input.new_password, actor.username) ??
    (input.new_password === input.current_password ? '新密码不能与当前密码相同' : null);
  if (problem) throw new AppError('password_policy', { new_password: problem });
  const passwordHash = await hashPassword(input.new_password);
  await withTransaction(ctx, async (tx) => {
    await q.setOwnPassword(tx.db, actor.accountId, passwordHash);
    await q.deleteSessionsOfAccount(tx.db, actor.accountId, actor.sessionHash);
    await q.setSessionRestriction(
      tx.db,
      actor.sessionHash,
      nextRestriction(ctx, 'password_change', account.totp_enabled),
    );
    await recordAudit(tx, {
      action: 'account.password_changed',
      entityType: 'account',
      entityId: actor.accountId,
    });
  });
}

/**
 * Starts TOTP enrolment: a new secret, stored encrypted, not yet in force. A factor already
 * in force is never replaced this way: a stolen session alone must not be able to drop it.
 */
export async function setupTotp(ctx: Ctx): Promise<{ secret: string; otpauth_url: string }> {
  const actor = requireAccount(ctx);
  const secret = new Secret({ size: 20 }).base32;
  await withTransaction(ctx, async (tx) => {
    const updated = await q.replacePendingTotpSecret(tx.db, actor.accountId, ctx.cipher.encrypt(secret));
    if (!updated) throw new AppError('totp_already_enabled');
    await recordAudit(tx, {
      action: 'account.totp_setup_started',
      entityType: 'account',
      entityId: actor.accountId,
    });
  });
  return { secret, otpauth_url: totpFor(actor.username, secret).toString() };
}

/** Confirms enrolment with a first code; from then on sign-in asks for one. */
export async function confirmTotp(ctx: Ctx, input: { code: string }): Promise<void> {
  const actor = requireAccount(ctx);
  const account = await q.findAccountForLogin(ctx.db, actor.username);
  if (!account?.totp_secret_enc) throw new AppError('validation_failed', { code: '请先获取动态口令密钥' });
  if (!(await claimTotp(ctx, account, input.code))) throw new AppError('totp_invalid', { code: '动态口令错误' });
  await withTransaction(ctx, async (tx) => {
    await q.enableTotp(tx.db, actor.accountId);
    if (actor.restriction === 'totp_enrollment') await q.setSessionRestriction(tx.db, actor.sessionHash, null);
    await recordAudit(tx, { action: 'account.totp_enabled', entityType: 'account', entityId: actor.accountId });
  });
}

/** The signed-in cadre's or worker's own view (/me). */
export async function getMe(ctx: Ctx) {
  const actor = ctx.actor;
  if (!actor || actor.kind === 'system') throw new AppError('unauthenticated');
  if (actor.kind === 'worker') return { kind: 'worker' as const, phone_masked: actor.phoneMasked };
  const account = await q.findOwnAccountView(ctx.db, actor.accountId);
  // The session carries the Chinese role names only; the English console asks for these.
  const codes = [...new Set(actor.grants.map((g) => g.roleCode))];
  const nameEn = new Map(
    (codes.length === 0 ? [] : await q.findRoleNamesEn(ctx.db, codes)).map((r) => [r.code, r.name_en]),
  );
  return {
    kind: 'account' as const,
    id: actor.accountId,
    username: actor.username,
    display_name: actor.displayName,
    org: { id: account.org_id, name: account.org_name },
    restriction: actor.restriction,
    totp_enabled: account.totp_enabled,
    password_profile: ctx.config.passwordProfile,
    grants: actor.grants.map((g) => ({
      id: g.id,
      org_id: g.orgId,
      org_name: g.orgName,
      org_path: g.orgPath,
      role_code: g.roleCode,
      role_name: g.roleName,
      role_name_en: nameEn.get(g.roleCode) ?? g.roleName,
      permissions: [...g.permissions],
    })),
  };
}
