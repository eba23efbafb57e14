import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIdNumber } from '../../../common/id-number';
import { formatOrgCode } from '../../../common/org-code';
import { buildMember, nextTestIdNumber, nextTestPhone, wrongCheckCharacter } from '../members/members.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let w: World;
let autoUnion: BuiltOrg, reviewUnion: BuiltOrg, pool: BuiltOrg, closedUnion: BuiltOrg;
let ipSeq = 0;
const nextIp = () => `10.7.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

/** A join code for the phone, as the H5 gets it in demo mode. */
async function otpFor(phone: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'join' },
    remoteAddress: nextIp(),
  });
  expect(res.statusCode).toBe(200);
  return res.json().dev_code as string;
}

type JoinInput = Record<string, unknown> & { phone?: string; id_number?: string };

async function joinBody(over: JoinInput = {}) {
  const phone = over.phone ?? nextTestPhone();
  return {
    name: '王小明',
    id_number: nextTestIdNumber(),
    occupation: 'delivery_rider',
    platform: '美团',
    work_region_code: '321302',
    consent: true,
    ...over,
    phone,
    otp: (over.otp as string | undefined) ?? (await otpFor(phone)),
  };
}

const join = (payload: object, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/join',
    payload,
    headers: key ? { 'idempotency-key': key } : {},
    remoteAddress: '10.9.9.9',
  });

const countApplications = async () =>
  (
    await t.db
      .selectFrom('join_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  autoUnion = await buildOrg(t, { parent: w.street, name: '宿迁美团骑手工会联合会', type: 'joint_union' });
  reviewUnion = await buildOrg(t, { parent: w.street, name: '宿迁市洋河物流有限公司工会', type: 'enterprise_union' });
  pool = await buildOrg(t, { parent: w.sucheng, name: '宿城区新就业形态劳动者周转库', type: 'holding_pool' });
  closedUnion = await buildOrg(t, { parent: w.street, name: '已撤销的工会', status: 'inactive' });
  await t.db.insertInto('join_settings').values({ org_id: autoUnion.id, auto_approve: true }).execute();
  await t.db.insertInto('join_settings').values({ org_id: reviewUnion.id, auto_approve: false }).execute();
});
afterAll(() => t.close());

describe('GET /api/v1/join/orgs/:code', () => {
  it('names the union, its region and whether it takes members', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/join/orgs/${formatOrgCode(reviewUnion.id)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: formatOrgCode(reviewUnion.id),
      name: '宿迁市洋河物流有限公司工会',
      type: 'enterprise_union',
      region_code: '321302',
      region_name: '江苏省宿迁市宿城区',
      takes_members: true,
    });
    const county = await t.app.inject({ method: 'GET', url: `/api/v1/join/orgs/${formatOrgCode(w.sucheng.id)}` });
    expect(county.json().takes_members).toBe(false);
  });

  it('answers an unknown, inactive or mistyped code with the same 404', async () => {
    const good = formatOrgCode(reviewUnion.id);
    const typo = good.slice(0, 2) + (good[2] === 'A' ? 'B' : 'A') + good.slice(3);
    const bodies = new Set<string>();
    for (const code of [formatOrgCode(999_999), formatOrgCode(closedUnion.id), typo, 'x']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/join/orgs/${code}` });
      expect(res.statusCode).toBe(404);
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);
  });
});

