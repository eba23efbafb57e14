import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { smallPdf, smallPng, uploadRequest } from '../files/files.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { CERTIFICATE_FILES, PHOTO_FILES } from './files';
import { buildMember, nextTestIdNumber, nextTestPhone } from './members.factories';

let t: TestApp;
let w: World;
let admin: string;
let viewer: string;
/** Every response body of this file: none may hold a full ID number or phone that went in. */
const bodies: string[] = [];
const secrets: string[] = [];

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) {
  const res = await t.app.inject({ method, url, payload, headers: { cookie } });
  bodies.push(res.body);
  return res;
}

async function upload(kind: string, data: Buffer) {
  const res = await t.app.inject(uploadRequest(kind, [data], { cookie: admin }));
  expect(res.statusCode).toBe(201);
  return res.json().items[0].id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
  viewer = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'viewer' })).username);
});
afterAll(() => t.close());

describe('POST /api/v1/members (工会录入)', () => {
  it('enters a person into a union in scope, masked, with the entry in the history', async () => {
    const idNumber = nextTestIdNumber();
    const phone = nextTestPhone();
    secrets.push(idNumber, phone);
    const res = await call('POST', '/api/v1/members', admin, {
      org_id: w.street.id,
      name: '赵师傅',
      id_number: idNumber,
      phone,
      occupation: 'sanitation_worker',
      employer: '宿城区环卫所',
      hardship_level: 'general',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name_masked: '赵*傅',
      org_id: w.street.id,
      channel: 'cadre',
      occupation: 'sanitation_worker',
      is_new_form: false,
      hardship_level: 'general',
      employer: '宿城区环卫所',
      status: 'active',
      version: expect.any(Number),
    });
    const history = await call('GET', `/api/v1/members/${res.json().id}/history`, viewer);
    expect(history.json().items).toEqual([
      expect.objectContaining({
        action: 'members.created',
        action_label: '录入会员',
        actor: expect.stringContaining('('),
      }),
    ]);
  });

  it('answers 409 naming the holding union (masked) for a person who is already a member', async () => {
    const existing = await buildMember(t, w.jiangxi.id);
    const res = await call('POST', '/api/v1/members', admin, {
      org_id: w.street.id,
      name: '重复者',
      id_number: existing.idNumber,
      occupation: 'employee',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_member');
    expect(res.json().error.fields.id_number).toContain('「江西**工会」');
  });

  it('names every bad field at once; an org out of scope reads as a missing one', async () => {
    const bad = await call('POST', '/api/v1/members', admin, {
      org_id: w.jiangxi.id,
      name: ' ',
      id_number: '320102199001011230',
      phone: '12345',
      occupation: 'courier',
      work_region_code: '999999',
      joined_on: '2999-01-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(
      ['id_number', 'joined_on', 'name', 'org_id', 'phone', 'work_region_code'].sort(),
    );
    const missing = await call('POST', '/api/v1/members', admin, {
      org_id: 2_000_000_000,
      name: '某',
      id_number: '320102199001011230',
      phone: '12345',
      occupation: 'courier',
      work_region_code: '999999',
      joined_on: '2999-01-01',
    });
    expect(missing.json().error.fields.org_id).toBe(bad.json().error.fields.org_id);
    // A county federation holds no members itself.
    const federation = await call('POST', '/api/v1/members', admin, {
      org_id: w.sucheng.id,
      name: '某某',
      id_number: nextTestIdNumber(),
      occupation: 'courier',
    });
    expect(federation.json().error.fields).toEqual({ org_id: expect.stringContaining('基层工会') });
  });

  it('is refused to an account that may only read', async () => {
    const res = await call('POST', '/api/v1/members', viewer, {
      org_id: w.street.id,
      name: '某某',
      id_number: nextTestIdNumber(),
      occupation: 'courier',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('PATCH /api/v1/members/:id', () => {
  it('saves the fields that changed against the version read; a stale version is a 409', async () => {
    const m = await buildMember(t, w.street.id, { name: '钱一', occupation: 'employee' });
    const read = (await call('GET', `/api/v1/members/${m.id}`, admin)).json();
    const newPhone = nextTestPhone();
    secrets.push(newPhone);
    const res = await call('PATCH', `/api/v1/members/${m.id}`, admin, {
      version: read.version,
      name: '钱二',
      phone: newPhone,
      occupation: 'delivery_rider',
      platform: '美团',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name_masked: '钱*',
      occupation: 'delivery_rider',
      is_new_form: true,
      platform: '美团',
      version: read.version + 1,
    });
    expect(res.json().phone_masked).toMatch(/^137\*{4}\d{4}$/);
    // The same version again: someone saved first.
    const stale = await call('PATCH', `/api/v1/members/${m.id}`, admin, { version: read.version, employer: '某公司' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await call('GET', `/api/v1/members/${m.id}`, admin)).json().employer).toBeNull();

    const history = (await call('GET', `/api/v1/members/${m.id}/history`, viewer)).json().items;
    expect(history[0]).toMatchObject({
      action: 'members.updated',
      changes: {
        name: { changed: true },
        phone: { changed: true },
        occupation: { from: 'employee', to: 'delivery_rider' },
        platform: { from: null, to: '美团' },
      },
    });
  });

  it('attaches a photo, replacing the earlier one', async () => {
    const m = await buildMember(t, w.street.id);
    let version = (await call('GET', `/api/v1/members/${m.id}`, admin)).json().version;
    const first = await upload(PHOTO_FILES, await smallPng());
    const one = await call('PATCH', `/api/v1/members/${m.id}`, admin, { version, photo: { id: first } });
    expect(one.statusCode).toBe(200);
    expect(one.json().photo.id).toBe(first);
    version = one.json().version;
    const second = await upload(PHOTO_FILES, await smallPng(80, 60));
    const two = await call('PATCH', `/api/v1/members/${m.id}`, admin, { version, photo: { id: second } });
    expect(two.json().photo.id).toBe(second);
    expect((await call('GET', `/api/v1/files/${first}`, admin)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/files/${second}`, admin)).statusCode).toBe(200);
    // A reader without members.read over the member cannot fetch it.
    const stranger = await signIn(t, (await buildAccount(t, { org: w.jiangxi, role: 'org_admin' })).username);
    expect((await call('GET', `/api/v1/files/${second}`, stranger)).statusCode).toBe(404);
  });

  it('answers 404 out of scope exactly as for a missing member, 403 to a reader, 422 naming a bad field', async () => {
    const far = await buildMember(t, w.jiangxi.id);
    const out = await call('PATCH', `/api/v1/members/${far.id}`, admin, { version: 1, employer: 'x' });
    const missing = await call('PATCH', '/api/v1/members/2000000000', admin, { version: 1, employer: 'x' });
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(missing.body);
    const m = await buildMember(t, w.street.id);
    expect((await call('PATCH', `/api/v1/members/${m.id}`, viewer, { version: 1, employer: 'x' })).statusCode).toBe(
      403,
    );
    const bad = await call('PATCH', `/api/v1/members/${m.id}`, admin, {
      version: 1,
      phone: '110',
      residence_region_code: '000001',
    });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['phone', 'residence_region_code']);
  });
});

describe('POST /api/v1/members/:id/lapse and honours', () => {
  it('ends a membership with a reason, keeps the number, and refuses to edit it afterwards', async () => {
    const m = await buildMember(t, w.street.id, { joinedOn: '2020-05-01' });
    const { version } = (await call('GET', `/api/v1/members/${m.id}`, admin)).json();
    expect(
      (
        await call('POST', `/api/v1/members/${m.id}/lapse`, admin, {
          version,
          reason: '本人申请',
          lapsed_on: '2019-01-01',
        })
      ).json().error.fields,
    ).toHaveProperty('lapsed_on');
    const res = await call('POST', `/api/v1/members/${m.id}/lapse`, admin, { version, reason: '本人申请退会' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'lapsed', member_no: m.member_no, lapsed_on: expect.any(String) });
    const again = await call('POST', `/api/v1/members/${m.id}/lapse`, admin, {
      version: res.json().version,
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
    const history = (await call('GET', `/api/v1/members/${m.id}/history`, admin)).json().items;
    expect(history[0]).toMatchObject({ action: 'members.lapsed', reason: '本人申请退会' });
  });

  it('records an honour with its certificate scans and removes it with them', async () => {
    const m = await buildMember(t, w.street.id);
    const scan = await upload(CERTIFICATE_FILES, smallPdf());
    const res = await call('POST', `/api/v1/members/${m.id}/honours`, admin, {
      kind: 'craftsman',
      level: 'city',
      year: 2024,
      title: '宿迁工匠',
      certificates: [{ id: scan }],
    });
    expect(res.statusCode).toBe(200);
    const [honour] = res.json().honours;
    expect(honour).toMatchObject({ kind: 'craftsman', level: 'city', year: 2024, title: '宿迁工匠' });
    expect(honour.certificates.map((f: { id: string }) => f.id)).toEqual([scan]);
    expect((await call('GET', `/api/v1/files/${scan}`, viewer)).statusCode).toBe(200);
    expect(
      (
        await call('POST', `/api/v1/members/${m.id}/honours`, admin, { kind: 'craftsman', level: 'city', year: 2999 })
      ).json().error.fields,
    ).toHaveProperty('year');

    const gone = await call('DELETE', `/api/v1/members/${m.id}/honours/${honour.id}`, admin);
    expect(gone.json().honours).toEqual([]);
    expect((await call('GET', `/api/v1/files/${scan}`, viewer)).statusCode).toBe(404);
    // Another member's honour id under this member is a missing one.
    expect((await call('DELETE', `/api/v1/members/${m.id}/honours/${honour.id}`, admin)).statusCode).toBe(404);
  });
});

it('never answers a full ID number or phone that went in', () => {
  for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
});
