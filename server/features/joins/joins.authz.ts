/**
 * The public join routes' rows of the authorization matrix (server/testing/authz-harness.ts): every
 * caller, signed in or not, gets the same answer; the one-time code, not a session, proves the phone.
 */
import { formatOrgCode } from '../../../common/org-code';
import { allIds, callerRow, holds, treeRow, type Caller, type Placed, type Row } from '../../testing/authz-harness';
import {
  freshOrgAt,
  matrixApp,
  MISSING,
  nextIp,
  orgAt,
  POSITIONS,
  world,
  type Position,
} from '../../testing/authz-world';
import { nextTestIdNumber, nextTestPhone } from '../members/members.factories';
import { buildOrg } from '../orgs/orgs.factories';
import { buildApplication } from './joins.factories';

/** A join body with a live one-time code, for the street union (it reviews: the answer is 'pending'). */
async function joinPayload() {
  const phone = nextTestPhone();
  const sent = await matrixApp().app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'join' },
    remoteAddress: nextIp(),
  });
  return {
    name: '矩阵申请人',
    id_number: nextTestIdNumber(),
    phone,
    otp: sent.json().dev_code as string,
    org_code: formatOrgCode(world.orgs.child.id),
    occupation: 'courier',
    consent: true,
  };
}

/** A new pending application to the org at `pos` (MISSING for 'missing'): a decision consumes one. */
async function pendingAt(pos: Position): Promise<number> {
  return pos === 'missing' ? MISSING : (await buildApplication(matrixApp(), orgAt(pos))).id;
}

/** Per position, a holding pool under the org there and a community union beside it to place in. */
const pools = new Map<Position, Promise<{ pool: number; target: number }>>();
function poolAt(pos: Exclude<Position, 'missing'>) {
  if (!pools.has(pos))
    pools.set(
      pos,
      (async () => {
        const parent = world.orgs[pos];
        const pool = await buildOrg(matrixApp(), { parent, type: 'holding_pool' });
        const target = await buildOrg(matrixApp(), { parent, type: 'community_union' });
        return { pool: pool.id, target: target.id };
      })(),
    );
  return pools.get(pos)!;
}

/** The applications the queue's list check placed, by position. */
const queued: Partial<Record<Placed, number>> = {};
/** Whether the caller reviews joins at the position (the national admin everywhere, the rest on own and below). */
const reviews = (caller: Caller, placed: Placed) =>
  holds(caller, 'joins.review') && (caller === 'national_admin' || placed === 'own' || placed === 'child');

export const joinsRows: Row[] = [
  callerRow('GET /api/v1/join/orgs', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: `/api/v1/join/orgs?q=${encodeURIComponent('宿城')}` }),
  }),
  callerRow('GET /api/v1/joins', {
    who: 'cadre',
    needs: 'joins.review',
    build: async () => {
      for (const pos of POSITIONS) if (pos !== 'missing' && !queued[pos]) queued[pos] = await pendingAt(pos);
      return { method: 'GET', url: '/api/v1/joins?queue=pending' };
    },
    listed: {
      records: () => queued,
      listIds: (cookie) => allIds('/api/v1/joins?queue=pending', cookie),
      // No single read: a reviewer sees an application exactly where they review joins.
      readable: ({ caller, placed }) => reviews(caller, placed),
    },
  }),
  callerRow('GET /api/v1/joins/counts', {
    who: 'cadre',
    needs: 'joins.review',
    build: () => ({ method: 'GET', url: '/api/v1/joins/counts' }),
  }),
  // Applications are personal data: without joins.review they do not exist for the caller ('hidden').
  treeRow('POST /api/v1/joins/:id/approve', {
    needs: 'joins.review',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/joins/${await pendingAt(pos)}/approve`,
      payload: { version: 1 },
    }),
  }),
  treeRow('POST /api/v1/joins/:id/refuse', {
    needs: 'joins.review',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/joins/${await pendingAt(pos)}/refuse`,
      payload: { version: 1, reason: '矩阵测试不通过' },
    }),
  }),
  treeRow('POST /api/v1/joins/:id/place', {
    needs: 'joins.review',
    unpermitted: 'hidden',
    build: async ({ pos }) => {
      if (pos === 'missing')
        return {
          method: 'POST',
          url: `/api/v1/joins/${MISSING}/place`,
          payload: { version: 1, org_id: orgAt('child') },
        };
      const { pool, target } = await poolAt(pos);
      const pooled = await buildApplication(matrixApp(), pool);
      return { method: 'POST', url: `/api/v1/joins/${pooled.id}/place`, payload: { version: 1, org_id: target } };
    },
  }),
  callerRow('POST /api/v1/joins/bulk', {
    who: 'cadre',
    needs: 'joins.review',
    build: async () => ({
      method: 'POST',
      url: '/api/v1/joins/bulk',
      payload: { action: 'approve', items: [{ id: await pendingAt('child'), version: 1 }] },
    }),
  }),
  // Settings: the org is seen with orgs.read; setting how it takes joins needs joins.review there.
  treeRow('GET /api/v1/joins/settings/:orgId', {
    needs: 'joins.review',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/joins/settings/${orgAt(pos)}` }),
  }),
  treeRow('PUT /api/v1/joins/settings/:orgId', {
    needs: 'joins.review',
    build: async ({ pos }) => ({
      method: 'PUT',
      url: `/api/v1/joins/settings/${await freshOrgAt(pos)}`,
      payload: { auto_approve: true },
    }),
  }),
  callerRow('GET /api/v1/join/orgs/:code', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: `/api/v1/join/orgs/${formatOrgCode(world.orgs.child.id)}` }),
  }),
  callerRow('POST /api/v1/join', {
    who: 'anyone',
    ok: 201,
    build: async () => ({ method: 'POST', url: '/api/v1/join', payload: await joinPayload(), remoteAddress: nextIp() }),
  }),
  callerRow('POST /api/v1/join/status', {
    who: 'anyone',
    build: async () => {
      const payload = await joinPayload();
      const joined = await matrixApp().app.inject({ method: 'POST', url: '/api/v1/join', payload });
      return {
        method: 'POST',
        url: '/api/v1/join/status',
        payload: { application_no: joined.json().application_no as string, phone: payload.phone },
      };
    },
  }),
];
