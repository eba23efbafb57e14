import { buildPgliteTemplate } from './template';

/** Set on the vitest process once the template is being built (a registered symbol: each project loads this module anew). */
const BUILT = Symbol.for('gonghui.pgliteTemplate');

/**
 * Global setup of the PGlite integration projects (pglite, pglite-isolated): one migrated template
 * per run. Vitest runs each project's setup in turn in its one process; the second reuses the first's.
 */
export default async function setup(): Promise<void> {
  const main = globalThis as { [BUILT]?: Promise<void> };
  await (main[BUILT] ??= buildPgliteTemplate());
}
