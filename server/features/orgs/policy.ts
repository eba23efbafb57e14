import { parentPath } from '../../../common/tree-path';
import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Pure authorization checks for orgs; the read scope itself is applied in SQL. */
export const canManageOrg = (actor: AccountActor, org: { path: string }) => can(actor, 'orgs.manage', org.path);

/**
 * Whether the actor manages the org's parent. Moving an org away from its parent, or changing
 * its status, is the parent's business: an admin cannot move or deactivate their own grant root.
 */
export function canManageParentOf(actor: AccountActor, org: { parent_id: number | null; path: string }): boolean {
  const parent = parentPath(org.path);
  return org.parent_id !== null && parent !== null && can(actor, 'orgs.manage', parent);
}

/** The root of the deployment cannot be moved or deactivated. */
export const isRootOrg = (org: { parent_id: number | null }) => org.parent_id === null;
