/**
 * The member registry's rows of the authorization matrix (server/testing/authz-harness.ts says how
 * cells are derived). Members are readable only with members.read: without it they do not exist for
 * the caller ('hidden'). Unmasking needs members.unmask on top: a member the caller reads without it
 * is 403; a member the caller cannot read is as missing.
 */
import {
  all,
  allIds,
  callerRow,
  memberAt,
  nextPhone,
  placedMembers,
  POSITIONS,
  readsOk,
  treeRow,
  type Row,
} from '../../testing/authz-harness';

const UNMASK = { reason: '矩阵核实身份', fields: ['phone'] };

export const membersRows: Row[] = [
  treeRow('GET /api/v1/members/:id', {
    needs: 'members.read',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/members/${await memberAt(pos)}` }),
  }),
  treeRow('POST /api/v1/members/:id/unmask', {
    needs: 'members.unmask',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/members/${await memberAt(pos)}/unmask`,
      payload: UNMASK,
    }),
    // Roles without members.read never see a member: as missing everywhere, not 403.
    except: { hotline_agent: all(404), station_keeper: all(404), reviewer: all(404) },
  }),
  callerRow('GET /api/v1/members', {
    who: 'cadre',
    build: async () => {
      await Promise.all(POSITIONS.map(memberAt));
      return { method: 'GET', url: '/api/v1/members' };
    },
    listed: {
      records: () => placedMembers,
      listIds: (cookie) => allIds('/api/v1/members', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/members/${id}`, cookie),
    },
  }),
  callerRow('POST /api/v1/members/lookup', {
    who: 'cadre',
    build: () => ({ method: 'POST', url: '/api/v1/members/lookup', payload: { phone: nextPhone() } }),
  }),
  // A worker's own record, by the phone they signed in with; the matrix's worker has none (404).
  callerRow('GET /api/v1/me/member', {
    who: 'anyone',
    ok: 401,
    build: () => ({ method: 'GET', url: '/api/v1/me/member' }),
    except: { member: 404 },
  }),
];
