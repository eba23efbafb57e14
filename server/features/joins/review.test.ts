import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOrgCode } from '../../../common/org-code';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { nextTestIdNumber } from '../members/members.factories';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { buildApplication } from './joins.factories';
import { joinDecisionNoticeJob } from './notify';

// 入会审核 through the API: the queue per reviewer's scope, decisions with their versions, bulk
// all-or-nothing, placement out of the holding pool, the applicant's view, settings, the search.

let t: TestApp;
let w: World;
let pool: BuiltOrg, company: BuiltOrg, community: BuiltOrg, shuyang: BuiltOrg, shuyangStreet: BuiltOrg;
let shuyangCommunity: BuiltOrg;
let county: string, street: string, viewer: string;
/** Every response body: none may hold a full ID number, phone or applicant name. */
const bodies: string[] = [];
const secrets: string[] = [];

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string | undefined, payload?: object) {
  const res = await t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
  bodies.push(res.body);
  return res;
}

async function app(orgId: number, opts: Parameters<typeof buildApplication>[2] = {}) {
  const a = await buildApplication(t, orgId, opts);
  secrets.push(a.idNumber, a.phone);
  return a;
}

const status = (a: { application_no: string; phone: string }) =>
  call('POST', '/api/v1/join/status', undefined, { application_no: a.application_no, phone: a.phone });

