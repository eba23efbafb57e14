import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/coverage';
import { http } from '../../lib/http';

// The types are the API's own schemas (common/api/coverage.ts).
export type CoverageRun = Static<typeof api.CoverageRunSummary>;
export type CoverageRunView = Static<typeof api.CoverageRunView>;
export type CoverageResult = NonNullable<CoverageRunView['result']>;
export type PointSet = Static<typeof api.PointSetList>['items'][number];
export type StartCoverage = Static<typeof api.StartCoverageBody>;

export const listRuns = () => http.get<{ items: CoverageRun[] }>('/coverage/runs');
/** The result comes in the basemap's system (TILE_CRS), so the map places it as it is. */
export const fetchRun = (id: number, crs: 'wgs84' | 'gcj02') =>
  http.get<CoverageRunView>(`/coverage/runs/${id}`, { query: { crs } });
export const startRun = (body: StartCoverage) => http.post<{ id: number; job_id: number }>('/coverage/runs', { body });
export const listPointSets = () => http.get<{ items: PointSet[] }>('/coverage/point-sets');
