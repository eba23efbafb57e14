import type { CaseRole } from '../../../common/cases';
import type { Permission } from '../../../common/permissions';
import type { AccountActor } from '../../http/actor';
import { inScope, scopeFor, type Scope } from '../../http/scope';
import type { CaseRow } from './sql';

/** Every permission that lets an account see the cases of its subtree. */
export const CASE_PERMISSIONS: readonly Permission[] = [
  'cases.intake',
  'cases.dispatch',
  'cases.handle',
  'cases.supervise',
];

/** The actor's scopes for seeing cases: a case is theirs when one of its parties lies in one. */
export function caseScopes(actor: AccountActor): Scope[] {
  return CASE_PERMISSIONS.map((p) => scopeFor(actor, p)).filter((s) => s.paths.length > 0);
}

/** Whether the actor sees the case: some party's path lies in one of its case scopes. */
export function seesCase(actor: AccountActor, partyPaths: readonly string[]): boolean {
  return caseScopes(actor).some((scope) => partyPaths.some((p) => inScope(scope, p)));
}

type Parties = Pick<CaseRow, 'receiving_path' | 'handling_path'> & { co_handler_paths: readonly string[] };

/**
 * How an account stands to a case (common/cases.ts CaseRole): dispatcher with cases.dispatch over
 * the receiving union (it leads), handler with cases.handle over the handling union, co-handler
 * with either over a co-handling union.
 */
export function rolesOf(actor: AccountActor, kase: Parties): Set<CaseRole> {
  const roles = new Set<CaseRole>();
  const dispatch = scopeFor(actor, 'cases.dispatch');
  const handle = scopeFor(actor, 'cases.handle');
  if (inScope(dispatch, kase.receiving_path)) roles.add('dispatcher');
  if (kase.handling_path && inScope(handle, kase.handling_path)) roles.add('handler');
  if (kase.co_handler_paths.some((p) => inScope(dispatch, p) || inScope(handle, p))) roles.add('co_handler');
  return roles;
}

/** The union an account acts for on a case: the party whose grant allowed it (for the event's org). */
export function actingOrg(
  roles: ReadonlySet<CaseRole>,
  kase: Pick<CaseRow, 'receiving_org_id' | 'handling_org_id'>,
  asDispatcher: boolean,
): number | null {
  if (asDispatcher && roles.has('dispatcher')) return kase.receiving_org_id;
  if (roles.has('handler')) return kase.handling_org_id;
  if (roles.has('dispatcher')) return kase.receiving_org_id;
  return null;
}