/** Every id of a queue, following the cursor one item at a time. */
async function allIds(query: string, cookie: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await call('GET', `/api/v1/joins?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, cookie);
    expect(res.statusCode).toBe(200);
    ids.push(...res.json().items.map((i: { id: number }) => i.id));
    cursor = res.json().next_cursor;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  pool = await buildOrg(t, { parent: w.sucheng, name: '宿城区新就业形态劳动者入会周转库', type: 'holding_pool' });
  company = await buildOrg(t, { parent: w.street, name: '宿迁洋河物流有限公司工会', type: 'enterprise_union' });
  community = await buildOrg(t, { parent: w.street, name: '阅湖社区工会联合会', type: 'community_union' });
  shuyang = await buildOrg(t, {
    parent: w.suqian,
    name: '沭阳县总工会',
    type: 'county_federation',
    region_code: '321322',
  });
  shuyangStreet = await buildOrg(t, {
    parent: shuyang,
    name: '沭城街道总工会',
    type: 'subdistrict_union',
    region_code: '321322',
  });
  shuyangCommunity = await buildOrg(t, {
    parent: shuyangStreet,
    name: '沭城社区工会',
    type: 'community_union',
    region_code: '321322',
  });
  await buildAccount(t, { org: w.sucheng, role: 'org_admin', username: 'rv_county' });
  await buildAccount(t, { org: w.street, role: 'org_admin', username: 'rv_street' });
  await buildAccount(t, { org: w.sucheng, role: 'viewer', username: 'rv_viewer' });
  county = await signIn(t, 'rv_county');
  street = await signIn(t, 'rv_street');
  viewer = await signIn(t, 'rv_viewer');
});
afterAll(async () => {
  // Masked everywhere: no response of this file carries a full ID number or phone.
  for (const secret of secrets) expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
  await t.close();
});

describe('GET /api/v1/joins and /joins/counts', () => {
  it('shows each reviewer their subtree’s queue, oldest first, masked, with age; counts agree; others get 403', async () => {
    const old = await app(company.id, { name: '王大锤', hoursAgo: 50 });
    const recent = await app(w.street.id, { hoursAgo: 5, occupation: 'courier' });
    const elsewhere = await app(shuyangStreet.id);
    const pooled = await app(pool.id, { hoursAgo: 30 });
    expect([old.status, pooled.status]).toEqual(['pending', 'pooled']);

    const pending = await call('GET', '/api/v1/joins?queue=pending', county);
    expect(pending.statusCode).toBe(200);
    expect(pending.headers['cache-control']).toBe('no-store');
    const ids = pending.json().items.map((i: { id: number }) => i.id);
    expect(ids).toContain(old.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(recent.id));
    const item = pending.json().items.find((i: { id: number }) => i.id === old.id);
    expect(item).toMatchObject({ name_masked: '王*锤', status: 'pending', org_name: company.name, version: 1 });
    expect(item.age_hours).toBeGreaterThanOrEqual(50);
    expect(item.id_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(pending.body).not.toContain('王大锤');

    // The pool lies under the county, not the street: its queue is the county's.
    expect((await allIds('queue=pooled', county)).includes(pooled.id)).toBe(true);
    expect(await allIds('queue=pooled', street)).toEqual([]);
    expect(await allIds('queue=pending', street)).toEqual(ids);

    // Filters: the org subtree, the occupation, the application number's start; every page once.
    expect(await allIds(`queue=pending&org_id=${company.id}`, county)).toEqual([old.id]);
    expect(await allIds('queue=pending&occupation=courier', county)).toEqual([recent.id]);
    expect(await allIds(`queue=pending&q=${old.application_no.slice(0, 12).toLowerCase()}`, county)).toContain(old.id);
    expect(await allIds('queue=pending', county)).toEqual(ids);

    const counts = await call('GET', '/api/v1/joins/counts', county);
    expect(counts.statusCode).toBe(200);
    expect(counts.json().pending).toMatchObject({ count: ids.length });
    expect(counts.json().pending.oldest_age_hours).toBeGreaterThanOrEqual(50);
    expect(counts.json().pooled.count).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/v1/joins/counts', street)).json().pooled.count).toBe(0);

    for (const url of ['/api/v1/joins', '/api/v1/joins/counts']) {
      expect((await call('GET', url, viewer)).statusCode).toBe(403);
      expect((await call('GET', url, undefined)).statusCode).toBe(401);
    }
  });
});

describe('decisions', () => {
  it('approves: the applicant becomes a member and sees it; a second decision on the old version is 409', async () => {
    const a = await app(company.id);
    const res = await call('POST', `/api/v1/joins/${a.id}/approve`, street, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', version: 2, member_no: expect.stringMatching(/^\d{12}$/) });
    const member = await t.db
      .selectFrom('members')
      .select(['org_id', 'status'])
      .where('member_no', '=', res.json().member_no)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ org_id: company.id, status: 'active' });
    expect((await status(a)).json()).toMatchObject({ status: 'approved', member_no: res.json().member_no });

    const stale = await call('POST', `/api/v1/joins/${a.id}/refuse`, county, { version: 1, reason: '重复申请' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const decided = await call('POST', `/api/v1/joins/${a.id}/approve`, county, { version: 2 });
    expect(decided.statusCode).toBe(409);
    expect(decided.json().error.code).toBe('conflict');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_type', '=', 'join_application')
      .where('entity_id', '=', String(a.id))
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['join.submitted', 'join.approved']);
  });

  it('texts the applicant each decision once it has committed, and nothing for a decision that failed', async () => {
    await runQueuedJobs(t, joinDecisionNoticeJob); // the earlier tests' decisions
    const approved = await app(company.id);
    const refused = await app(company.id);
    const placed = await app(pool.id);
    expect((await call('POST', `/api/v1/joins/${approved.id}/approve`, street, { version: 1 })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/joins/${approved.id}/approve`, street, { version: 1 })).statusCode).toBe(409);
    const reason = '工作单位不在本街道辖区';
    expect((await call('POST', `/api/v1/joins/${refused.id}/refuse`, street, { version: 1, reason })).statusCode).toBe(
      200,
    );
    const place = await call('POST', `/api/v1/joins/${placed.id}/place`, county, { version: 1, org_id: community.id });
    expect(place.statusCode).toBe(200);
    const before = t.sms.length;
    // One run per decision that committed: the failed second approval enqueued none.
    expect(await runQueuedJobs(t, joinDecisionNoticeJob)).toBe(3);
    const to = (phone: string) =>
      t.sms
        .slice(before)
        .filter((m) => m.phone === phone)
        .map((m) => m.text);
    expect(to(approved.phone)).toEqual([
      expect.stringMatching(/入会申请已通过，您已是宿迁洋河物流有限公司工会会员，会员编号 \d{12}/),
    ]);
    expect(to(refused.phone)).toEqual([expect.stringContaining(`未通过，原因：${reason}`)]);
    expect(to(placed.phone)).toEqual([expect.stringContaining('安置到阅湖社区工会联合会')]);
    // Never the ID number in a message; the phone only as the address.
    for (const m of t.sms.slice(before)) expect(m.text).not.toMatch(/\d{17}[\dX]/);
  });

  it('lets one of two reviewers deciding at once win; the other gets stale_version', async () => {
    const a = await app(company.id);
    const answers = await Promise.all([
      call('POST', `/api/v1/joins/${a.id}/approve`, street, { version: 1 }),
      call('POST', `/api/v1/joins/${a.id}/refuse`, county, { version: 1, reason: '资料不全' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('stale_version');
  });

  it('refuses with a reason the applicant reads; a pooled worker refused is no longer a member', async () => {
    const a = await app(company.id);
    const noReason = await call('POST', `/api/v1/joins/${a.id}/refuse`, street, { version: 1, reason: ' 无' });
    expect(noReason.statusCode).toBe(422);
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);
    const res = await call('POST', `/api/v1/joins/${a.id}/refuse`, street, {
      version: 1,
      reason: '工作单位不在本街道辖区',
    });
    expect(res.statusCode).toBe(200);
    expect((await status(a)).json()).toMatchObject({ status: 'refused', refusal_reason: '工作单位不在本街道辖区' });

    const p = await app(pool.id);
    expect(
      (await call('POST', `/api/v1/joins/${p.id}/refuse`, county, { version: 1, reason: '身份信息不符' })).statusCode,
    ).toBe(200);
    const member = await t.db
      .selectFrom('join_applications as a')
      .innerJoin('members as m', 'm.id', 'a.member_id')
      .select('m.status')
      .where('a.id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(member.status).toBe('lapsed');
  });

  it('places a pooled member in a union of the pool’s county in scope, and nowhere else', async () => {
    const p = await app(pool.id);
    const place = (orgId: number, cookie = county) =>
      call('POST', `/api/v1/joins/${p.id}/place`, cookie, { version: 1, org_id: orgId });
    // Another county's union, a federation, an employer's union: 422 naming org_id, alike.
    const wrong = await Promise.all([
      place(shuyangCommunity.id),
      place(w.sucheng.id),
      place(company.id),
      place(999_999),
    ]);
    expect(wrong.map((r) => r.statusCode)).toEqual([422, 422, 422, 422]);
    expect(new Set(wrong.map((r) => r.body)).size).toBe(1);
    expect(Object.keys(wrong[0]!.json().error.fields)).toEqual(['org_id']);
    // The street's reviewer does not see the county's pool: as missing, byte for byte.
    const hidden = await place(community.id, street);
    const missing = await call('POST', '/api/v1/joins/999999/place', street, { version: 1, org_id: community.id });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);

    const res = await place(community.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      placed_org_id: community.id,
      placed_org_name: community.name,
    });
    const member = await t.db
      .selectFrom('members')
      .select(['org_id', 'status'])
      .where('member_no', '=', res.json().member_no)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ org_id: community.id, status: 'active' });
    expect((await status(p)).json()).toMatchObject({ status: 'approved', org_name: community.name });
    expect(await allIds('queue=pooled', county)).not.toContain(p.id);
  });

  it('decides in bulk all or nothing, naming each application that could not be decided', async () => {
    const [a, b, c] = [await app(company.id), await app(company.id), await app(company.id)];
    const elsewhere = await app(shuyangStreet.id);
    // b is decided by someone else first.
    expect((await call('POST', `/api/v1/joins/${b.id}/approve`, street, { version: 1 })).statusCode).toBe(200);
    const items = [a, b, c].map((x) => ({ id: x.id, version: 1 }));
    const stale = await call('POST', '/api/v1/joins/bulk', county, { action: 'approve', items });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(Object.keys(stale.json().error.fields)).toEqual([String(b.id)]);
    const outOfScope = await call('POST', '/api/v1/joins/bulk', county, {
      action: 'refuse',
      reason: '资料不全',
      items: [
        { id: a.id, version: 1 },
        { id: elsewhere.id, version: 1 },
      ],
    });
    expect(outOfScope.statusCode).toBe(422);
    expect(Object.keys(outOfScope.json().error.fields)).toEqual([String(elsewhere.id)]);
    // Nothing of either attempt was written.
    expect(await allIds(`queue=pending&org_id=${company.id}`, county)).toEqual(expect.arrayContaining([a.id, c.id]));

    const noReason = await call('POST', '/api/v1/joins/bulk', county, { action: 'refuse', items });
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);
    const done = await call('POST', '/api/v1/joins/bulk', county, {
      action: 'approve',
      items: [a, c].map((x) => ({ id: x.id, version: 1 })),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().items.map((i: { status: string }) => i.status)).toEqual(['approved', 'approved']);
    expect((await call('POST', '/api/v1/joins/bulk', viewer, { action: 'approve', items })).statusCode).toBe(403);
  });
});

