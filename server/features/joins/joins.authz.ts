/**
 * The public join routes' rows of the authorization matrix (server/testing/authz-harness.ts): every
 * caller, signed in or not, gets the same answer; the one-time code, not a session, proves the phone.
 */
import { formatOrgCode } from '../../../common/org-code';
import { callerRow, matrixApp, nextIp, world, type Row } from '../../testing/authz-harness';
import { nextTestIdNumber, nextTestPhone } from '../members/members.factories';

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

export const joinsRows: Row[] = [
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
