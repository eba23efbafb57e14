import type { Permission } from '../../../common/permissions';
import { isWithinPath } from '../../../common/tree-path';
import type { AccountMe, MeGrant } from './api';

/** Where a record sits in the tree: its own id, its ancestors' ids and, when known, its ltree path. */
export interface OrgPlace {
  id: number;
  ancestorIds: readonly number[];
  path?: string;
}

function holds(grant: MeGrant, place: OrgPlace): boolean {
  if (grant.org_id === place.id || place.ancestorIds.includes(grant.org_id)) return true;
  return !!place.path && isWithinPath(place.path, grant.org_path);
}

/**
 * What the account may do on a record is the union of the grants whose subtree holds it
 * (DESIGN §4.6). Without a place it answers whether any grant carries the permission, which is
 * what menus need. The server decides in the end; this only hides buttons that would fail.
 */
export function hasPermission(me: AccountMe, permission: Permission, place?: OrgPlace): boolean {
  return me.grants.some((g) => g.permissions.includes(permission) && (!place || holds(g, place)));
}

export interface GrantRoot {
  org_id: number;
  org_name: string;
  /** Every role held there, named in both languages (pickLabel chooses). */
  roles: Array<{ code: string; zh: string; en: string }>;
}

/** The org switcher's choices: one per granted org, with every role held there. */
export function listGrantRoots(me: AccountMe): GrantRoot[] {
  const roots = new Map<number, GrantRoot>();
  for (const grant of me.grants) {
    const role = { code: grant.role_code, zh: grant.role_name, en: grant.role_name_en || grant.role_name };
    const root = roots.get(grant.org_id);
    if (!root) roots.set(grant.org_id, { org_id: grant.org_id, org_name: grant.org_name, roles: [role] });
    else if (!root.roles.some((r) => r.code === role.code)) root.roles.push(role);
  }
  return [...roots.values()];
}