describe('GET/PUT /api/v1/joins/settings/:orgId', () => {
  it('switches a union to approve at once (audited); federations have nothing to set; scope holds', async () => {
    const union = await buildOrg(t, { parent: w.street, name: '宿迁顺达快递有限公司工会' });
    const url = `/api/v1/joins/settings/${union.id}`;
    expect((await call('GET', url, street)).json()).toMatchObject({
      auto_approve: false,
      takes_members: true,
      code: formatOrgCode(union.id),
    });
    expect((await call('PUT', url, street, { auto_approve: true })).json().auto_approve).toBe(true);
    expect((await app(union.id)).status).toBe('approved');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'join.settings_changed')
      .where('entity_id', '=', String(union.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ auto_approve: true, before: false });

    const federation = await call('PUT', `/api/v1/joins/settings/${w.sucheng.id}`, county, { auto_approve: true });
    expect(federation.statusCode).toBe(422);
    expect(Object.keys(federation.json().error.fields)).toEqual(['auto_approve']);
    expect((await call('GET', url, viewer)).statusCode).toBe(403);
    const outside = await call('GET', `/api/v1/joins/settings/${w.sucheng.id}`, street);
    const missing = await call('GET', '/api/v1/joins/settings/999999', street);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
  });
});

describe('GET /api/v1/join/orgs (the public search)', () => {
  it('finds unions that take members by a part of the name or pinyin; not federations, pools or closed ones', async () => {
    await buildOrg(t, { parent: w.street, name: '已撤销的洋河工会', status: 'inactive' });
    const names = async (q: string) => {
      const res = await call('GET', `/api/v1/join/orgs?q=${encodeURIComponent(q)}`, undefined);
      expect(res.statusCode).toBe(200);
      return res.json().items.map((o: { name: string }) => o.name) as string[];
    };
    expect(await names('洋河')).toEqual([company.name]);
    expect(await names('xingfu')).toEqual([w.street.name]);
    expect(await names('宿城区')).not.toContain(w.sucheng.name);
    expect(await names('周转库')).toEqual([]);
    const hit = (await call('GET', `/api/v1/join/orgs?q=${encodeURIComponent('洋河物流')}`, undefined)).json().items[0];
    expect(hit).toEqual({
      code: formatOrgCode(company.id),
      name: company.name,
      type: 'enterprise_union',
      region_code: '321302',
      region_name: '江苏省宿迁市宿城区',
      takes_members: true,
    });
    // Joined through the search: the application says so, and so does the member it makes.
    const phone = '13700009901';
    const otp = await t.app.inject({ method: 'POST', url: '/api/v1/otp', payload: { phone, purpose: 'join' } });
    const joined = await call('POST', '/api/v1/join', undefined, {
      name: '赵搜索',
      id_number: nextTestIdNumber(),
      phone,
      otp: otp.json().dev_code,
      org_code: hit.code,
      found_by: 'search',
      occupation: 'courier',
      consent: true,
    });
    expect(joined.statusCode).toBe(201);
    const queued = (await call('GET', `/api/v1/joins?q=${joined.json().application_no}`, county)).json().items[0];
    expect(queued).toMatchObject({ source: 'search', org_id: company.id });
    const approved = await call('POST', `/api/v1/joins/${queued.id}/approve`, county, { version: 1 });
    const member = await t.db
      .selectFrom('members')
      .select('channel')
      .where('member_no', '=', approved.json().member_no)
      .executeTakeFirstOrThrow();
    expect(member.channel).toBe('search');

    const short = await call('GET', '/api/v1/join/orgs?q=a', undefined);
    expect(short.statusCode).toBe(422);
    expect(Object.keys(short.json().error.fields)).toEqual(['q']);
  });
});
