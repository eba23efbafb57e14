/**
 * 工单's console rows of the authorization matrix (server/testing/authz-harness.ts says how cells
 * are derived). A case "at" a position is received by the org there, so its one party lies in the
 * caller's scope exactly when the position does. Every case permission lets an account see the
 * cases of its subtree; without any (keeper, reviewer, viewer) a case does not exist for it, so
 * the single read and the steps are 404 ('hidden') and the lists are 403.
 */
import { all, allIds, callerRow, readsOk, treeRow, type Placed, type Row } from '../../testing/authz-harness';
import { matrixApp, MISSING, nextIp, world, type Position } from '../../testing/authz-world';
import { formatOrgCode } from '../../../common/org-code';
import { nextTestPhone } from '../members/members.factories';
import { buildAnswer, buildCase, buildDutyPhone, clearDutyPhones } from './cases.factories';

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
  treeRow('GET /api/v1/cases/:id/similar', {
    needs: 'cases.intake',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/cases/${await caseAt(pos)}/similar` }),
    except: NO_CASES,
  }),
  treeRow('POST /api/v1/cases/:id/co-handlers', {
    needs: 'cases.dispatch',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/cases/${await freshCaseAt(pos)}/co-handlers`,
      payload: { version: 1, org_code: formatOrgCode(world.moveDestination.id) },
    }),
    except: NO_CASES,
  }),
  // Two cases waiting at a position, grouped; a case the caller does not see is named as missing (422).
  treeRow('POST /api/v1/cases/collective', {
    needs: 'cases.dispatch',
    ok: 201,
    missing: 422,
    field: 'case_ids.0',
    build: async ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/cases/collective',
      payload: { case_ids: [await freshCaseAt(pos), await freshCaseAt(pos === 'missing' ? 'own' : pos)] },
    }),
    except: { station_keeper: all(422), reviewer: all(422), viewer: all(422) },
  }),
  // Deadline settings belong to the supervising level: without cases.supervise an org's settings do not exist.
  treeRow('GET /api/v1/cases/settings/:orgId', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}`,
    }),
  }),
  treeRow('PUT /api/v1/cases/settings/:orgId', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'PUT',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}`,
      payload: { show_cadre_names: false },
    }),
  }),
  // The duty phones are part of the settings: the same scope, the same hiding.
  treeRow('GET /api/v1/cases/settings/:orgId/duty-phones', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}/duty-phones`,
    }),
  }),
  treeRow('POST /api/v1/cases/settings/:orgId/duty-phones', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    ok: 201,
    build: async ({ pos }) => {
      // Room for one more (an org holds five), and a number it does not list yet.
      if (pos !== 'missing') await clearDutyPhones(matrixApp(), world.orgs[pos].id);
      return {
        method: 'POST',
        url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}/duty-phones`,
        payload: { label: '矩阵值班室', phone: nextTestPhone() },
      };
    },
  }),
  treeRow('DELETE /api/v1/cases/settings/:orgId/duty-phones/:id', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'DELETE',
      url:
        pos === 'missing'
          ? `/api/v1/cases/settings/${MISSING}/duty-phones/${MISSING}`
          : `/api/v1/cases/settings/${world.orgs[pos].id}/duty-phones/${await buildDutyPhone(matrixApp(), world.orgs[pos].id)}`,
    }),
  }),
  // Status labels are settings too: the same permission, the same 404 out of scope.
  treeRow('GET /api/v1/cases/settings/:orgId/statuses', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}/statuses`,
    }),
  }),
  treeRow('PUT /api/v1/cases/settings/:orgId/statuses/:code', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'PUT',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}/statuses/signed`,
      payload: { label: '已接单' },
    }),
  }),
  treeRow('DELETE /api/v1/cases/settings/:orgId/statuses/:code', {
    needs: 'cases.supervise',
    unpermitted: 'hidden',
    build: ({ pos }) => ({
      method: 'DELETE',
      url: `/api/v1/cases/settings/${pos === 'missing' ? MISSING : world.orgs[pos].id}/statuses/signed`,
    }),
  }),
  callerRow('GET /api/v1/cases/answers', {
    who: 'cadre',
    needs: 'cases.intake',
    build: () => ({ method: 'GET', url: '/api/v1/cases/answers' }),
  }),
  callerRow('POST /api/v1/cases/answers', {
    who: 'cadre',
    needs: 'cases.intake',
    ok: 201,
    build: () => ({ method: 'POST', url: '/api/v1/cases/answers', payload: { title: '矩阵问题', body: '矩阵答复' } }),
  }),
  callerRow('POST /api/v1/cases/answers/suggest', {
    who: 'cadre',
    needs: 'cases.intake',
    build: () => ({
      method: 'POST',
      url: '/api/v1/cases/answers/suggest',
      payload: { kind: 'complaint', subject: 'wage_arrears', text: '老板拖欠工资三个月' },
    }),
  }),
  // An answer of a union above the caller is read (it is theirs too) but not kept: 403, not 404.
  treeRow('PATCH /api/v1/cases/answers/:id', {
    needs: 'cases.intake',
    unpermitted: 'hidden',
    build: async ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/cases/answers/${pos === 'missing' ? MISSING : (await buildAnswer(matrixApp(), world.orgs[pos].id)).id}`,
      payload: { version: 1, keywords: '矩阵' },
    }),
    // Roles without cases.intake have no knowledge base: refused before any answer is looked at.
    except: {
      station_keeper: all(403),
      reviewer: all(403),
      viewer: all(403),
      org_admin: [200, 200, 404, 403, 404, 404],
      case_officer: [200, 200, 404, 403, 404, 404],
      hotline_agent: [200, 200, 404, 403, 404, 404],
    },
  }),
];

// ————— The requester's routes: every caller, signed in or not, gets the same answer on the public
// routes, where the one-time code (filing) or the tracking number with its phone (tracking,
// rating) proves who asks — or, for filing, a worker's session from a phone sign-in. 我的诉求
// answers a worker signed in by phone only.

/** A filing with a live one-time code: a 咨询 in 宿城区. */
async function casePayload() {
  const phone = nextTestPhone();
  const sent = await matrixApp().app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'case' },
    remoteAddress: nextIp(),
  });
  return {
    kind: 'consultation',
    subject: 'labour_law',
    description: '矩阵测试：加班费如何计算？',
    name: '矩阵申请人',
    region_code: '321302',
    phone,
    otp: sent.json().dev_code as string,
  };
}

/** A case filed through the public route: its number and phone; closed when `closed` (as its cadres would leave it). */
async function filedCase(closed = false) {
  const payload = await casePayload();
  const res = await matrixApp().app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    payload,
    remoteAddress: nextIp(),
  });
  if (res.statusCode !== 201) throw new Error(`filing a case failed: ${res.statusCode} ${res.body}`);
  const trackingNo = res.json().tracking_no as string;
  if (closed)
    await matrixApp()
      .db.updateTable('cases')
      .set({ status: 'closed', category: 'closed', closed_at: new Date() })
      .where('tracking_no', '=', trackingNo)
      .execute();
  return { tracking_no: trackingNo, phone: payload.phone };
}

export const casesPublicRows: Row[] = [
  callerRow('POST /api/v1/cases', {
    who: 'anyone',
    ok: 201,
    // A worker signed in by phone files under the session's phone, with neither phone nor code;
    // every other caller (a cadre's session proves no phone) proves it with the code.
    build: async ({ caller }) => {
      const proved = await casePayload();
      const { phone: _phone, otp: _otp, ...unproved } = proved;
      return {
        method: 'POST',
        url: '/api/v1/cases',
        payload: caller === 'member' ? unproved : proved,
        remoteAddress: nextIp(),
      };
    },
  }),
  callerRow('POST /api/v1/cases/track', {
    who: 'anyone',
    build: async () => ({ method: 'POST', url: '/api/v1/cases/track', payload: await filedCase() }),
  }),
  callerRow('POST /api/v1/cases/rate', {
    who: 'anyone',
    build: async () => ({
      method: 'POST',
      url: '/api/v1/cases/rate',
      payload: { ...(await filedCase(true)), rating: 'satisfied', resolved: true },
    }),
  }),
  // The matrix's worker filed nothing: an empty list, but theirs to read.
  callerRow('GET /api/v1/me/cases', {
    who: 'anyone',
    ok: 401,
    build: () => ({ method: 'GET', url: '/api/v1/me/cases' }),
    except: { member: 200 },
  }),
];
