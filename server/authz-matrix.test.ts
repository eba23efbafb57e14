/**
 * The authorization matrix: every API route × every kind of caller × every position of the
 * target record in the union tree, each cell with the status a user must get (DESIGN.md §4.1,
 * §4.6). The rows live beside each feature (`<feature>.authz.ts`); the world, the callers, the
 * positions and how a row's cells are derived from the role table are in
 * server/testing/authz-harness.ts. A route added without a row fails the first test, so new routes
 * are placed in the matrix when they land.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsRows } from './features/accounts/accounts.authz';
import { auditRows } from './features/audit/audit.authz';
import { authRows } from './features/auth/auth.authz';
import { cardsRows } from './features/cards/cards.authz';
import { calendarRows } from './features/calendar/calendar.authz';
import { jobsRows } from './features/jobs/jobs.authz';
import { membersRows } from './features/members/members.authz';
import { joinsRows } from './features/joins/joins.authz';
import { filesRows } from './features/files/files.authz';
import { importsRows } from './features/imports/imports.authz';
import { orgsRows } from './features/orgs/orgs.authz';
import { regionsRows } from './features/regions/regions.authz';
import { stationsRows } from './features/stations/stations.authz';
import { coverageRows } from './features/coverage/coverage.authz';
import { stationVisitsRows } from './features/station-visits/station-visits.authz';
import { systemRows } from './features/system/system.authz';
import { transfersRows } from './features/transfers/transfers.authz';
import { casesPublicRows, casesRows } from './features/cases/cases.authz';
import { caseRatesRows } from './features/cases/rates.authz';
import {
  coverage,
  documentedButNotListed,
  ROLE_PERMISSIONS,
  runRow,
  seededRoles,
  setUpWorld,
  tearDownWorld,
  type Row,
} from './testing/authz-harness';

const ROWS: Row[] = [
  ...systemRows,
  ...regionsRows,
  ...authRows,
  ...orgsRows,
  ...accountsRows,
  ...auditRows,
  ...calendarRows,
  ...jobsRows,
  ...filesRows,
  ...membersRows,
  ...cardsRows,
  ...joinsRows,
  ...transfersRows,
  ...casesRows,
  ...casesPublicRows,
  ...caseRatesRows,
  ...coverageRows,
  ...importsRows,
  ...stationsRows,
  ...stationVisitsRows,
];

beforeAll(setUpWorld);
afterAll(tearDownWorld);

describe('the matrix covers the API', () => {
  it('has a row for every route under /api/v1, and no row for a route that does not exist', () => {
    const { withoutRow, withoutRoute, twice } = coverage(ROWS);
    expect(twice, 'a route has two rows').toEqual([]);
    expect(withoutRow, 'routes without a row in the matrix').toEqual([]);
    expect(withoutRoute, 'rows for routes that do not exist').toEqual([]);
  });

  it('reads the routes from the router itself (every documented route is among them)', () => {
    const { documented, missing } = documentedButNotListed();
    expect(documented).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('derives the cells from the seeded roles (a change to a role changes what its holders get)', async () => {
    const literal = Object.fromEntries(Object.entries(ROLE_PERMISSIONS).map(([role, p]) => [role, [...p].sort()]));
    expect(await seededRoles()).toEqual(literal);
  });
});

describe('records in the tree: each caller × position', () => {
  for (const row of ROWS.filter((r) => r.kind === 'tree')) {
    it(row.route, async () => {
      expect(await runRow(row)).toEqual([]);
    });
  }
});

describe('routes not about a record in the tree: each caller', () => {
  for (const row of ROWS.filter((r) => r.kind === 'caller')) {
    it(row.route, async () => {
      expect(await runRow(row)).toEqual([]);
    });
  }
});
