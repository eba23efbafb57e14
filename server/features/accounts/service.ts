import { AppError } from '../../../common/errors';
import { checkPassword } from '../../../common/password-policy';
import { isPermission } from '../../../common/permissions';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { requireAccount, type Ctx, withTransaction } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { hashPassword } from '../auth/password';
import { clearAccountLock, isAccountLocked } from '../auth/service';
import { endSessionsOfAccount } from '../auth/sessions';
import { canGrantRole, canManageAccount, canManageAccountsAt, canManageRoles } from './policy';
import * as q from './sql';

type AccountRow = NonNullable<Awaited<ReturnType<typeof q.findAccountInScope>>>;

function presentItem(a: AccountRow) {
  return {
    id: a.id,
    username: a.username,
    display_name: a.display_name,
    org_id: a.org_id,
    org_name: a.org_name,
    status: a.status,
    totp_enabled: a.totp_enabled,
    last_login_at: a.last_login_at?.toISOString() ?? null,
    grant_count: Number(a.grant_count ?? 0),
  };
}

function requirePolicyPassword(ctx: Ctx, password: string, username: string): void {
  const problem = checkPassword(ctx.config.passwordProfile, password, username);
  if (problem) throw new AppError('password_policy', { password: problem });
}

/** Accounts owned by orgs the actor administers. */
export async function listAccounts(
  ctx: Ctx,
  query: { org_id?: number; q?: string; status?: 'active' | 'disabled'; cursor?: string; limit?: number },
) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const rows = await q.findAccounts(ctx.db, scopeFor(actor, 'accounts.manage'), {
    orgId: query.org_id,
    q: query.q?.trim() || undefined,
    status: query.status,
    after: decodeCursor(query.cursor, ['string', 'int']),
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.username, r.id]);
  return { items: page.items.map(presentItem), next_cursor: page.next_cursor };
}

/** An account owned inside the actor's scope, or `not_found` exactly as for a missing one. */
async function loadAccount(db: Db, ctx: Ctx, id: number): Promise<AccountRow> {
  const actor = requireAccount(ctx);
  const account = await q.findAccountInScope(db, scopeFor(actor, 'accounts.manage'), id);
  if (!account) throw new AppError('not_found');
  return account;
}

/**
 * Refuses an administrator's action on its own account: with it, a stolen session alone could
 * set a password it never knew or drop the second factor. The owner uses 修改密码 instead.
 */
function refuseSelf(ctx: Ctx, id: number, message: string): void {
  if (id === requireAccount(ctx).accountId) throw new AppError('forbidden', { account_id: message }, message);
}

const NOT_MANAGEABLE = '该账号持有超出你权限的授权，只能由能授予这些授权的上级管理员管理';

/**
 * An account the actor may manage (policy `canManageAccount`): `not_found` when it lies outside
 * the scope, as a missing one; `forbidden` when the actor can see it but it holds a grant the actor
 * could not give. With `lock` (inside a write's transaction) the account row stays locked until
 * commit, so a grant added meanwhile cannot slip between this check and the write.
 */
async function loadForManage(db: Db, ctx: Ctx, id: number, opts: { lock: boolean }): Promise<AccountRow> {
  const actor = requireAccount(ctx);
  const account = await loadAccount(db, ctx, id);
  if (opts.lock) await q.lockAccount(db, id);
  if (!canManageAccount(actor, account, await q.findAllGrantsOf(db, id)))
    throw new AppError('forbidden', { account_id: NOT_MANAGEABLE });
  return account;
}

/** One account with its grants inside the actor's scope, and whether the actor may manage it. */
export async function getAccount(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  const account = await loadAccount(ctx.db, ctx, id);
  const grants = await q.findGrantsInScope(ctx.db, scopeFor(actor, 'accounts.manage'), id);
  const nameEn = new Map(grants.length ? (await q.findRoles(ctx.db)).map((r) => [r.id, r.name_en]) : []);
  return {
    ...presentItem(account),
    must_change_password: account.must_change_password,
    created_at: account.created_at.toISOString(),
    grants: grants.map(({ org_path: _p, ...g }) => ({ ...g, role_name_en: nameEn.get(g.role_id) ?? g.role_name })),
    can_manage: canManageAccount(actor, account, await q.findAllGrantsOf(ctx.db, id)),
    is_locked: await isAccountLocked(ctx, account.username),
  };
}

