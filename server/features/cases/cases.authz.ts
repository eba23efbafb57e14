/**
 * 工单's console rows of the authorization matrix (server/testing/authz-harness.ts says how cells
 * are derived). A case "at" a position is received by the org there, so its one party lies in the
 * caller's scope exactly when the position does. Every case permission lets an account see the
 * cases of its subtree; without any (keeper, reviewer, viewer) a case does not exist for it, so
 * the single read and the steps are 404 ('hidden') and the lists are 403.
 */
import { all, allIds, callerRow, readsOk, treeRow, type Placed, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, world, type Position } from '../../testing/authz-world';
import { buildCase } from './cases.factories';

/** A new case received at `pos` (MISSING at 'missing'): for rows that change it. */
async function freshCaseAt(pos: Position): Promise<number> {
  if (pos === 'missing') return MISSING;
  return (await buildCase(matrixApp(), { receivingOrgId: world.orgs[pos].id, description: '矩阵工单' })).id;
}

const placed: Partial<Record<Placed, number>> = {};
const reads = new Map<Position, Promise<number>>();
/** A case at `pos`, built on first use and then reused (the read rows). */
function caseAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!reads.has(pos))
    reads.set(
      pos,
      freshCaseAt(pos).then((id) => (placed[pos as Exclude<Position, 'missing'>] = id)),
    );
  return reads.get(pos)!;
}

const POSITIONS_PLACED = ['own', 'child', 'sibling', 'parent', 'other_province'] as const;
/** Roles without a case permission: a case does not exist for them. */
const NO_CASES = { station_keeper: all(404), reviewer: all(404), viewer: all(404) };

const INTAKE = {
  kind: 'consultation',
  subject: 'labour_law',
  description: '矩阵来电',
  phone: '13700000001',
  name: '矩阵',
};

export const casesRows: Row[] = [
  callerRow('GET /api/v1/cases', {
    who: 'cadre',
    needs: 'cases.intake',
    build: async () => {
      await Promise.all(POSITIONS_PLACED.map(caseAt));
      return { method: 'GET', url: '/api/v1/cases' };
    },
    listed: {
      records: () => placed,
      listIds: (cookie) => allIds('/api/v1/cases', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/cases/${id}`, cookie),
    },
  }),
  callerRow('GET /api/v1/cases/counts', {
    who: 'cadre',
    needs: 'cases.intake',
    build: () => ({ method: 'GET', url: '/api/v1/cases/counts' }),
  }),
  callerRow('POST /api/v1/cases/caller-lookup', {
    who: 'cadre',
    needs: 'cases.intake',
    build: () => ({ method: 'POST', url: '/api/v1/cases/caller-lookup', payload: { phone: '13700000001' } }),
  }),
  callerRow('POST /api/v1/cases/intake', {
    who: 'cadre',
    needs: 'cases.intake',
    ok: 201,
    build: () => ({ method: 'POST', url: '/api/v1/cases/intake', payload: INTAKE }),
  }),
  treeRow('GET /api/v1/cases/:id', {
    needs: 'cases.intake',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/cases/${await caseAt(pos)}` }),
    except: NO_CASES,
  }),
  treeRow('POST /api/v1/cases/:id/:action', {
    needs: 'cases.dispatch',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/cases/${await freshCaseAt(pos)}/dispatch`,
      payload: { version: 1, org_id: world.orgs[pos === 'missing' ? 'own' : pos].id },
    }),
    except: NO_CASES,
  }),
];
