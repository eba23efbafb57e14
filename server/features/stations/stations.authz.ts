/**
 * The stations' rows of the authorization matrix: the nearby search and the single station are
 * public (DESIGN.md §5), the same answer for every caller, signed in or not.
 */
import { callerRow, type Row } from '../../testing/authz-harness';
import { matrixApp, world } from '../../testing/authz-world';
import { buildStation } from './stations.factories';

let station: Promise<{ id: number }> | undefined;
/** A station of the matrix's own org, built once. */
const stationOnce = () => (station ??= buildStation(matrixApp(), world.orgs.own.id));

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
];