/**
 * Writes an account owned by `orgId` holding `roleCode` there, in the caller's transaction and
 * with no checks: for the demo seed and bootstrap, which act as the system.
 */
export async function insertAccountWithGrant(
  tx: Pick<Ctx, 'db'>,
  input: {
    orgId: number;
    username: string;
    displayName: string;
    passwordHash: string;
    roleCode: string;
    /** Where the grant lies, when not on the account's own org. */
    grantOrgId?: number;
    mustChangePassword?: boolean;
    status?: 'active' | 'disabled';
    passwordChangedAt?: Date;
  },
): Promise<number> {
  const account = await q.insertAccount(tx.db, {
    org_id: input.orgId,
    username: input.username,
    display_name: input.displayName,
    password_hash: input.passwordHash,
    must_change_password: input.mustChangePassword ?? false,
    ...(input.status ? { status: input.status } : {}),
    ...(input.passwordChangedAt ? { password_changed_at: input.passwordChangedAt } : {}),
  });
  await insertGrantOf(tx, account.id, input.grantOrgId ?? input.orgId, input.roleCode);
  return account.id;
}

/** Writes one more grant (`roleCode` on `orgId`) with no checks; its id, or undefined when already held. */
export async function insertGrantOf(
  tx: Pick<Ctx, 'db'>,
  accountId: number,
  orgId: number,
  roleCode: string,
): Promise<number | undefined> {
  const roleId = await q.findRoleIdByCode(tx.db, roleCode);
  return (await q.insertGrant(tx.db, { account_id: accountId, org_id: orgId, role_id: roleId }))?.id;
}

const usernameTaken = () => new AppError('username_taken', { username: '用户名已被使用' });

/** Creates a cadre account owned by an org the actor administers; it must change its password at first sign-in. */
export async function createAccount(
  ctx: Ctx,
  input: { org_id: number; username: string; display_name: string; password: string },
) {
  const actor = requireAccount(ctx);
  const username = input.username.trim().toLowerCase();
  const org = await q.findOrgPathInScope(ctx.db, scopeFor(actor, 'accounts.manage'), input.org_id);
  if (!org) throw new AppError('validation_failed', { org_id: '组织不存在' });
  requirePolicyPassword(ctx, input.password, username);
  const passwordHash = await hashPassword(input.password);
  const id = await withTransaction(ctx, async (tx) => {
    if (await q.usernameExists(tx.db, username)) throw usernameTaken();
    // A parallel create of the same username passes the check above; the unique index refuses the second.
    const row = await q
      .insertAccount(tx.db, {
        org_id: org.id,
        username,
        display_name: input.display_name.trim(),
        password_hash: passwordHash,
        must_change_password: true,
      })
      .catch((err: unknown) => {
        throw isUniqueViolation(err, q.USERNAME_INDEX) ? usernameTaken() : err;
      });
    await recordAudit(tx, {
      action: 'account.created',
      entityType: 'account',
      entityId: row.id,
      orgPath: org.path,
      details: { username },
    });
    return row.id;
  });
  return getAccount(ctx, id);
}

