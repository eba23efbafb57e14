import type { Permission } from '../../../common/permissions';
import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Whether the actor administers accounts owned by an org at `orgPath`. */
export const canManageAccountsAt = (actor: AccountActor, orgPath: string) => can(actor, 'accounts.manage', orgPath);

/** The permissions the actor holds on a record at `orgPath` (the union of covering grants). */
export function permissionsAt(actor: AccountActor, orgPath: string): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of actor.grants) {
    if (orgPath === g.orgPath || orgPath.startsWith(g.orgPath + '.')) g.permissions.forEach((p) => out.add(p));
  }
  return out;
}

/** No privilege escalation: a grant may carry only permissions the granter holds there. */
export function canGrantRole(actor: AccountActor, orgPath: string, rolePermissions: readonly string[]): boolean {
  if (!canManageAccountsAt(actor, orgPath)) return false;
  const held = permissionsAt(actor, orgPath);
  return rolePermissions.every((p) => held.has(p as Permission));
}

/** Roles are deployment-wide, so editing them needs roles.manage on a root grant. */
export const canManageRoles = (actor: AccountActor) =>
  actor.grants.some((g) => g.permissions.has('roles.manage') && !g.orgPath.includes('.'));
