import type { Permission } from '../../../common/permissions';
import { isRootPath, isWithinPath } from '../../../common/tree-path';
import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Whether the actor administers accounts owned by an org at `orgPath`. */
export const canManageAccountsAt = (actor: AccountActor, orgPath: string) => can(actor, 'accounts.manage', orgPath);

/** The permissions the actor holds on a record at `orgPath` (the union of covering grants). */
export function permissionsAt(actor: AccountActor, orgPath: string): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of actor.grants) {
    if (isWithinPath(orgPath, g.orgPath)) g.permissions.forEach((p) => out.add(p));
  }
  return out;
}

/** No privilege escalation: a grant may carry only permissions the granter holds there. */
export function canGrantRole(actor: AccountActor, orgPath: string, rolePermissions: readonly string[]): boolean {
  if (!canManageAccountsAt(actor, orgPath)) return false;
  const held = permissionsAt(actor, orgPath);
  return rolePermissions.every((p) => held.has(p as Permission));
}

/**
 * Whether the actor may manage (edit, disable, reset the password of, change the grants of) an
 * account: the account's own org must lie in its accounts.manage scope, and every grant the
 * account holds must be one the actor could have given. Otherwise managing it — a password reset
 * above all — would hand the actor that account's stronger grants.
 */
export function canManageAccount(
  actor: AccountActor,
  account: { org_path: string },
  grants: ReadonlyArray<{ org_path: string; permissions: readonly string[] }>,
): boolean {
  return (
    canManageAccountsAt(actor, account.org_path) && grants.every((g) => canGrantRole(actor, g.org_path, g.permissions))
  );
}

/** Roles are deployment-wide, so editing them needs roles.manage on a root grant. */
export const canManageRoles = (actor: AccountActor) =>
  actor.grants.some((g) => g.permissions.has('roles.manage') && isRootPath(g.orgPath));
