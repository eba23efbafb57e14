/**
 * The spreadsheet routes' rows of the authorization matrix (server/testing/authz-harness.ts says how
 * cells are derived). An import is seen by holders of its kind's permission (members.manage for the
 * roster) over its org, and by no one else: its error report holds ID numbers and phones. The
 * upload names its org in the body, so a missing or unseen org is a 422 naming org_id; an org seen
 * without the permission, 403. The members export needs members.export (and its unmasked form
 * members.unmask); the rows are scoped by it, so the routes are the caller's, not a record's.
 */
import { allIds, callerRow, readsOk, treeRow, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, orgAt, type Position } from '../../testing/authz-world';
import { buildImport, importRequest, xlsxBytes } from './imports.factories';

const KIND = 'members.roster';
const HEADER = ['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期'];
let workbook: Promise<Buffer> | undefined;
const placed = new Map<Position, Promise<number>>();
/** The import placed at each position (made on first use); a list row's records. */
export const placedImports: Partial<Record<Exclude<Position, 'missing'>, number>> = {};

/** A roster import at the org at `pos`, made once and reused. */
function importAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!placed.has(pos))
    placed.set(
      pos,
      buildImport(matrixApp(), orgAt(pos)).then((id) => (placedImports[pos] = id)),
    );
  return placed.get(pos)!;
}

const readRow = (route: string, suffix: string) =>
  treeRow(route, {
    needs: 'members.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/imports/${await importAt(pos)}${suffix}` }),
  });

export const importsRows: Row[] = [
  callerRow(`GET /api/v1/imports/${KIND}/template`, {
    who: 'cadre',
    needs: 'members.manage',
    build: () => ({ method: 'GET', url: `/api/v1/imports/${KIND}/template` }),
  }),
  treeRow(`POST /api/v1/imports/${KIND}`, {
    needs: 'members.manage',
    ok: 202,
    missing: 422,
    field: 'org_id',
    build: async ({ pos }) => {
      workbook ??= xlsxBytes([HEADER]);
      const req = importRequest(KIND, orgAt(pos), await workbook);
      return { method: 'POST', url: req.url, payload: req.payload, headers: req.headers };
    },
  }),
  callerRow('GET /api/v1/imports', {
    who: 'cadre',
    build: async () => {
      await Promise.all((['own', 'child', 'sibling', 'parent', 'other_province'] as const).map(importAt));
      return { method: 'GET', url: '/api/v1/imports' };
    },
    listed: {
      records: () => placedImports,
      listIds: (cookie) => allIds(`/api/v1/imports?kind=${KIND}`, cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/imports/${id}`, cookie),
    },
  }),
  readRow('GET /api/v1/imports/:id', ''),
  readRow('GET /api/v1/imports/:id/errors.xlsx', '/errors.xlsx'),
  // Each cell cancels a fresh import.
  treeRow('POST /api/v1/imports/:id/cancel', {
    needs: 'members.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/imports/${pos === 'missing' ? MISSING : await buildImport(matrixApp(), orgAt(pos))}/cancel`,
    }),
  }),
  callerRow('GET /api/v1/members/export.xlsx', {
    who: 'cadre',
    needs: 'members.export',
    build: () => ({ method: 'GET', url: '/api/v1/members/export.xlsx' }),
  }),
  callerRow('POST /api/v1/members/export', {
    who: 'cadre',
    needs: 'members.unmask',
    build: () => ({
      method: 'POST',
      url: '/api/v1/members/export',
      payload: { filters: {}, reason: '矩阵核对花名册' },
    }),
  }),
];
