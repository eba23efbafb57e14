import type { Permission } from '../../../common/permissions';
import { isRootPath } from '../../../common/tree-path';
import type { AccountActor } from '../../http/actor';
import { inScope, scopeFor } from '../../http/scope';
import type { RunVisibility } from './sql';

/**
 * Who sees (and may cancel) a run: the account that started it; holders of the job's permission
 * over the run's org; for a run with no org (a schedule's), holders of it on a root org.
 * Applied in SQL (sql.ts), so the list and the single read agree.
 */
export function runVisibility(actor: AccountActor): RunVisibility {
  const held = new Set<Permission>(actor.grants.flatMap((g) => [...g.permissions]));
  const scopes = [...held].map((p) => scopeFor(actor, p));
  return {
    accountId: actor.accountId,
    scopes,
    rootPermissions: scopes.filter((s) => s.paths.some(isRootPath)).map((s) => s.permission),
  };
}

/**
 * Whether the viewer may see who started a run: their own, or a starter whose own org lies in the
 * viewer's scope of the run's permission (as the audit view names actors).
 */
export function mayNameStarter(actor: AccountActor, permission: string, starterOrgPath: string | null): boolean {
  if (!starterOrgPath) return false;
  const scope = actor.grants.some((g) => g.permissions.has(permission as Permission))
    ? scopeFor(actor, permission as Permission)
    : null;
  return scope !== null && inScope(scope, starterOrgPath);
}
