import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn, signInWorker } from '../auth/auth.factories';
import { smallPng, uploadRequest } from '../files/files.factories';
import { nextTestPhone } from '../members/members.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { CASE_ATTACHMENTS } from './files';

let t: TestApp;
let w: World;
let ipSeq = 0;
const nextIp = () => `10.8.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

/** A one-time code for filing a case, as the H5 gets it in demo mode. */
async function otpFor(phone: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'case' },
    remoteAddress: nextIp(),
  });
  expect(res.statusCode).toBe(200);
  return res.json().dev_code as string;
}

type CaseInput = Record<string, unknown> & { phone?: string; otp?: string };

/** A 欠薪 complaint in 宿城区, with a live code unless the test brings its own. */
async function caseBody(over: CaseInput = {}) {
  const phone = over.phone ?? nextTestPhone();
  return {
    kind: 'complaint',
    subject: 'wage_arrears',
    description: '宿迁某快递站拖欠我 3 个月工资，共 12000 元，多次讨要未果。',
    name: '王小明',
    employer: '宿迁市洋河物流有限公司',
    wage_claimed_fen: 1_200_000,
    region_code: '321302',
    ...over,
    phone,
    otp: over.otp ?? (await otpFor(phone)),
  };
}

const file = (payload: object, key?: string, ip = '10.9.9.9') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    payload,
    headers: key ? { 'idempotency-key': key } : {},
    remoteAddress: ip,
  });

const post = (url: string, payload: object, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    headers: key ? { 'idempotency-key': key } : {},
    // A key is the caller's: its replay comes from the same address.
    remoteAddress: key ? '10.9.8.7' : nextIp(),
  });

/** Test setup: the phone's last code is old enough for another (one a minute). */
const ageCodes = () =>
  t.db
    .updateTable('otp_codes')
    .set({ created_at: sql`created_at - interval '2 minutes'` as never })
    .execute();

const countCases = async () =>
  Number(
    (
      await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Anonymous uploads of case photos: their references (id and token). */
async function uploadPhotos(n: number): Promise<Array<{ id: string; token: string }>> {
  const res = await t.app.inject({
    ...uploadRequest(CASE_ATTACHMENTS, await Promise.all(Array.from({ length: n }, () => smallPng()))),
    remoteAddress: nextIp(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json().items as Array<{ id: string; token: string }>).map(({ id, token }) => ({ id, token }));
}

/** Files a case and answers its tracking number and phone. */
async function filed(over: CaseInput = {}) {
  const body = await caseBody(over);
  const res = await file(body, undefined, nextIp());
  expect(res.statusCode, res.body).toBe(201);
  return { tracking_no: res.json().tracking_no as string, phone: body.phone };
}

/** Test setup: the case as the cadres would have left it once closed (their steps are tested with the cadre routes). */
async function closeCase(trackingNo: string) {
  await t.db
    .updateTable('cases')
    .set({ status: 'closed', category: 'closed', closed_at: new Date() })
    .where('tracking_no', '=', trackingNo)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

describe('POST /api/v1/cases', () => {
  it('files a case with a one-time code: 201 with the tracking number, the due date and the leading union', async () => {
    const body = await caseBody();
    const res = await file(body, undefined, nextIp());
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    expect(answer.tracking_no).toMatch(/^GD\d{6}[0-9A-Z]{6}$/);
    expect(answer.status).toBe('received');
    expect(answer.status_label).toBe('受理');
    expect(answer.due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(answer.due_at).getTime()).toBeGreaterThan(Date.now());
    expect(typeof answer.org_name).toBe('string');
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await t.db
      .selectFrom('cases')
      .select(['kind', 'subject', 'channel', 'wage_claimed_fen', 'phone_masked', 'description_enc'])
      .where('tracking_no', '=', answer.tracking_no)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'complaint', subject: 'wage_arrears', channel: 'h5' });
    expect(Number(row.wage_claimed_fen)).toBe(1_200_000);
    // Sealed: neither the phone nor the description is stored in the clear.
    expect(row.phone_masked).not.toBe(body.phone);
    expect(row.description_enc).not.toContain('拖欠');
  });

  it('is idempotent: the same key answers the same tracking number and files one case', async () => {
    const body = await caseBody();
    const before = await countCases();
    const first = await file(body, 'case-key-0001');
    const again = await file(body, 'case-key-0001');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().tracking_no).toBe(first.json().tracking_no);
    expect(await countCases()).toBe(before + 1);
  });

  it('attaches photos uploaded anonymously in the same write', async () => {
    const photos = await uploadPhotos(2);
    const { tracking_no } = await filed({ attachments: photos });
    const id = (
      await t.db.selectFrom('cases').select('id').where('tracking_no', '=', tracking_no).executeTakeFirstOrThrow()
    ).id;
    const files = await t.db
      .selectFrom('files')
      .select(['id', 'record_id'])
      .where(
        'id',
        'in',
        photos.map((p) => p.id),
      )
      .execute();
    expect(files.map((f) => Number(f.record_id))).toEqual([Number(id), Number(id)]);
  });

  it('takes a hazard report placed by a location, and refuses one a photo alone cannot place', async () => {
    const hazard = { kind: 'hazard_report', subject: 'fire', wage_claimed_fen: undefined, region_code: undefined };
    // The test world's unions have no coordinates: the region places it, the point travels with it.
    const placed = await filed({
      ...hazard,
      region_code: '321302',
      lat: 33.96,
      lng: 118.28,
      crs: 'wgs84',
      severity: 'high',
    });
    const row = await t.db
      .selectFrom('cases')
      .select(['lat', 'lng', 'severity'])
      .where('tracking_no', '=', placed.tracking_no)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ lat: 33.96, lng: 118.28, severity: 'high' });
    await filed({ ...hazard, region_code: '321302', attachments: await uploadPhotos(1) });
    const before = await countCases();
    const res = await file(await caseBody({ ...hazard, attachments: await uploadPhotos(1) }), undefined, nextIp());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('region_code');
    expect(await countCases()).toBe(before);
  });

  it('refuses a case nothing places (no region, no location, not a member) before the code is spent', async () => {
    const phone = nextTestPhone();
    const otp = await otpFor(phone);
    const res = await file(await caseBody({ phone, otp, region_code: undefined }), undefined, nextIp());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('region_code');
    const ok = await file(await caseBody({ phone, otp }), undefined, nextIp());
    expect(ok.statusCode).toBe(201);
  });

  describe('refuses bad input with a 4xx naming the cause, and files nothing', () => {
    const refused = async (over: CaseInput, field: string, status = 422) => {
      const before = await countCases();
      const res = await file(await caseBody(over), undefined, nextIp());
      expect(res.statusCode, res.body).toBe(status);
      expect(Object.keys(res.json().error.fields ?? {}).join(',')).toContain(field);
      expect(await countCases()).toBe(before);
      return res;
    };

    it('an unknown kind', () => refused({ kind: 'lottery' }, 'kind'));
    it('a kind the H5 does not file (a station repair comes from the stations feature)', () =>
      refused({ kind: 'station_maintenance', subject: 'equipment' }, 'kind'));
    it('an unknown subject', () => refused({ subject: 'lottery' }, 'subject'));
    it('a subject of another kind', () => refused({ kind: 'suggestion', subject: 'wage_arrears' }, 'subject'));
    it('no subject', () => refused({ subject: undefined }, 'subject'));
    it('an empty description', () => refused({ description: '   ' }, 'description'));
    it('a 20,000-character description', () => refused({ description: '欠'.repeat(20_000) }, 'description'));
    it('a description one past the schema’s bound', () => refused({ description: '欠'.repeat(20_001) }, 'description'));
    it('a wrong phone number', () => refused({ phone: '12345', otp: '123456' }, 'phone'));
    it('no name unless anonymous', () => refused({ name: '' }, 'name'));
    it('a wage amount on a case that is not about wages', () =>
      refused({ kind: 'consultation', subject: 'labour_law' }, 'wage_claimed_fen'));
    it('a wrong USCC', () => refused({ employer_uscc: '91321300MA1XXXXXX1' }, 'employer_uscc'));
    it('more than six photos', async () => {
      const photos = [...(await uploadPhotos(6)), ...(await uploadPhotos(1))];
      await refused({ attachments: photos }, 'attachments');
    });
    it('a photo that is not the caller’s (no token)', async () => {
      const [photo] = await uploadPhotos(1);
      await refused({ attachments: [{ id: photo!.id }] }, 'attachments.0');
    });

    it('a wrong one-time code (otp_invalid), and the right code still works after', async () => {
      const phone = nextTestPhone();
      const otp = await otpFor(phone);
      const wrong = otp === '000000' ? '000001' : '000000';
      const res = await refused({ phone, otp: wrong }, 'otp');
      expect(res.json().error.code).toBe('otp_invalid');
      const ok = await file(await caseBody({ phone, otp }), undefined, nextIp());
      expect(ok.statusCode).toBe(201);
    });

    it('a field error does not spend the code', async () => {
      const phone = nextTestPhone();
      const otp = await otpFor(phone);
      await refused({ phone, otp, subject: 'lottery' }, 'subject');
      const ok = await file(await caseBody({ phone, otp }), undefined, nextIp());
      expect(ok.statusCode).toBe(201);
    });
  });

  it('refuses an oversized photo at the upload, naming it, so no case can carry it', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 1, 1);
    const res = await t.app.inject({ ...uploadRequest(CASE_ATTACHMENTS, [big]), remoteAddress: nextIp() });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(JSON.stringify(res.json().error.fields ?? {})).toContain('files.0');
  });

  it('refuses more than six photos at the upload', async () => {
    const res = await t.app.inject({
      ...uploadRequest(CASE_ATTACHMENTS, await Promise.all(Array.from({ length: 7 }, () => smallPng()))),
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('files');
  });
});

describe('POST /api/v1/cases by a worker signed in by phone', () => {
  /** The filing without phone and code, as the H5 sends it for a signed-in worker. */
  const signedInBody = async (over: CaseInput = {}) => {
    const { phone: _phone, otp: _otp, ...rest } = await caseBody({ otp: 'unused', ...over });
    return rest;
  };
  const fileAs = (cookie: string, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload,
      headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
      remoteAddress: nextIp(),
    });

  it('files under the phone of the session, with no second code, and the case is among 我的诉求', async () => {
    const phone = nextTestPhone();
    const cookie = await signInWorker(t, phone);
    const codesBefore = await t.db
      .selectFrom('otp_codes')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await fileAs(cookie, await signedInBody(), 'signed-in-0001');
    expect(res.statusCode, res.body).toBe(201);
    const trackingNo = res.json().tracking_no as string;
    // No code was asked for or spent.
    const codesAfter = await t.db
      .selectFrom('otp_codes')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(codesAfter.n).toBe(codesBefore.n);
    // The session's phone is the requester's: it tracks the case, and 我的诉求 lists it.
    const tracked = await post('/cases/track', { tracking_no: trackingNo, phone });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/cases', headers: { cookie } });
    expect(mine.json().items.map((c: { tracking_no: string }) => c.tracking_no)).toContain(trackingNo);
    // A retry with the same key answers the same case.
    const again = await fileAs(cookie, await signedInBody(), 'signed-in-0001');
    expect(again.json().tracking_no).toBe(trackingNo);
  });

  it('takes the session’s own phone written out, and refuses another phone (422 naming phone), filing nothing', async () => {
    const phone = nextTestPhone();
    const cookie = await signInWorker(t, phone);
    const own = await fileAs(cookie, { ...(await signedInBody()), phone });
    expect(own.statusCode, own.body).toBe(201);
    const before = await countCases();
    const other = await fileAs(cookie, { ...(await signedInBody()), phone: nextTestPhone() });
    expect(other.statusCode, other.body).toBe(422);
    expect(Object.keys(other.json().error.fields)).toEqual(['phone']);
    expect(await countCases()).toBe(before);
  });

  it('without a session, a filing with no phone or no code is refused (422 naming each), filing nothing', async () => {
    const before = await countCases();
    const res = await file(await signedInBody(), undefined, nextIp());
    expect(res.statusCode, res.body).toBe(422);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['otp', 'phone']);
    const noCode = await file({ ...(await signedInBody()), phone: nextTestPhone() }, undefined, nextIp());
    expect(noCode.statusCode).toBe(422);
    expect(Object.keys(noCode.json().error.fields)).toEqual(['otp']);
    expect(await countCases()).toBe(before);
  });

  it('a cadre’s session proves no phone: a cadre filing on the H5 still needs the code', async () => {
    const cadre = await buildAccount(t, { org: w.sucheng, role: 'case_officer' });
    const before = await countCases();
    const res = await fileAs(await signIn(t, cadre.username), await signedInBody());
    expect(res.statusCode, res.body).toBe(422);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['otp', 'phone']);
    expect(await countCases()).toBe(before);
  });
});

describe('POST /api/v1/cases/track', () => {
  it('shows the status and the public timeline to the number with its phone', async () => {
    const { tracking_no, phone } = await filed();
    const res = await post('/cases/track', { tracking_no: tracking_no.toLowerCase(), phone });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const view = res.json();
    expect(view).toMatchObject({
      tracking_no,
      kind: 'complaint',
      subject: 'wage_arrears',
      subject_label: '欠薪',
      status: 'received',
      status_label: '受理',
      category: 'new',
      can_rate: false,
      rating: null,
    });
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['receive']);
    expect(view.timeline[0].label).toBe('受理');
  });

  it('answers a wrong phone exactly like a missing number', async () => {
    const { tracking_no } = await filed();
    const wrong = await post('/cases/track', { tracking_no, phone: nextTestPhone() });
    const missing = await post('/cases/track', { tracking_no: 'GD000000AAAAAA', phone: nextTestPhone() });
    expect(wrong.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(wrong.body).toBe(missing.body);
  });

  it('never shows an internal note, and names cadres only where the union allows', async () => {
    const { tracking_no, phone } = await filed();
    const c = await t.db
      .selectFrom('cases')
      .select(['id', 'receiving_org_id'])
      .where('tracking_no', '=', tracking_no)
      .executeTakeFirstOrThrow();
    const account = await buildAccount(t, { org: w.sucheng, role: 'case_officer' });
    const officer = await t.db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('username', '=', account.username)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('case_events')
      .values([
        {
          case_id: c.id,
          action: 'note',
          actor_kind: 'account',
          actor_account_id: officer.id,
          actor_org_id: c.receiving_org_id,
          reason: '内部：申请人情绪激动，注意方式',
          internal: true,
        },
        { case_id: c.id, action: 'supervise', actor_kind: 'system', reason: '督办', internal: true },
        {
          case_id: c.id,
          action: 'note',
          actor_kind: 'account',
          actor_account_id: officer.id,
          actor_org_id: c.receiving_org_id,
          reason: '已联系用人单位，请耐心等待',
          internal: false,
        },
      ])
      .execute();
    const res = await post('/cases/track', { tracking_no, phone });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('内部');
    expect(res.body).not.toContain('督办');
    const timeline = res.json().timeline as Array<{ action: string; text: string | null; actor_name: string | null }>;
    expect(timeline.map((e) => e.action)).toEqual(['receive', 'note']);
    expect(timeline[1]!.text).toBe('已联系用人单位，请耐心等待');
    expect(timeline[1]!.actor_name).toBeNull();
    // The receiving union's own setting (the nearest with one) lets the requester see who acted.
    await t.db
      .insertInto('case_settings')
      .values({ org_id: c.receiving_org_id, sign_days: 1, limits: {}, show_cadre_names: true })
      .execute();
    const named = await post('/cases/track', { tracking_no, phone });
    expect((named.json().timeline as Array<{ actor_name: string | null }>)[1]!.actor_name).toBe(officer.display_name);
    await t.db.deleteFrom('case_settings').where('org_id', '=', c.receiving_org_id).execute();
  });
});

describe('POST /api/v1/cases/rate', () => {
  it('takes one rating of a closed case, then refuses a second (409)', async () => {
    const { tracking_no, phone } = await filed();
    await closeCase(tracking_no);
    const tracked = await post('/cases/track', { tracking_no, phone });
    expect(tracked.json().can_rate).toBe(true);
    const res = await post('/cases/rate', { tracking_no, phone, rating: 'satisfied', resolved: true }, 'rate-key-0001');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rating: 'satisfied', can_rate: false });
    const replay = await post(
      '/cases/rate',
      { tracking_no, phone, rating: 'satisfied', resolved: true },
      'rate-key-0001',
    );
    expect(replay.statusCode).toBe(200);
    const twice = await post('/cases/rate', { tracking_no, phone, rating: 'basically', resolved: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('case_already_rated');
    const row = await t.db
      .selectFrom('cases')
      .select(['rating'])
      .where('tracking_no', '=', tracking_no)
      .executeTakeFirstOrThrow();
    expect(row.rating).toBe('satisfied');
  });

  it('refuses a case that is not closed (409), and leaves it unrated', async () => {
    const { tracking_no, phone } = await filed();
    const res = await post('/cases/rate', { tracking_no, phone, rating: 'satisfied', resolved: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case_transition');
    const row = await t.db
      .selectFrom('cases')
      .select(['rating', 'status'])
      .where('tracking_no', '=', tracking_no)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: null, status: 'received' });
  });

  it('needs a reason when unsatisfied (422 naming reason)', async () => {
    const { tracking_no, phone } = await filed();
    await closeCase(tracking_no);
    const res = await post('/cases/rate', { tracking_no, phone, rating: 'unsatisfied', resolved: false, reason: ' ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('reason');
  });

  it('answers a wrong phone like a missing number (404), and rates nothing', async () => {
    const { tracking_no } = await filed();
    await closeCase(tracking_no);
    const wrong = await post('/cases/rate', {
      tracking_no,
      phone: nextTestPhone(),
      rating: 'satisfied',
      resolved: true,
    });
    const missing = await post('/cases/rate', {
      tracking_no: 'GD000000AAAAAA',
      phone: nextTestPhone(),
      rating: 'satisfied',
      resolved: true,
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(missing.body);
    const row = await t.db
      .selectFrom('cases')
      .select('rating')
      .where('tracking_no', '=', tracking_no)
      .executeTakeFirstOrThrow();
    expect(row.rating).toBeNull();
  });
});

describe('GET /api/v1/me/cases', () => {
  it('lists the signed-in worker’s own cases, newest first, and nobody else’s', async () => {
    const phone = nextTestPhone();
    const first = await filed({ phone });
    await ageCodes();
    const second = await filed({ phone, kind: 'consultation', subject: 'labour_law', wage_claimed_fen: undefined });
    await filed();
    await ageCodes();
    const cookie = await signInWorker(t, phone);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/cases', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().items.map((c: { tracking_no: string }) => c.tracking_no)).toEqual([
      second.tracking_no,
      first.tracking_no,
    ]);
    const stranger = await signInWorker(t, nextTestPhone());
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/me/cases', headers: { cookie: stranger } });
    expect(none.json().items).toEqual([]);
  });

  it('needs a signed-in worker', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/cases' });
    expect(res.statusCode).toBe(401);
  });
});
