import { buildPgliteTemplate } from './template';

/** Global setup of the PGlite integration project: one migrated template per run. */
export default async function setup(): Promise<void> {
  await buildPgliteTemplate();
}
