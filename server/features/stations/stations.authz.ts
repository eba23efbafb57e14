/**
 * The stations' rows of the authorization matrix: the nearby search and the single station are
 * public (DESIGN.md §5), the same answer for every caller, signed in or not. The registry is
 * stations.manage's over the owning org's subtree; the matrix's station keeper is the keeper of
 * every registry station placed here, so it reads and edits those of its grant's subtree (own,
 * child) and, as everyone out of scope, finds the rest missing. A keeper who is not a station's
 * keeper, and a keeper's non-operational fields, are in registry.test.ts.
 */
import { sql } from 'kysely';
import { allIds, all, callerRow, readsOk, treeRow, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, orgAt, world, type Position } from '../../testing/authz-world';
import { importRequest, xlsxBytes } from '../imports/imports.factories';
import { buildStation } from './stations.factories';

let station: Promise<{ id: number }> | undefined;
/** A station of the matrix's own org, built once. */
const stationOnce = () => (station ??= buildStation(matrixApp(), world.orgs.own.id));

let keeper: Promise<number> | undefined;
/** The matrix's station keeper (the first account holding station_keeper on "own"). */
const keeperId = () =>
  (keeper ??= matrixApp()
    .db.selectFrom('grants')
    .innerJoin('roles', 'roles.id', 'grants.role_id')
    .select(sql<number>`min(grants.account_id)`.as('id'))
    .where('roles.code', '=', 'station_keeper')
    .where('grants.org_id', '=', world.orgs.own.id)
    .executeTakeFirstOrThrow()
    .then((r) => r.id));

/** A new station at the org at `pos`, kept by the matrix's keeper. */
async function keptStationAt(pos: Position): Promise<number> {
  if (pos === 'missing') return MISSING;
  return (await buildStation(matrixApp(), orgAt(pos), { keeper_account_id: await keeperId() })).id;
}
const placed = new Map<Position, Promise<number>>();
const placedStations: Partial<Record<Exclude<Position, 'missing'>, number>> = {};
/** The kept station placed at each position (made on first use and reused): the list row's records. */
function stationAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!placed.has(pos))
    placed.set(
      pos,
      keptStationAt(pos).then((id) => (placedStations[pos] = id)),
    );
  return placed.get(pos)!;
}

/** The keeper reads and keeps the stations it keeps where its grant reaches (own, child), and no others. */
const KEEPER = [200, 200, 404, 404, 404, 404] as const;
/** Roles without stations.manage: the create is refused before any org is looked at. */
const NO_MANAGE = {
  case_officer: all(403),
  hotline_agent: all(403),
  station_keeper: all(403),
  reviewer: all(403),
  viewer: all(403),
};
const IMPORT_KIND = 'stations.registry';
let workbook: Promise<Buffer> | undefined;

export const stationsRows: Row[] = [
  callerRow('GET /api/v1/stations/nearby', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/stations/nearby?lat=28.45&lng=117.95&crs=gcj02' }),
  }),
  callerRow('GET /api/v1/stations/:id', {
    who: 'anyone',
    build: async () => ({ method: 'GET', url: `/api/v1/stations/${(await stationOnce()).id}` }),
  }),
  // The feed holds no caller's data: the same pages for everyone.
  callerRow('GET /api/v1/stations/feed', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/stations/feed?limit=5' }),
  }),
  callerRow('GET /api/v1/stations/feed.geojson', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/stations/feed.geojson?limit=5&crs=gcj02' }),
  }),
  callerRow('GET /api/v1/stations/registry', {
    who: 'cadre',
    build: async () => {
      await Promise.all((['own', 'child', 'sibling', 'parent', 'other_province'] as const).map(stationAt));
      return { method: 'GET', url: '/api/v1/stations/registry' };
    },
    listed: {
      records: () => placedStations,
      listIds: (cookie) => allIds('/api/v1/stations/registry', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/stations/registry/${id}`, cookie),
    },
  }),
  treeRow('GET /api/v1/stations/registry/:id', {
    needs: 'stations.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/stations/registry/${await stationAt(pos)}` }),
    except: { station_keeper: KEEPER },
  }),
  // Each cell edits a fresh station (version 1), with a field a keeper may change.
  treeRow('PATCH /api/v1/stations/registry/:id', {
    needs: 'stations.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/stations/registry/${await keptStationAt(pos)}`,
      payload: { version: 1, opening_hours: 'Mo-Su 07:00-21:00' },
    }),
    except: { station_keeper: KEEPER },
  }),
  treeRow('POST /api/v1/stations/registry', {
    needs: 'stations.manage',
    ok: 201,
    missing: 422,
    field: 'org_id',
    build: ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/stations/registry',
      payload: {
        org_id: orgAt(pos),
        kind: 'outdoor_worker',
        name: '矩阵驿站',
        address: '矩阵路 1 号',
        region_code: '321302',
        lat: 33.95,
        lng: 118.29,
        crs: 'gcj02',
      },
    }),
    except: NO_MANAGE,
  }),
  treeRow('GET /api/v1/stations/registry/keepers', {
    needs: 'stations.manage',
    unpermitted: 'hidden',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/stations/registry/keepers?org_id=${orgAt(pos)}` }),
  }),
  callerRow('POST /api/v1/stations/hours-check', {
    who: 'cadre',
    needs: 'stations.keep',
    build: () => ({
      method: 'POST',
      url: '/api/v1/stations/hours-check',
      payload: { opening_hours: 'Mo-Fr 08:00-18:00; PH off' },
    }),
  }),
  callerRow(`GET /api/v1/imports/${IMPORT_KIND}/template`, {
    who: 'cadre',
    needs: 'stations.manage',
    build: () => ({ method: 'GET', url: `/api/v1/imports/${IMPORT_KIND}/template` }),
  }),
  treeRow(`POST /api/v1/imports/${IMPORT_KIND}`, {
    needs: 'stations.manage',
    ok: 202,
    missing: 422,
    field: 'org_id',
    build: async ({ pos }) => {
      workbook ??= xlsxBytes([['名称', '地址', '行政区划代码', '纬度', '经度']]);
      const req = importRequest(IMPORT_KIND, orgAt(pos), await workbook, undefined, '驿站.xlsx');
      return { method: 'POST', url: req.url, payload: req.payload, headers: req.headers };
    },
  }),
  callerRow('GET /api/v1/stations/registry/export.xlsx', {
    who: 'cadre',
    needs: 'stations.manage',
    build: () => ({ method: 'GET', url: '/api/v1/stations/registry/export.xlsx' }),
  }),
];
