/**
 * 会籍接转's rows of the authorization matrix (server/testing/authz-harness.ts says how cells are
 * derived). A transfer "at" a position is of a member of the org there, to a union directly under
 * it, so both ends lie in the caller's scope exactly when the position does. Transfers are read
 * with members.read (without it they do not exist for the caller); starting, answering and
 * cancelling need members.manage, so a role that reads members without managing them gets 403 and
 * one that does not read them at all finds nothing. A worker sees and cancels only their own: the
 * matrix's worker has no member record, so nothing is theirs.
 */
import { formatOrgCode } from '../../../common/org-code';
import { all, allIds, callerRow, readsOk, treeRow, type Placed, type Row } from '../../testing/authz-harness';
import { freshOrgAt, matrixApp, MISSING, world, type Position } from '../../testing/authz-world';
import { buildMember } from '../members/members.factories';
import { buildTransfer } from './transfers.factories';

const destinations = new Map<Position, Promise<number>>();
/** The receiving union for transfers at `pos`: one under the org there, built once. */
const destinationAt = (pos: Position) => {
  if (!destinations.has(pos)) destinations.set(pos, freshOrgAt(pos));
  return destinations.get(pos)!;
};

/** A new open transfer at `pos` (MISSING at 'missing'): for rows that close it. */
async function freshTransferAt(pos: Position): Promise<number> {
  if (pos === 'missing') return MISSING;
  const t = matrixApp();
  return (await buildTransfer(t, { fromOrgId: world.orgs[pos].id, toOrgId: await destinationAt(pos) })).id;
}

const placed: Partial<Record<Placed, number>> = {};
const reads = new Map<Position, Promise<number>>();
/** An open transfer at `pos`, built on first use and then reused (the read rows). */
function transferAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!reads.has(pos))
    reads.set(
      pos,
      freshTransferAt(pos).then((id) => (placed[pos as Exclude<Position, 'missing'>] = id)),
    );
  return reads.get(pos)!;
}

const POSITIONS_PLACED = ['own', 'child', 'sibling', 'parent', 'other_province'] as const;
/** Roles that do not read members: a transfer, which names one, does not exist for them. */
const NOT_READING = { hotline_agent: all(404), station_keeper: all(404), reviewer: all(404) };

export const transfersRows: Row[] = [
  callerRow('GET /api/v1/transfers/targets', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: `/api/v1/transfers/targets?q=${encodeURIComponent('工会')}` }),
    except: { anonymous: 401, restricted: 403 },
  }),
  // The matrix's worker is not a member: nothing to move (404, as GET /me/member answers).
  callerRow('POST /api/v1/me/transfers', {
    who: 'anyone',
    ok: 401,
    build: () => ({
      method: 'POST',
      url: '/api/v1/me/transfers',
      payload: { to_org_code: formatOrgCode(world.moveDestination.id), reason: '矩阵' },
    }),
    except: { member: 404 },
  }),
  callerRow('GET /api/v1/me/transfers', {
    who: 'anyone',
    ok: 401,
    build: () => ({ method: 'GET', url: '/api/v1/me/transfers' }),
    except: { member: 200 },
  }),
  treeRow('POST /api/v1/transfers', {
    needs: 'members.manage',
    ok: 201,
    missing: 422,
    field: 'member_id',
    build: async ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/transfers',
      payload: {
        member_id: pos === 'missing' ? MISSING : (await buildMember(matrixApp(), world.orgs[pos].id)).id,
        to_org_code: formatOrgCode(world.moveDestination.id),
      },
    }),
    except: { hotline_agent: all(422), station_keeper: all(422), reviewer: all(422) },
  }),
  callerRow('GET /api/v1/transfers', {
    who: 'cadre',
    build: async () => {
      await Promise.all(POSITIONS_PLACED.map(transferAt));
      return { method: 'GET', url: '/api/v1/transfers' };
    },
    listed: {
      records: () => placed,
      listIds: (cookie) => allIds('/api/v1/transfers', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/transfers/${id}`, cookie),
    },
  }),
  treeRow('GET /api/v1/transfers/:id', {
    needs: 'members.read',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/transfers/${await transferAt(pos)}` }),
  }),
  treeRow('POST /api/v1/transfers/:id/accept', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/transfers/${await freshTransferAt(pos)}/accept`,
      payload: { version: 1 },
    }),
    except: NOT_READING,
  }),
  treeRow('POST /api/v1/transfers/:id/refuse', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/transfers/${await freshTransferAt(pos)}/refuse`,
      payload: { version: 1, reason: '矩阵拒绝' },
    }),
    except: NOT_READING,
  }),
  treeRow('POST /api/v1/transfers/:id/cancel', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/transfers/${await freshTransferAt(pos)}/cancel`,
      payload: { version: 1 },
    }),
    // A worker reaches the route, but no transfer is theirs.
    except: { ...NOT_READING, member: all(404) },
  }),
];
