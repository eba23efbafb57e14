/**
 * The case figures' rows of the authorization matrix (server/testing/authz-harness.ts): the rates
 * and their drill-down are about an org, readable with stats.read (or cases.supervise, which every
 * seeded role holding it also holds stats.read with) over it; an org the caller sees without it
 * answers 403, one it does not see 404. The ledger export needs stats.read somewhere and scopes its
 * rows by the org asked for. The cases feature's rows (cases.authz.ts) spread these in.
 */
import { callerRow, treeRow, type Row } from '../../testing/authz-harness';
import { orgAt, world } from '../../testing/authz-world';

const PERIOD = 'from=2026-11-01&to=2026-11-30';

export const caseRatesRows: Row[] = [
  treeRow('GET /api/v1/cases/rates', {
    needs: 'stats.read',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/cases/rates?org_id=${orgAt(pos)}&${PERIOD}` }),
  }),
  treeRow('GET /api/v1/cases/rates/children', {
    needs: 'stats.read',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/cases/rates/children?org_id=${orgAt(pos)}&${PERIOD}` }),
  }),
  treeRow('GET /api/v1/cases/rates/cases', {
    needs: 'stats.read',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/cases/rates/cases?org_id=${orgAt(pos)}&${PERIOD}&measure=response&outcome=miss`,
    }),
  }),
  callerRow('GET /api/v1/cases/ledger/export.xlsx', {
    who: 'cadre',
    needs: 'stats.read',
    build: () => ({ method: 'GET', url: `/api/v1/cases/ledger/export.xlsx?org_id=${world.orgs.own.id}&${PERIOD}` }),
  }),
];
