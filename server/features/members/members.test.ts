import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { addHonour, setHardshipLevel } from './honours';
import { buildMember, nextTestIdNumber, wrongCheckCharacter } from './members.factories';
import { UNMASK_PER_HOUR } from './unmask';

let t: TestApp;
let w: World;
let admin: string;
let viewer: string;
let rider: Awaited<ReturnType<typeof buildMember>>;
let employee: Awaited<ReturnType<typeof buildMember>>;
let courier: Awaited<ReturnType<typeof buildMember>>;
let faraway: Awaited<ReturnType<typeof buildMember>>;
/** Every response body of this file except the unmask answers: none may hold a full number. */
const bodies: string[] = [];
let ip = 0;

async function call(method: 'GET' | 'POST', url: string, cookie: string | undefined, payload?: object) {
  const res = await t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
  bodies.push(res.body);
  return res;
}

async function workerSession(phone: string): Promise<string> {
  const remoteAddress = `10.7.0.${++ip}`;
  const otp = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'login' },
    remoteAddress,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/member-login',
    payload: { phone, otp: otp.json().dev_code },
    remoteAddress,
  });
  expect(res.statusCode).toBe(200);
  return `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
}

const ids = (res: { json(): { items: Array<{ id: number }> } }) => res.json().items.map((i) => i.id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
  viewer = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'viewer' })).username);
  rider = await buildMember(t, w.street.id, { name: '王小骑', occupation: 'delivery_rider', platform: '美团' });
  employee = await buildMember(t, w.sucheng.id, { name: '王大明', occupation: 'employee', joinedOn: '2022-03-01' });
  courier = await buildMember(t, w.sucheng.id, { name: '李娜', occupation: 'courier', platform: '顺丰' });
  faraway = await buildMember(t, w.jiangxi.id, { name: '王远', occupation: 'delivery_rider' });
  await withTransaction(systemContext(t.deps), async (tx) => {
    await addHonour(tx, employee.id, { kind: 'model_worker', level: 'national', year: 2020, title: '全国劳动模范' });
    await setHardshipLevel(tx, courier.id, 'deep');
  });
});
afterAll(() => t.close());

describe('GET /api/v1/members', () => {
  it('lists the scope only, newest first, masked, with no-store', async () => {
    const res = await call('GET', '/api/v1/members', viewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(ids(res)).toEqual([courier.id, employee.id, rider.id]);
    expect(res.json().items[2]).toMatchObject({
      name_masked: '王*骑',
      org_name: '幸福街道总工会',
      occupation: 'delivery_rider',
      platform: '美团',
      is_new_form: true,
      status: 'active',
    });
    expect(res.json().items[2].id_masked).toMatch(/^99\*+\w{4}$|^\d{3,6}\*+[\dX]{2,4}$/);
  });

  it('filters by org subtree, occupation, new form, platform, joined period, hardship and honour', async () => {
    const q = async (qs: string) => ids(await call('GET', `/api/v1/members?${qs}`, viewer));
    expect(await q(`org_id=${w.street.id}`)).toEqual([rider.id]);
    expect(await q('occupation=courier')).toEqual([courier.id]);
    expect(await q('is_new_form=false')).toEqual([employee.id]);
    expect(await q(`platform=${encodeURIComponent('美团')}`)).toEqual([rider.id]);
    expect(await q('joined_from=2022-01-01&joined_to=2022-12-31')).toEqual([employee.id]);
    expect(await q('hardship_level=deep')).toEqual([courier.id]);
    expect(await q('honour=model_worker')).toEqual([employee.id]);
    expect(await q('status=lapsed')).toEqual([]);
  });

  it('answers an org outside the scope with an empty list, as accounts do', async () => {
    const res = await call('GET', `/api/v1/members?org_id=${w.jiangxi.id}`, viewer);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('searches by name prefix, pinyin prefix and initials', async () => {
    const q = async (text: string) => ids(await call('GET', `/api/v1/members?q=${encodeURIComponent(text)}`, viewer));
    expect(await q('王')).toEqual([employee.id, rider.id]);
    expect(await q('王小')).toEqual([rider.id]);
    expect(await q('wangxiao')).toEqual([rider.id]);
    expect(await q('Wang Da')).toEqual([employee.id]);
    expect(await q('wxq')).toEqual([rider.id]);
    expect(await q('ln')).toEqual([courier.id]);
    expect(await q('%')).toEqual([]);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const first = await call('GET', '/api/v1/members?limit=2', viewer);
    expect(ids(first)).toEqual([courier.id, employee.id]);
    const cursor = first.json().next_cursor as string;
    const second = await call('GET', `/api/v1/members?limit=2&cursor=${cursor}`, viewer);
    expect(ids(second)).toEqual([rider.id]);
    expect(second.json().next_cursor).toBeNull();
    const forged = await call('GET', '/api/v1/members?cursor=bm90LWpzb24', viewer);
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.fields.cursor).toBeTruthy();
  });
});

describe('POST /api/v1/members/lookup', () => {
  it('finds a member in scope by exact ID number or phone, never one outside it', async () => {
    const byId = await call('POST', '/api/v1/members/lookup', viewer, { id_number: rider.idNumber.toLowerCase() });
    expect(byId.statusCode).toBe(200);
    expect(ids(byId)).toEqual([rider.id]);
    expect(ids(await call('POST', '/api/v1/members/lookup', viewer, { phone: courier.phone }))).toEqual([courier.id]);
    expect(ids(await call('POST', '/api/v1/members/lookup', viewer, { id_number: faraway.idNumber }))).toEqual([]);
    expect(ids(await call('POST', '/api/v1/members/lookup', viewer, { id_number: nextTestIdNumber() }))).toEqual([]);
  });

  it('names the field of a malformed number without echoing it, and wants exactly one', async () => {
    const bad = wrongCheckCharacter(rider.idNumber);
    const res = await call('POST', '/api/v1/members/lookup', viewer, { id_number: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.id_number).toBeTruthy();
    expect(res.body).not.toContain(bad);
    const phone = await call('POST', '/api/v1/members/lookup', viewer, { phone: '1234567' });
    expect(phone.statusCode).toBe(422);
    expect(phone.json().error.fields.phone).toBeTruthy();
    expect((await call('POST', '/api/v1/members/lookup', viewer, {})).statusCode).toBe(422);
    const both = await call('POST', '/api/v1/members/lookup', viewer, {
      id_number: rider.idNumber,
      phone: rider.phone,
    });
    expect(both.statusCode).toBe(422);
  });
});

describe('GET /api/v1/members/:id', () => {
  it('shows the profile with honours and hardship, masked, no-store', async () => {
    const res = await call('GET', `/api/v1/members/${employee.id}`, viewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({
      id: employee.id,
      member_no: employee.member_no,
      name_masked: '王*明',
      channel: 'cadre',
      version: 1,
      honours: [{ kind: 'model_worker', level: 'national', year: 2020, title: '全国劳动模范', awarded_by: null }],
    });
    expect((await call('GET', `/api/v1/members/${courier.id}`, viewer)).json().hardship_level).toBe('deep');
  });

  it('answers a member outside the scope exactly like a missing one', async () => {
    const out = await call('GET', `/api/v1/members/${faraway.id}`, viewer);
    const missing = await call('GET', '/api/v1/members/999999', viewer);
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(missing.body);
  });
});

describe('GET /api/v1/me/member', () => {
  it('shows a worker their own record, masked, and 404 when the phone has none', async () => {
    const mine = await call('GET', '/api/v1/me/member', await workerSession(rider.phone!));
    expect(mine.statusCode).toBe(200);
    expect(ids(mine)).toEqual([rider.id]);
    expect(mine.json().items[0].name_masked).toBe('王*骑');
    const none = await call('GET', '/api/v1/me/member', await workerSession('13600000001'));
    expect(none.statusCode).toBe(404);
    expect((await call('GET', '/api/v1/me/member', admin)).statusCode).toBe(401);
  });
});

describe('POST /api/v1/members/:id/unmask', () => {
  const unmask = (id: number, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/members/${id}/unmask`, payload, headers: { cookie } });

  it('shows the asked numbers once, no-store, audited with the reason and the fields but no values', async () => {
    const res = await unmask(rider.id, admin, { reason: '核实困难帮扶申请', fields: ['id_number', 'phone'] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ id_number: rider.idNumber, phone: rider.phone });
    const onlyPhone = await unmask(rider.id, admin, { reason: '电话回访核实', fields: ['phone'] });
    expect(onlyPhone.json()).toEqual({ id_number: null, phone: rider.phone });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'members.unmask')
      .where('entity_id', '=', String(rider.id))
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ entity_type: 'member', reason: '核实困难帮扶申请' });
    expect(audit[0]!.details).toMatchObject({ member_no: rider.member_no, fields: ['id_number', 'phone'] });
    const stored = JSON.stringify(audit);
    expect(stored).not.toContain(rider.idNumber);
    expect(stored).not.toContain(rider.phone!);
  });

  it('needs members.unmask (403 for a viewer), a reason, and scope (404 like missing)', async () => {
    const denied = await unmask(rider.id, viewer, { reason: '想看看号码', fields: ['phone'] });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain(rider.phone!);
    bodies.push(denied.body);
    for (const reason of ['', '看看', '    看一看 '.slice(0, 6)]) {
      const res = await unmask(rider.id, admin, { reason, fields: ['phone'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields.reason).toBeTruthy();
      bodies.push(res.body);
    }
    expect((await unmask(rider.id, admin, { reason: '核实身份信息', fields: [] })).statusCode).toBe(422);
    const out = await unmask(faraway.id, admin, { reason: '核实身份信息', fields: ['phone'] });
    const missing = await unmask(999_999, admin, { reason: '核实身份信息', fields: ['phone'] });
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(missing.body);
    bodies.push(out.body);
  });

  it(`stops an account after ${UNMASK_PER_HOUR} an hour, and only that account`, async () => {
    const busy = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
    for (let i = 0; i < UNMASK_PER_HOUR; i++) {
      expect((await unmask(courier.id, busy, { reason: '批量核实信息', fields: ['phone'] })).statusCode).toBe(200);
    }
    const stopped = await unmask(courier.id, busy, { reason: '批量核实信息', fields: ['phone'] });
    expect(stopped.statusCode).toBe(429);
    bodies.push(stopped.body);
    expect((await unmask(courier.id, admin, { reason: '另一位管理员核实', fields: ['phone'] })).statusCode).toBe(200);
  });
});

describe('personal data in answers', () => {
  it('no answer above except the unmask ones holds a full ID number or phone', () => {
    const secrets = [rider, employee, courier, faraway].flatMap((m) => [m.idNumber, m.phone!]);
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) for (const s of secrets) expect(body).not.toContain(s);
  });
});
