/** The audit trail's row of the authorization matrix (server/testing/authz-harness.ts says how cells are derived). */
import { allIds, callerRow, holds, readsOk, type Row } from '../../testing/authz-harness';
import { world } from '../../testing/authz-world';

export const auditRows: Row[] = [
  // Without audit.read the list is empty, not refused. There is no single read of an entry: an entry
  // placed at an org is readable where the caller reads that org and holds audit.read.
  callerRow('GET /api/v1/audit', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/audit' }),
    listed: {
      records: () => world.auditProbes,
      listIds: (cookie) => allIds(`/api/v1/audit?account_id=${world.auditProbeAccount}`, cookie),
      readable: async ({ caller, cookie, placed }) =>
        holds(caller, 'audit.read') &&
        placed !== 'holds_above' &&
        readsOk(`/api/v1/orgs/${world.orgs[placed].id}`, cookie),
    },
  }),
];
