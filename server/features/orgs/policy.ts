import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Pure authorization checks for orgs; the read scope itself is applied in SQL. */
export const canManageOrg = (actor: AccountActor, org: { path: string }) => can(actor, 'orgs.manage', org.path);

/** The root of the deployment cannot be moved or deactivated. */
export const isRootOrg = (org: { parent_id: number | null }) => org.parent_id === null;

/** Whether `candidate` is `org` itself or lies below it (moving there would make a cycle). */
export const isWithinSubtree = (candidatePath: string, orgPath: string) =>
  candidatePath === orgPath || candidatePath.startsWith(orgPath + '.');
