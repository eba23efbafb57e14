/**
 * The member registry's rows of the authorization matrix (server/testing/authz-harness.ts says how
 * cells are derived). Members are readable only with members.read: without it they do not exist for
 * the caller ('hidden'). Unmasking needs members.unmask on top: a member the caller reads without it
 * is 403; a member the caller cannot read is as missing.
 */
import { systemContext, withTransaction } from '../../http/context';
import { all, allIds, callerRow, holds, readsOk, ROLES, treeRow, type Row } from '../../testing/authz-harness';
import {
  freshOrgAt,
  matrixApp,
  memberAt,
  MISSING,
  orgAt,
  nextPhone,
  placedMembers,
  POSITIONS,
  type Position,
} from '../../testing/authz-world';
import { addHonour } from './honours';
import { buildMember, nextTestIdNumber } from './members.factories';

const UNMASK = { reason: '矩阵核实身份', fields: ['phone'] };

/** Roles that never see a member (no members.read): every member is as missing to them, not 403. */
const BLIND = { hotline_agent: all(404), station_keeper: all(404), reviewer: all(404) };

/** A new member at `pos` (version 1), for rows whose success changes the member. */
const freshMemberAt = async (pos: Position) =>
  pos === 'missing' ? MISSING : (await buildMember(matrixApp(), orgAt(pos))).id;

/** A new honour on a new member at `pos`: [memberId, honourId]. */
async function freshHonourAt(pos: Position): Promise<[number, number]> {
  const memberId = await freshMemberAt(pos);
  if (memberId === MISSING) return [MISSING, MISSING];
  const t = matrixApp();
  await withTransaction(systemContext(t.deps), (tx) =>
    addHonour(tx, memberId, { kind: 'technical_expert', level: 'county', year: 2023 }),
  );
  const row = await t.db
    .selectFrom('member_honours')
    .select('id')
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return [memberId, Number(row.id)];
}

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
  treeRow('POST /api/v1/members', {
    needs: 'members.manage',
    ok: 201,
    missing: 422,
    field: 'org_id',
    // A new enterprise union under the org at the position: it takes members, in scope exactly when that org is.
    build: async ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/members',
      payload: {
        org_id: await freshOrgAt(pos),
        name: '矩阵录入',
        id_number: nextTestIdNumber(),
        occupation: 'employee',
      },
    }),
    // Without members.manage anywhere the route refuses before the org is looked at.
    except: Object.fromEntries(ROLES.filter((r) => !holds(r, 'members.manage')).map((r) => [r, all(403)])),
  }),
  treeRow('PATCH /api/v1/members/:id', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/members/${await freshMemberAt(pos)}`,
      payload: { version: 1, employer: '矩阵单位' },
    }),
    except: BLIND,
  }),
  treeRow('POST /api/v1/members/:id/lapse', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/members/${await freshMemberAt(pos)}/lapse`,
      payload: { version: 1, reason: '矩阵退会' },
    }),
    except: BLIND,
  }),
  treeRow('POST /api/v1/members/:id/honours', {
    needs: 'members.manage',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/members/${await memberAt(pos)}/honours`,
      payload: { kind: 'craftsman', level: 'county', year: 2024 },
    }),
    except: BLIND,
  }),
  treeRow('DELETE /api/v1/members/:id/honours/:honourId', {
    needs: 'members.manage',
    build: async ({ pos }) => {
      const [memberId, honourId] = await freshHonourAt(pos);
      return { method: 'DELETE', url: `/api/v1/members/${memberId}/honours/${honourId}` };
    },
    except: BLIND,
  }),
  treeRow('GET /api/v1/members/:id/history', {
    needs: 'members.read',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/members/${await memberAt(pos)}/history` }),
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