/** Edits the display name or enables/disables an account; disabling ends its sessions. */
export async function updateAccount(
  ctx: Ctx,
  id: number,
  input: { display_name?: string; status?: 'active' | 'disabled' },
) {
  const actor = requireAccount(ctx);
  await withTransaction(ctx, async (tx) => {
    const account = await loadForManage(tx.db, ctx, id, { lock: true });
    if (input.status === 'disabled' && id === actor.accountId)
      throw new AppError('forbidden', { status: '不能停用自己的账号' });
    await q.updateAccountFields(tx.db, id, {
      ...(input.display_name !== undefined ? { display_name: input.display_name.trim() } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    });
    if (input.status === 'disabled') await endSessionsOfAccount(tx.db, id);
    const action =
      input.status && input.status !== account.status
        ? input.status === 'disabled'
          ? 'account.disabled'
          : 'account.enabled'
        : 'account.updated';
    await recordAudit(tx, {
      action,
      entityType: 'account',
      entityId: id,
      orgPath: account.org_path,
      details: { ...input },
    });
  });
  return getAccount(ctx, id);
}

/** Sets a temporary password, ends the account's sessions and makes it change the password at next sign-in. */
export async function resetPassword(ctx: Ctx, id: number, input: { password: string }) {
  const account = await loadForManage(ctx.db, ctx, id, { lock: false });
  refuseSelf(ctx, id, '不能重置自己的密码，请使用“修改密码”（需输入当前密码）');
  requirePolicyPassword(ctx, input.password, account.username);
  const passwordHash = await hashPassword(input.password);
  await withTransaction(ctx, async (tx) => {
    // Checked again under the row lock: hashing took a while, and the grants may have changed.
    await loadForManage(tx.db, ctx, id, { lock: true });
    await q.setTemporaryPassword(tx.db, id, passwordHash);
    await endSessionsOfAccount(tx.db, id);
    // A new password is a fresh start: the owner may sign in with it at once.
    await clearAccountLock(tx.db, ctx, account.username);
    await recordAudit(tx, {
      action: 'account.password_reset',
      entityType: 'account',
      entityId: id,
      orgPath: account.org_path,
    });
  });
}

/** Lifts the sign-in lock that failed attempts put on an account (the owner called to say it was them). */
export async function unlockAccount(ctx: Ctx, id: number) {
  await withTransaction(ctx, async (tx) => {
    const account = await loadForManage(tx.db, ctx, id, { lock: true });
    refuseSelf(ctx, id, '不能解除自己账号的登录锁定，请联系其他管理员');
    await clearAccountLock(tx.db, ctx, account.username);
    await recordAudit(tx, {
      action: 'account.unlocked',
      entityType: 'account',
      entityId: id,
      orgPath: account.org_path,
    });
  });
  return getAccount(ctx, id);
}

/**
 * Clears an account's TOTP factor (a lost or replaced phone) and ends its sessions; the owner
 * enrols again (at once when the deployment requires TOTP). The reason is audited.
 */
export async function resetTotp(ctx: Ctx, id: number, input: { reason: string }) {
  await withTransaction(ctx, async (tx) => {
    const account = await loadForManage(tx.db, ctx, id, { lock: true });
    refuseSelf(ctx, id, '不能重置自己的动态口令，请联系其他管理员');
    if (!account.totp_enabled) throw new AppError('conflict', { account_id: '该账号未绑定动态口令' });
    await q.clearTotp(tx.db, id);
    await endSessionsOfAccount(tx.db, id);
    await recordAudit(tx, {
      action: 'account.totp_reset',
      entityType: 'account',
      entityId: id,
      orgPath: account.org_path,
      reason: input.reason.trim(),
    });
  });
}

/** Grants a role on an org to an account the actor manages; the granter must hold every permission of the role there. */
export async function addGrant(ctx: Ctx, accountId: number, input: { org_id: number; role_id: number }) {
  const actor = requireAccount(ctx);
  return withTransaction(ctx, async (tx) => {
    const account = await loadForManage(tx.db, ctx, accountId, { lock: true });
    if (accountId === actor.accountId) throw new AppError('forbidden', { account_id: '不能修改自己的授权' });
    const org = await q.findOrgPathInScope(tx.db, scopeFor(actor, 'accounts.manage'), input.org_id);
    if (!org) throw new AppError('validation_failed', { org_id: '组织不存在' });
    const role = await q.findRole(tx.db, input.role_id);
    if (!role) throw new AppError('validation_failed', { role_id: '角色不存在' });
    if (!canGrantRole(actor, org.path, role.permissions))
      throw new AppError('forbidden', { role_id: '不能授予超出自己权限的角色' });
    const row = await q.insertGrant(tx.db, {
      account_id: accountId,
      org_id: org.id,
      role_id: role.id,
      created_by: actor.accountId,
    });
    if (!row) throw new AppError('conflict', { role_id: '该账号在此组织已有此角色' });
    await recordAudit(tx, {
      action: 'grant.added',
      entityType: 'account',
      entityId: accountId,
      orgPath: org.path,
      details: { grant_id: row.id, org_id: org.id, role: role.code, account_org_path: account.org_path },
    });
    return {
      id: row.id,
      org_id: org.id,
      org_name: org.name,
      role_id: role.id,
      role_code: role.code,
      role_name: role.name,
      role_name_en: role.name_en,
    };
  });
}

/** Removes a grant the actor could have given from an account it manages; the account's sessions see it at once. */
export async function removeGrant(ctx: Ctx, accountId: number, grantId: number) {
  const actor = requireAccount(ctx);
  await withTransaction(ctx, async (tx) => {
    await loadForManage(tx.db, ctx, accountId, { lock: true });
    if (accountId === actor.accountId) throw new AppError('forbidden', { account_id: '不能修改自己的授权' });
    const grant = (await q.findAllGrantsOf(tx.db, accountId)).find((g) => g.id === grantId);
    if (!grant || !canManageAccountsAt(actor, grant.org_path)) throw new AppError('not_found');
    if (!canGrantRole(actor, grant.org_path, grant.permissions))
      throw new AppError('forbidden', { grant_id: '不能撤销超出自己权限的授权' });
    await q.deleteGrant(tx.db, grantId);
    await recordAudit(tx, {
      action: 'grant.removed',
      entityType: 'account',
      entityId: accountId,
      orgPath: grant.org_path,
      details: { grant_id: grantId, org_id: grant.org_id, role: grant.role_code },
    });
  });
}

/** The role catalogue (permission sets). */
export async function listRoles(ctx: Ctx) {
  requireAccount(ctx);
  return { items: await q.findRoles(ctx.db) };
}

function checkPermissions(permissions: string[]): void {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw new AppError('validation_failed', { permissions: `未知的权限：${unknown.join(', ')}` });
}

/** Creates a role (national administrators only). */
export async function createRole(
  ctx: Ctx,
  input: { code: string; name: string; name_en: string; permissions: string[] },
) {
  const actor = requireAccount(ctx);
  if (!canManageRoles(actor)) throw new AppError('forbidden');
  checkPermissions(input.permissions);
  return withTransaction(ctx, async (tx) => {
    const row = await q.insertRole(tx.db, { ...input, permissions: [...new Set(input.permissions)] });
    if (!row) throw new AppError('conflict', { code: '角色代码已存在' });
    await recordAudit(tx, {
      action: 'role.created',
      entityType: 'role',
      entityId: row.id,
      orgPath: null,
      details: { ...input },
    });
    return row;
  });
}

/** Edits a role's name or permission set (national administrators only); takes effect on the next request of every holder. */
export async function updateRole(
  ctx: Ctx,
  id: number,
  input: { name?: string; name_en?: string; permissions?: string[] },
) {
  const actor = requireAccount(ctx);
  if (!canManageRoles(actor)) throw new AppError('forbidden');
  if (input.permissions) checkPermissions(input.permissions);
  const role = await q.findRole(ctx.db, id);
  if (!role) throw new AppError('not_found');
  return withTransaction(ctx, async (tx) => {
    const row = await q.updateRoleFields(tx.db, id, {
      ...input,
      ...(input.permissions ? { permissions: [...new Set(input.permissions)] } : {}),
    });
    await recordAudit(tx, {
      action: 'role.updated',
      entityType: 'role',
      entityId: id,
      orgPath: null,
      details: { before: role.permissions, after: row.permissions },
    });
    return row;
  });
}
