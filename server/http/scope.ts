import { sql, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../common/permissions';
import { isStrictlyWithin, isWithinPath } from '../../common/tree-path';
import type { AccountActor } from './actor';

/**
 * The subtrees in which an actor holds one permission. Every list, count, search and single
 * read filters by it in SQL, so they all agree; an empty scope matches nothing.
 */
export interface Scope {
  readonly permission: Permission;
  readonly paths: readonly string[];
}

/** The grant roots carrying `permission`, with nested roots folded into their ancestors. */
export function scopeFor(actor: AccountActor, permission: Permission): Scope {
  const roots = actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.orgPath);
  const paths = [...new Set(roots)].filter((p, _i, all) => !all.some((q) => isStrictlyWithin(p, q)));
  return { permission, paths };
}

/** Whether the record at `orgPath` lies in the scope. */
export function inScope(scope: Scope, orgPath: string): boolean {
  return scope.paths.some((root) => isWithinPath(orgPath, root));
}

/** Whether the actor may do `permission` on a record at `orgPath`. */
export function can(actor: AccountActor, permission: Permission, orgPath: string): boolean {
  return inScope(scopeFor(actor, permission), orgPath);
}

/** SQL condition: the ltree column lies in the scope. */
export function pathInScope(scope: Scope, column: string): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  // One `<@` per root (not `<@ ltree[]`) so the planner can use the GiST index on each.
  const parts = scope.paths.map((p) => sql`${sql.ref(column)} <@ ${p}::ltree`);
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}
