/** The orgs routes' rows of the authorization matrix (server/testing/authz-harness.ts says how cells are derived). */
import { allIds, callerRow, readsOk, treeRow, type Row } from '../../testing/authz-harness';
import { freshOrgAt, next, orgAt, REGION_AT, world } from '../../testing/authz-world';

export const orgsRows: Row[] = [
  treeRow('GET /api/v1/orgs/:id', {
    needs: 'orgs.read',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/orgs/${orgAt(pos)}` }),
  }),
  treeRow('PATCH /api/v1/orgs/:id', {
    needs: 'orgs.manage',
    build: ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/orgs/${orgAt(pos)}`,
      payload: { contact_name: `联系人${next()}` },
    }),
  }),
  // The target is the parent named in the body: out of scope it is "上级组织不存在", as when missing.
  treeRow('POST /api/v1/orgs', {
    needs: 'orgs.manage',
    ok: 201,
    missing: 422,
    field: 'parent_id',
    build: ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/orgs',
      payload: {
        parent_id: orgAt(pos),
        name: `矩阵新建工会${next()}`,
        type: 'enterprise_union',
        region_code: REGION_AT[pos],
      },
    }),
  }),
  // Destructive rows act on a fresh org under the position's org, so no cell changes the world.
  treeRow('POST /api/v1/orgs/:id/move', {
    needs: 'orgs.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/orgs/${await freshOrgAt(pos)}/move`,
      payload: { parent_id: world.moveDestination.id },
    }),
  }),
  treeRow('POST /api/v1/orgs/:id/deactivate', {
    needs: 'orgs.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/orgs/${await freshOrgAt(pos)}/deactivate`,
      payload: { reason: '单位注销，工会撤销' },
    }),
  }),
  treeRow('POST /api/v1/orgs/:id/activate', {
    needs: 'orgs.manage',
    build: async ({ pos }) => ({ method: 'POST', url: `/api/v1/orgs/${await freshOrgAt(pos, 'inactive')}/activate` }),
  }),
  // Searched, so the list is not just the caller's roots; every position org's name holds 总工会, no fresh org's does.
  callerRow('GET /api/v1/orgs', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/orgs' }),
    listed: {
      records: () => ({
        own: world.orgs.own.id,
        child: world.orgs.child.id,
        sibling: world.orgs.sibling.id,
        parent: world.orgs.parent.id,
        other_province: world.orgs.other_province.id,
      }),
      listIds: (cookie) => allIds(`/api/v1/orgs?q=${encodeURIComponent('总工会')}`, cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/orgs/${id}`, cookie),
    },
  }),
];
