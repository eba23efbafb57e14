/**
 * The accounts and roles routes' rows of the authorization matrix (server/testing/authz-harness.ts
 * says how cells are derived). Accounts are readable only with accounts.manage: without it they do
 * not exist for the caller ('hidden').
 */
import { allIds, callerRow, readsOk, treeRow, type Row } from '../../testing/authz-harness';
import { accountAt, freshAccountAbove, freshAccountAt, next, orgAt, withTotp, world } from '../../testing/authz-world';

export const accountsRows: Row[] = [
  treeRow('GET /api/v1/accounts/:id', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/accounts/${accountAt(pos)}` }),
    holdsAbove: {
      build: () => ({ method: 'GET', url: `/api/v1/accounts/${world.aboveAccount}` }),
      below: 200,
    },
  }),
  treeRow('PATCH /api/v1/accounts/:id', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/accounts/${accountAt(pos)}`,
      payload: { display_name: `改名${next()}` },
    }),
    holdsAbove: {
      build: () => ({
        method: 'PATCH',
        url: `/api/v1/accounts/${world.aboveAccount}`,
        payload: { display_name: `改名${next()}` },
      }),
      below: 403,
    },
  }),
  // The target is the owning org named in the body.
  treeRow('POST /api/v1/accounts', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    ok: 201,
    missing: 422,
    field: 'org_id',
    build: ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: {
        org_id: orgAt(pos),
        username: `mx_acct${next()}`,
        display_name: '矩阵账号',
        password: 'Strong#Pass2026',
      },
    }),
  }),
  treeRow('POST /api/v1/accounts/:id/reset-password', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    ok: 204,
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/reset-password`,
      payload: { password: 'Reset#Pass2026' },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await freshAccountAbove()).id}/reset-password`,
        payload: { password: 'Reset#Pass2026' },
      }),
      below: 403,
    },
  }),
  treeRow('POST /api/v1/accounts/:id/unlock', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'POST', url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/unlock` }),
    holdsAbove: {
      build: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await freshAccountAbove()).id}/unlock` }),
      below: 403,
    },
  }),
  treeRow('POST /api/v1/accounts/:id/reset-totp', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    ok: 204,
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await withTotp(freshAccountAt(pos))).id}/reset-totp`,
      payload: { reason: '手机丢失' },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await withTotp(freshAccountAbove())).id}/reset-totp`,
        payload: { reason: '手机丢失' },
      }),
      below: 403,
    },
  }),
  // A role every granter in scope holds all permissions of, on the account's own org.
  treeRow('POST /api/v1/accounts/:id/grants', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    ok: 201,
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/grants`,
      payload: { org_id: pos === 'missing' ? world.orgs.own.id : orgAt(pos), role_id: world.hotlineRoleId },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await freshAccountAbove()).id}/grants`,
        payload: { org_id: world.orgs.child.id, role_id: world.hotlineRoleId },
      }),
      below: 403,
    },
  }),
  treeRow('DELETE /api/v1/accounts/:id/grants/:grant_id', {
    needs: 'accounts.manage',
    unpermitted: 'hidden',
    ok: 204,
    build: async ({ pos }) => {
      const account = await freshAccountAt(pos);
      return { method: 'DELETE', url: `/api/v1/accounts/${account.id}/grants/${account.grantId}` };
    },
    // Even the grant on the child org, which the org admin could give, stays: the account is not its to manage.
    holdsAbove: {
      build: async () => {
        const account = await freshAccountAbove();
        return { method: 'DELETE', url: `/api/v1/accounts/${account.id}/grants/${account.grantId}` };
      },
      below: 403,
    },
  }),
  // Without accounts.manage the list is empty, not refused: the list check says which accounts it holds.
  callerRow('GET /api/v1/accounts', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/accounts' }),
    listed: {
      records: () => ({ ...world.accounts, holds_above: world.aboveAccount }),
      listIds: (cookie) => allIds('/api/v1/accounts', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/accounts/${id}`, cookie),
    },
  }),
  callerRow('GET /api/v1/roles', { who: 'cadre', build: () => ({ method: 'GET', url: '/api/v1/roles' }) }),
  // Roles are deployment-wide: only a national administrator (roles.manage on the root) edits them.
  callerRow('POST /api/v1/roles', {
    who: 'cadre',
    needs: 'roles.manage',
    ok: 201,
    build: () => {
      const n = next();
      return {
        method: 'POST',
        url: '/api/v1/roles',
        payload: {
          code: `matrix_role_${n}`,
          name: `矩阵角色${n}`,
          name_en: `Matrix role ${n}`,
          permissions: ['orgs.read'],
        },
      };
    },
  }),
  callerRow('PATCH /api/v1/roles/:id', {
    who: 'cadre',
    needs: 'roles.manage',
    build: () => ({
      method: 'PATCH',
      url: `/api/v1/roles/${world.matrixRoleId}`,
      payload: { name: `矩阵角色改${next()}` },
    }),
  }),
];
