/**
 * The station-visits rows of the authorization matrix. Checking in, the rating summary and a
 * problem report are public; one's own rating is the signed-in worker's. The console's reads are for
 * stations.manage over the station's union (subtree) and for the station's keeper with stations.keep
 * covering it: the matrix's station_keeper keeps the stations built at every position, so it sees
 * those at own and child (its grant) and no others. A role with neither permission gets 403 on the
 * lists and finds no single record (404).
 */
import { all, allIds, callerRow, readsOk, treeRow, type Placed, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, next, orgAt, world, type Position } from '../../testing/authz-world';
import { buildStation } from '../stations/stations.factories';
import { buildProblem } from './station-visits.factories';

let keeperId: Promise<number> | undefined;
/** The matrix's station_keeper account: the keeper of every station built here. */
const keeper = () =>
  (keeperId ??= matrixApp()
    .db.selectFrom('accounts')
    .select('id')
    .where('username', '=', 'm_station_keeper')
    .executeTakeFirstOrThrow()
    .then((a) => a.id));

const stations = new Map<Position, Promise<number>>();
/** A station owned by the org at `pos`, kept by the matrix's keeper, built once (MISSING at 'missing'). */
function stationAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!stations.has(pos))
    stations.set(
      pos,
      keeper().then(async (k) => (await buildStation(matrixApp(), world.orgs[pos].id, { keeper_account_id: k })).id),
    );
  return stations.get(pos)!;
}

const placed: Partial<Record<Placed, number>> = {};
const problems = new Map<Position, Promise<number>>();
/** An open problem at the station at `pos`, built once (the read rows). */
function problemAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!problems.has(pos))
    problems.set(
      pos,
      stationAt(pos).then(
        async (s) => (placed[pos as Exclude<Position, 'missing'>] = (await buildProblem(matrixApp(), s)).id),
      ),
    );
  return problems.get(pos)!;
}
/** A new open problem at `pos` (the status row moves it). */
const freshProblemAt = async (pos: Position) =>
  pos === 'missing' ? MISSING : (await buildProblem(matrixApp(), await stationAt(pos))).id;

/** Roles holding neither stations.manage nor stations.keep. */
const NEITHER = ['case_officer', 'hotline_agent', 'reviewer', 'viewer'] as const;
const forbiddenEverywhere = Object.fromEntries(NEITHER.map((r) => [r, all(403)]));

const publicStation = () => stationAt('own');
const token = () => `matrix-visitor-${String(next()).padStart(8, '0')}`;

export const stationVisitsRows: Row[] = [
  callerRow('POST /api/v1/stations/:id/check-ins', {
    who: 'anyone',
    build: async () => ({
      method: 'POST',
      url: `/api/v1/stations/${await publicStation()}/check-ins`,
      payload: { occupation: 'delivery_rider', visitor_token: token() },
    }),
  }),
  callerRow('GET /api/v1/stations/:id/reviews', {
    who: 'anyone',
    build: async () => ({ method: 'GET', url: `/api/v1/stations/${await publicStation()}/reviews` }),
  }),
  callerRow('GET /api/v1/stations/:id/reviews/mine', {
    who: 'anyone',
    ok: 401,
    build: async () => ({ method: 'GET', url: `/api/v1/stations/${await publicStation()}/reviews/mine` }),
    except: { member: 200 },
  }),
  callerRow('PUT /api/v1/stations/:id/reviews/mine', {
    who: 'anyone',
    ok: 401,
    build: async () => ({
      method: 'PUT',
      url: `/api/v1/stations/${await publicStation()}/reviews/mine`,
      payload: { rating: 4 },
    }),
    except: { member: 200 },
  }),
  callerRow('POST /api/v1/stations/:id/problems', {
    who: 'anyone',
    ok: 201,
    build: async () => ({
      method: 'POST',
      url: `/api/v1/stations/${await publicStation()}/problems`,
      payload: { kind: 'other', description: '矩阵' },
    }),
  }),
  treeRow('GET /api/v1/station-visits/counts', {
    needs: 'stations.keep',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/station-visits/counts?org_id=${orgAt(pos)}&from=2026-11-01&to=2026-11-30`,
    }),
    except: forbiddenEverywhere,
  }),
  callerRow('GET /api/v1/station-visits/counts/export.xlsx', {
    who: 'cadre',
    needs: 'stations.keep',
    build: () => ({ method: 'GET', url: '/api/v1/station-visits/counts/export.xlsx?from=2026-11-01&to=2026-11-30' }),
  }),
  callerRow('GET /api/v1/station-visits/stations', {
    who: 'cadre',
    needs: 'stations.keep',
    build: () => ({ method: 'GET', url: '/api/v1/station-visits/stations' }),
  }),
  treeRow('GET /api/v1/stations/:id/visits/today', {
    needs: 'stations.keep',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/stations/${await stationAt(pos)}/visits/today` }),
  }),
  callerRow('GET /api/v1/station-problems', {
    who: 'cadre',
    needs: 'stations.keep',
    build: async () => {
      for (const pos of ['own', 'child', 'sibling', 'parent', 'other_province'] as const) await problemAt(pos);
      return { method: 'GET', url: '/api/v1/station-problems' };
    },
    listed: {
      records: () => placed,
      listIds: (cookie) => allIds('/api/v1/station-problems', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/station-problems/${id}`, cookie),
    },
  }),
  treeRow('GET /api/v1/station-problems/:id', {
    needs: 'stations.keep',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/station-problems/${await problemAt(pos)}` }),
  }),
  treeRow('POST /api/v1/station-problems/:id/status', {
    needs: 'stations.keep',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/station-problems/${await freshProblemAt(pos)}/status`,
      payload: { status: 'in_progress', version: 1 },
    }),
  }),
];
