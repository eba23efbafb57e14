/**
 * The coverage analysis's rows of the authorization matrix (server/testing/authz-harness.ts says how
 * cells are derived). An analysis is of one org's subtree and is seen and started with stations.manage
 * over it; without that permission it does not exist for the caller. Starting names the org in the
 * body: unknown or unseen is a 422 naming org_id, seen without the permission 403 — as the imports.
 * The demand-point upload is a spreadsheet import kind (coverage.points) with the same rules.
 */
import { callerRow, treeRow, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, orgAt, type Position } from '../../testing/authz-world';
import { importRequest, xlsxBytes } from '../imports/imports.factories';
import { buildCoverageRun } from './coverage.factories';

const KIND = 'coverage.points';
const runs = new Map<Position, Promise<number>>();
/** A run at the org at `pos`, made once. */
function runAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!runs.has(pos)) runs.set(pos, buildCoverageRun(matrixApp(), orgAt(pos)));
  return runs.get(pos)!;
}
let workbook: Promise<Buffer> | undefined;

export const coverageRows: Row[] = [
  treeRow('POST /api/v1/coverage/runs', {
    needs: 'stations.manage',
    ok: 202,
    missing: 422,
    field: 'org_id',
    build: ({ pos }) => ({ method: 'POST', url: '/api/v1/coverage/runs', payload: { org_id: orgAt(pos), source: 'members' } }),
  }),
  // Lists are the caller's: each shows what stations.manage lets it see (empty without it).
  callerRow('GET /api/v1/coverage/runs', { who: 'cadre', build: () => ({ method: 'GET', url: '/api/v1/coverage/runs' }) }),
  treeRow('GET /api/v1/coverage/runs/:id', {
    needs: 'stations.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/coverage/runs/${await runAt(pos)}` }),
  }),
  callerRow('GET /api/v1/coverage/point-sets', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/coverage/point-sets' }),
  }),
  callerRow(`GET /api/v1/imports/${KIND}/template`, {
    who: 'cadre',
    needs: 'stations.manage',
    build: () => ({ method: 'GET', url: `/api/v1/imports/${KIND}/template` }),
  }),
  treeRow(`POST /api/v1/imports/${KIND}`, {
    needs: 'stations.manage',
    ok: 202,
    missing: 422,
    field: 'org_id',
    build: async ({ pos }) => {
      workbook ??= xlsxBytes([['名称', '纬度', '经度', '坐标系', '权重']]);
      const req = importRequest(KIND, orgAt(pos), await workbook);
      return { method: 'POST', url: req.url, payload: req.payload, headers: req.headers };
    },
  }),
];
