/**
 * Org paths: the ltree of ids from the root, "1.2.5" (DESIGN.md §4.1). A plain prefix test is
 * wrong ("1.20" starts with "1.2"), which is why every "within" check goes through here.
 */

/** Whether `path` is `root` itself or lies below it (what PostgreSQL's `path <@ root` says). */
export function isWithinPath(path: string, root: string): boolean {
  return path === root || isStrictlyWithin(path, root);
}

/** Whether `path` lies below `root`, not at it. */
export function isStrictlyWithin(path: string, root: string): boolean {
  return path.length > root.length && path.startsWith(root) && path[root.length] === '.';
}

/** The parent's path, or null for the root. */
export function parentPath(path: string): string | null {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? null : path.slice(0, dot);
}

/** Whether the path is a root's (it has no parent). */
export function isRootPath(path: string): boolean {
  return !path.includes('.');
}