describe('POST /api/v1/join', () => {
  it('makes a member at once in a union that auto-approves', async () => {
    const res = await join(await joinBody({ org_code: formatOrgCode(autoUnion.id) }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      application_no: expect.stringMatching(/^RH\d{6}[2-9A-Z]{6}$/),
      status: 'approved',
      member_no: expect.any(String),
    });
    const member = await t.db
      .selectFrom('members')
      .select(['org_id', 'channel'])
      .where('member_no', '=', body.member_no)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ org_id: autoUnion.id, channel: 'qr' });
  });

  it('leaves a reviewing union’s join pending, and a second one for the same person is a 409', async () => {
    const idNumber = nextTestIdNumber();
    const res = await join(await joinBody({ org_code: formatOrgCode(reviewUnion.id), id_number: idNumber }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ application_no: expect.any(String), status: 'pending' });
    const again = await join(await joinBody({ org_code: formatOrgCode(autoUnion.id), id_number: idNumber }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('application_pending');
  });

  it('puts a worker without a union into the county holding pool of the work area, as a member', async () => {
    const res = await join(await joinBody({ work_region_code: '321302' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pooled');
    const row = await t.db
      .selectFrom('join_applications')
      .innerJoin('members', 'members.id', 'join_applications.member_id')
      .select(['join_applications.org_id', 'join_applications.channel', 'members.channel as member_channel'])
      .where('application_no', '=', res.json().application_no)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: pool.id, channel: 'pool', member_channel: 'pool' });
  });

  it('falls back to the residence area, and names work_region_code when no pool serves either', async () => {
    const viaHome = await join(await joinBody({ work_region_code: '110105', residence_region_code: '321302' }));
    expect(viaHome.statusCode).toBe(201);
    expect(viaHome.json().status).toBe('pooled');
    const none = await join(await joinBody({ work_region_code: '110105' }));
    expect(none.statusCode).toBe(422);
    expect(Object.keys(none.json().error.fields)).toEqual(['work_region_code']);
  });

  it('refuses a federation’s code: it takes no members itself', async () => {
    const res = await join(await joinBody({ org_code: formatOrgCode(w.sucheng.id) }));
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().error.fields)).toEqual(['org_code']);
  });

  it('answers bad input with a 422 naming the field, never echoing the ID number or phone', async () => {
    const valid = nextTestIdNumber();
    const wrongCheck = wrongCheckCharacter(valid);
    const impossibleDate = testIdNumber('1990-02-30', 5, '990320').replace(/.$/, '') + 'X';
    const cases: Array<[JoinInput, string]> = [
      [{ id_number: wrongCheck }, 'id_number'],
      [{ id_number: '99032019900230005X' }, 'id_number'],
      [{ id_number: valid.slice(0, 17) }, 'id_number'],
      [{ id_number: impossibleDate }, 'id_number'],
      [{ phone: '12345678901', otp: '000000' }, 'phone'],
      [{ consent: false }, 'consent'],
      [{ work_region_code: '329999' }, 'work_region_code'],
      [{ residence_region_code: '000001' }, 'residence_region_code'],
      [{ occupation: 'astronaut' }, 'occupation'],
      [{ org_code: 'ZZZZZZ' }, 'org_code'],
    ];
    for (const [over, field] of cases) {
      const body = await joinBody(over);
      const res = await join(body);
      expect(res.statusCode, field).toBe(422);
      expect(JSON.stringify(res.json().error.fields ?? res.json().error), field).toContain(field);
      expect(res.body).not.toContain(body.id_number);
      expect(res.body).not.toContain(body.phone);
    }
  });

  it('refuses a wrong one-time code (422 otp) and does not write', async () => {
    const before = await countApplications();
    const res = await join(await joinBody({ otp: '000000' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('otp_invalid');
    expect(Object.keys(res.json().error.fields)).toEqual(['otp']);
    expect(await countApplications()).toBe(before);
  });

  it('names the holding union masked when the person is already a member', async () => {
    const idNumber = nextTestIdNumber();
    await buildMember(t, reviewUnion.id, { idNumber });
    for (const org of [reviewUnion, autoUnion]) {
      const res = await join(await joinBody({ id_number: idNumber, org_code: formatOrgCode(org.id) }));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('already_member');
      expect(res.json().error.fields.id_number).toContain('宿迁');
      expect(res.body).not.toContain('洋河物流');
      expect(res.body).not.toContain(idNumber);
    }
  });

  it('answers the same key twice with the first answer: one application, the code spent once', async () => {
    const body = await joinBody({ org_code: formatOrgCode(reviewUnion.id) });
    const before = await countApplications();
    const first = await join(body, 'join-key-0001');
    const second = await join(body, 'join-key-0001');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await countApplications()).toBe(before + 1);
  });

  it('makes one member of two concurrent joins with the same ID number and different keys', async () => {
    const idNumber = nextTestIdNumber();
    const [a, b] = await Promise.all([joinBody({ id_number: idNumber }), joinBody({ id_number: idNumber })]);
    const answers = await Promise.all([join(a, 'race-key-000a'), join(b, 'race-key-000b')]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const members = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_masked', '=', `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`)
      .executeTakeFirstOrThrow();
    expect(members.n).toBe(1);
  });

  it('makes one pending application of two concurrent joins to a reviewing union', async () => {
    const idNumber = nextTestIdNumber();
    const org_code = formatOrgCode(reviewUnion.id);
    const [a, b] = await Promise.all([
      joinBody({ id_number: idNumber, org_code }),
      joinBody({ id_number: idNumber, org_code }),
    ]);
    const answers = await Promise.all([join(a, 'race-key-000c'), join(b, 'race-key-000d')]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('application_pending');
  });

  it('audits the join with masked values only', async () => {
    const body = await joinBody({ org_code: formatOrgCode(autoUnion.id), name: '欧阳娜娜' });
    const res = await join(body);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'join.submitted')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(audit);
    expect(text).toContain(res.json().application_no);
    expect(text).not.toContain(body.id_number);
    expect(text).not.toContain(body.phone);
    expect(text).not.toContain('欧阳娜娜');
  });
});

describe('POST /api/v1/join/status', () => {
  it('tells the applicant the status; a wrong phone answers exactly like a missing number', async () => {
    const body = await joinBody({ org_code: formatOrgCode(reviewUnion.id) });
    const no = (await join(body)).json().application_no as string;
    const status = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/join/status', payload });
    const ok = await status({ application_no: no, phone: body.phone });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      application_no: no,
      status: 'pending',
      org_name: reviewUnion.name,
      member_no: null,
    });
    const wrongPhone = await status({ application_no: no, phone: nextTestPhone() });
    const missing = await status({ application_no: 'RH000000AAAAAA', phone: body.phone });
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongPhone.body).toBe(missing.body);
  });
});
