/**
 * The job runs' rows of the authorization matrix (server/testing/authz-harness.ts says how cells
 * are derived). The probes are system runs of a job seen by audit.read, placed at each position:
 * a holder of audit.read over the org sees and may cancel them; for anyone else they do not
 * exist ('hidden'). The starter's own runs are covered in server/jobs/jobs-api.test.ts.
 */
import { allIds, callerRow, readsOk, treeRow, type Row } from '../../testing/authz-harness';
import { freshJobRunAt, MISSING, world } from '../../testing/authz-world';

export const jobsRows: Row[] = [
  // Without a permission over any run the list is empty, not refused.
  callerRow('GET /api/v1/jobs', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/jobs' }),
    listed: {
      records: () => world.jobRuns,
      listIds: (cookie) => allIds('/api/v1/jobs?name=test.noop', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/jobs/${id}`, cookie),
    },
  }),
  treeRow('GET /api/v1/jobs/:id', {
    needs: 'audit.read',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/jobs/${pos === 'missing' ? MISSING : world.jobRuns[pos]}`,
    }),
  }),
  treeRow('POST /api/v1/jobs/:id/cancel', {
    needs: 'audit.read',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'POST', url: `/api/v1/jobs/${await freshJobRunAt(pos)}/cancel` }),
  }),
];
