import type { TestApp } from '../../testing/test-app';
import { insertRun } from './sql';

/** A coverage run of the org (queued, no result yet), as a cadre would have started it. */
export async function buildCoverageRun(t: Pick<TestApp, 'db'>, orgId: number): Promise<number> {
  return (await insertRun(t.db, { org_id: orgId, source: 'members', set_id: null, created_by: null })).id;
}
