import type { FastifyInstance } from 'fastify';

/**
 * Every route the app registered, as `METHOD /path` with Fastify's own pattern (`:id`),
 * read from the router itself so a route added anywhere shows up. HEAD, which Fastify
 * adds beside every GET, is left out.
 */
export function listRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  // printRoutes draws a tree; each line holds a path piece relative to the line above it
  // one level up, and the methods registered on the full path.
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth === 0 ? '' : pathAtDepth[depth - 1]!) + m[2]!;
    pathAtDepth[depth] = path;
    pathAtDepth.length = depth + 1;
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return [...new Set(routes)].sort();
}

/** Whether a concrete request path is one that `pattern` (e.g. `/api/v1/orgs/:id`) matches. */
export function matchesPattern(pattern: string, path: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('/')
        .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/') +
      '$',
  );
  return re.test(path.split('?')[0]!);
}
