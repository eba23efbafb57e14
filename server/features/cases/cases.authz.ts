/**
 * The requester's routes' rows of the authorization matrix (server/testing/authz-harness.ts): every
 * caller, signed in or not, gets the same answer on the public routes, where the one-time code
 * (filing) or the tracking number with its phone (tracking, rating) proves who asks, never a
 * session. 我的诉求 answers a worker signed in by phone only.
 */
import { callerRow, type Row } from '../../testing/authz-harness';
import { matrixApp, nextIp } from '../../testing/authz-world';
import { nextTestPhone } from '../members/members.factories';

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
    build: async () => ({
      method: 'POST',
      url: '/api/v1/cases',
      payload: await casePayload(),
      remoteAddress: nextIp(),
    }),
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
