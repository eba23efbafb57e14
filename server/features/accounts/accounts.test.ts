import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, grantRole, TEST_PASSWORD } from './accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildOrg, buildWorld, type BuiltOrg } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let root: BuiltOrg, jiangsu: BuiltOrg, suqian: BuiltOrg, sucheng: BuiltOrg, street: BuiltOrg, jiangxi: BuiltOrg;
let adminCookie: string, suchengCookie: string;
let suchengAdminId: number;
const roleIds: Record<string, number> = {};

const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });
const get = (url: string, cookie: string) => req('GET', url, cookie);
const countOf = async (table: 'accounts' | 'grants') =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const orgNames = async (cookie: string) =>
  (await get('/api/v1/orgs', cookie)).json().items.map((o: { name: string }) => o.name);
const grantsOf = async (accountId: number) =>
  (await t.db.selectFrom('grants').select('id').where('account_id', '=', accountId).orderBy('id').execute()).map(
    (g) => g.id,
  );
const usernamesIn = (res: { json(): { items: Array<{ username: string }> } }) =>
  res.json().items.map((a) => a.username);

beforeAll(async () => {
  t = await createTestApp();
  ({ root, jiangsu, suqian, sucheng, street, jiangxi } = await buildWorld(t));
  await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' });
  suchengAdminId = (await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'sucheng' })).id;
  await buildAccount(t, { org: jiangsu, role: 'org_admin', username: 'jiangsu_admin' });
  await buildAccount(t, { org: jiangxi, role: 'org_admin', username: 'jiangxi_admin' });
  adminCookie = await signIn(t, 'admin');
  suchengCookie = await signIn(t, 'sucheng');
  for (const r of await t.db.selectFrom('roles').select(['id', 'code']).execute()) roleIds[r.code] = r.id;
});
afterAll(() => t?.close());

describe('creating accounts', () => {
  const valid = () => ({ org_id: street.id, username: 'Zhang_San', display_name: '张三', password: 'Strong#Pass2026' });

  it('creates an account that must change its password at first sign-in', async () => {
    const res = await req('POST', '/api/v1/accounts', suchengCookie, valid());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'zhang_san',
      display_name: '张三',
      org_id: street.id,
      org_name: '幸福街道总工会',
      status: 'active',
      must_change_password: true,
      grants: [],
    });
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'zhang_san', password: 'Strong#Pass2026' },
    });
    expect(signedIn.json().me.restriction).toBe('password_change');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'org_path'])
      .where('action', '=', 'account.created')
      .where('entity_id', '=', String(res.json().id))
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: expect.stringContaining('(sucheng)'), org_path: street.path });
  });

  it('refuses a taken username in any letter case, a weak password and an org outside scope, writing nothing', async () => {
    const before = await countOf('accounts');
    const taken = await req('POST', '/api/v1/accounts', suchengCookie, { ...valid(), username: 'ZHANG_SAN' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'username_taken', fields: { username: expect.any(String) } });

    const weak = await req('POST', '/api/v1/accounts', suchengCookie, {
      ...valid(),
      username: 'li_si',
      password: 'password',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({ code: 'password_policy', fields: { password: expect.any(String) } });

    const outside = await req('POST', '/api/v1/accounts', suchengCookie, {
      ...valid(),
      username: 'li_si',
      org_id: jiangxi.id,
    });
    const missing = await req('POST', '/api/v1/accounts', suchengCookie, {
      ...valid(),
      username: 'li_si',
      org_id: 999_999,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields).toHaveProperty('org_id');
    expect(outside.body).toBe(missing.body);

    const badName = await req('POST', '/api/v1/accounts', suchengCookie, { ...valid(), username: '张三' });
    expect(badName.statusCode).toBe(422);
    expect(badName.json().error.fields).toHaveProperty('username');
    expect(await countOf('accounts')).toBe(before);
  });

  it('creates one account when many requests for one username arrive at once; the others hear username_taken', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        req('POST', '/api/v1/accounts', suchengCookie, {
          ...valid(),
          username: i % 2 ? 'Rush_Hour' : 'rush_hour',
          display_name: `抢注${i}`,
        }),
      ),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(29);
    for (const taken of answers.filter((r) => r.statusCode === 409))
      expect(taken.json().error).toMatchObject({ code: 'username_taken', fields: { username: '用户名已被使用' } });
    const rows = await t.db.selectFrom('accounts').select('id').where('username', '=', 'rush_hour').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('listing accounts', () => {
  beforeAll(async () => {
    await buildAccount(t, { org: street, role: 'viewer', username: 'street_clerk' });
    await buildAccount(t, { org: sucheng, role: 'case_officer', username: 'case_wang' });
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'gone_zhao', status: 'disabled' });
  });

  it('shows only accounts owned inside the subtree', async () => {
    const res = await get('/api/v1/accounts?limit=200', suchengCookie);
    expect(res.statusCode).toBe(200);
    const names = usernamesIn(res);
    expect(names).toEqual(expect.arrayContaining(['sucheng', 'street_clerk', 'case_wang', 'gone_zhao']));
    expect(names).not.toContain('jiangsu_admin');
    expect(names).not.toContain('admin');
    expect(names).not.toContain('jiangxi_admin');
    const national = usernamesIn(await get('/api/v1/accounts?limit=200', adminCookie));
    expect(national).toEqual(expect.arrayContaining(['admin', 'jiangsu_admin', 'jiangxi_admin', 'sucheng']));
  });

  it('filters by text, status and org', async () => {
    expect(usernamesIn(await get('/api/v1/accounts?q=WANG', suchengCookie))).toEqual(['case_wang']);
    expect(usernamesIn(await get('/api/v1/accounts?status=disabled', suchengCookie))).toEqual(['gone_zhao']);
    expect(usernamesIn(await get(`/api/v1/accounts?org_id=${street.id}`, suchengCookie))).toEqual(
      expect.arrayContaining(['street_clerk']),
    );
    expect(usernamesIn(await get(`/api/v1/accounts?org_id=${street.id}`, suchengCookie))).not.toContain('case_wang');
    // Naming an org outside scope does not widen the scope.
    expect(usernamesIn(await get(`/api/v1/accounts?org_id=${jiangsu.id}`, suchengCookie))).not.toContain(
      'jiangsu_admin',
    );
  });

  it('pages with a cursor, every account once, in username order', async () => {
    const all = usernamesIn(await get('/api/v1/accounts?limit=200', suchengCookie));
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ username: string }>; next_cursor: string | null } = (
        await get(`/api/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, suchengCookie)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.username));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect([...all].sort()).toEqual(all);
  });
});

describe('grants', () => {
  it('lets a union admin grant a role it holds on an org in its subtree', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'new_helper' });
    const res = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: street.id,
      role_id: roleIds.case_officer,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ org_id: street.id, role_code: 'case_officer' });
    const detail = await get(`/api/v1/accounts/${id}`, suchengCookie);
    expect(
      detail
        .json()
        .grants.map((g: { role_code: string }) => g.role_code)
        .sort(),
    ).toEqual(['case_officer', 'viewer']);
    const again = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: street.id,
      role_id: roleIds.case_officer,
    });
    expect(again.statusCode).toBe(409);
  });

  it('replays the 201 of a grant retried with the same Idempotency-Key, granting once', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'retried_grant' });
    const before = await countOf('grants');
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${id}/grants`,
        headers: { cookie: suchengCookie, 'idempotency-key': 'add-grant-0001' },
        payload: { org_id: street.id, role_id: roleIds.case_officer },
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ org_id: street.id, org_name: street.name, role_code: 'case_officer' });
    expect(await countOf('grants')).toBe(before + 1);
  });

  it('never lets a union admin grant more than it holds', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'climber' });
    const before = await countOf('grants');
    const res = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: street.id,
      role_id: roleIds.national_admin,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', fields: { role_id: expect.any(String) } });
    // reviewer carries programmes.review, which a union admin does not hold.
    expect(
      (
        await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
          org_id: street.id,
          role_id: roleIds.reviewer,
        })
      ).statusCode,
    ).toBe(403);
    expect(await countOf('grants')).toBe(before);
  });

  it('refuses an org outside scope as a missing one', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'wanderer' });
    const outside = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: jiangxi.id,
      role_id: roleIds.viewer,
    });
    const missing = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: 999_999,
      role_id: roleIds.viewer,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields).toHaveProperty('org_id');
    expect(outside.body).toBe(missing.body);
    const unknownRole = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: street.id,
      role_id: 999_999,
    });
    expect(unknownRole.statusCode).toBe(422);
    expect(unknownRole.json().error.fields).toHaveProperty('role_id');
  });

  it('does not let an admin change its own grants', async () => {
    const before = await grantsOf(suchengAdminId);
    const add = await req('POST', `/api/v1/accounts/${suchengAdminId}/grants`, suchengCookie, {
      org_id: street.id,
      role_id: roleIds.viewer,
    });
    expect(add.statusCode).toBe(403);
    // Nor widen them: a stronger role in its subtree, or its own role higher up.
    for (const body of [
      { org_id: street.id, role_id: roleIds.national_admin },
      { org_id: jiangsu.id, role_id: roleIds.org_admin },
      { org_id: root.id, role_id: roleIds.national_admin },
    ]) {
      expect((await req('POST', `/api/v1/accounts/${suchengAdminId}/grants`, suchengCookie, body)).statusCode).toBe(
        403,
      );
    }
    expect(await grantsOf(suchengAdminId)).toEqual(before);
    const own = (await get(`/api/v1/accounts/${suchengAdminId}`, suchengCookie)).json().grants[0];
    const remove = await req('DELETE', `/api/v1/accounts/${suchengAdminId}/grants/${own.id}`, suchengCookie);
    expect(remove.statusCode).toBe(403);
    expect((await get(`/api/v1/me`, suchengCookie)).json().grants).toHaveLength(1);
  });

  it('takes effect on the holder’s next request, both ways', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'holder' });
    const holder = await signIn(t, 'holder');
    expect(await orgNames(holder)).toEqual(['幸福街道总工会']);
    const added = await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
      org_id: sucheng.id,
      role_id: roleIds.viewer,
    });
    // The holder's cached actor is dropped by the grants trigger's NOTIFY: at once on PGlite, within
    // milliseconds on PostgreSQL (the guarantee is "within a second on every node", ADR 0015).
    const soon = { timeout: 1000, interval: 20 };
    await expect.poll(() => orgNames(holder), soon).toEqual(['宿城区总工会']);
    expect((await req('DELETE', `/api/v1/accounts/${id}/grants/${added.json().id}`, suchengCookie)).statusCode).toBe(
      204,
    );
    await expect.poll(() => orgNames(holder), soon).toEqual(['幸福街道总工会']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'grant.%')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['grant.added', 'grant.removed']);
  });

  it('hides grants outside the admin’s scope and cannot remove them', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'two_hats' });
    const far = await req('POST', `/api/v1/accounts/${id}/grants`, adminCookie, {
      org_id: jiangxi.id,
      role_id: roleIds.viewer,
    });
    expect(far.statusCode).toBe(201);
    const seen = (await get(`/api/v1/accounts/${id}`, suchengCookie))
      .json()
      .grants.map((g: { org_id: number }) => g.org_id);
    expect(seen).toEqual([street.id]);
    // The account holds a grant the admin could not give, so it is not the admin's to manage (403, as it can see
    // the account); the far grant answers exactly as a grant that does not exist, so nothing about it leaks.
    const remove = await req('DELETE', `/api/v1/accounts/${id}/grants/${far.json().id}`, suchengCookie);
    expect(remove.statusCode).toBe(403);
    expect(remove.body).toBe((await req('DELETE', `/api/v1/accounts/${id}/grants/999999`, suchengCookie)).body);
    expect(await grantsOf(id)).toEqual(expect.arrayContaining([far.json().id]));
  });
});

describe('account administration', () => {
  it('reset-password ends the sessions and forces a change at next sign-in', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'forgetful' });
    const session = await signIn(t, 'forgetful');
    const res = await req('POST', `/api/v1/accounts/${id}/reset-password`, suchengCookie, {
      password: 'Temp#Pass2026',
    });
    expect(res.statusCode).toBe(204);
    expect((await get('/api/v1/me', session)).statusCode).toBe(401);
    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'forgetful', password: TEST_PASSWORD },
      remoteAddress: '10.3.0.1',
    });
    expect(oldPassword.statusCode).toBe(401);
    const temp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'forgetful', password: 'Temp#Pass2026' },
    });
    expect(temp.json().me.restriction).toBe('password_change');
    const weak = await req('POST', `/api/v1/accounts/${id}/reset-password`, suchengCookie, { password: 'short' });
    expect(weak.json().error).toMatchObject({ code: 'password_policy', fields: { password: expect.any(String) } });
  });

  it('disables and re-enables an account, but not one’s own', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'seasonal' });
    expect((await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { status: 'disabled' })).json().status).toBe(
      'disabled',
    );
    expect((await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { status: 'active' })).json().status).toBe(
      'active',
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'seasonal', password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const self = await req('PATCH', `/api/v1/accounts/${suchengAdminId}`, suchengCookie, { status: 'disabled' });
    expect(self.statusCode).toBe(403);
    expect((await get('/api/v1/me', suchengCookie)).statusCode).toBe(200);
  });

  it('does not let an admin reset its own password or TOTP, or lift its own lock: a stolen cookie is no takeover', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'self_admin' });
    const cookie = await signIn(t, 'self_admin');
    await t.db
      .updateTable('accounts')
      .set({ totp_enabled: true, totp_secret_enc: t.cipher.encrypt('JBSWY3DPEHPK3PXP') })
      .where('id', '=', id)
      .execute();
    const password = await req('POST', `/api/v1/accounts/${id}/reset-password`, cookie, { password: 'Taken#Over2026' });
    expect(password.statusCode).toBe(403);
    expect(password.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('修改密码') });
    const totp = await req('POST', `/api/v1/accounts/${id}/reset-totp`, cookie, { reason: '手机丢失' });
    expect(totp.statusCode).toBe(403);
    expect(totp.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('其他管理员') });
    const unlock = await req('POST', `/api/v1/accounts/${id}/unlock`, cookie);
    expect(unlock.statusCode).toBe(403);
    expect(unlock.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('其他管理员') });
    // Nothing changed: the session lives, the old password still signs in, the factor is still in force.
    expect((await get('/api/v1/me', cookie)).json().totp_enabled).toBe(true);
    const state = await t.db
      .selectFrom('accounts')
      .select(['must_change_password', 'totp_enabled'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(state).toEqual({ must_change_password: false, totp_enabled: true });
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(id)).execute();
    expect(actions.map((a) => a.action).filter((a) => /password_reset|totp_reset|unlocked/.test(a))).toEqual([]);
    // Another administrator still can.
    expect(
      (await req('POST', `/api/v1/accounts/${id}/reset-totp`, suchengCookie, { reason: '手机丢失' })).statusCode,
    ).toBe(204);
  });
});

describe('accounts holding a grant above the caller', () => {
  let shuyang: BuiltOrg;
  beforeAll(async () => {
    shuyang = await buildOrg(t, {
      parent: suqian,
      name: '沭阳县总工会',
      type: 'county_federation',
      region_code: '321322',
    });
  });

  /** Everything a manager could change about an account, read straight from the database. */
  const snapshot = async (id: number) => ({
    account: await t.db
      .selectFrom('accounts')
      .select(['display_name', 'status', 'password_hash', 'must_change_password', 'password_changed_at', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
    grants: await grantsOf(id),
    audit: await t.db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .where('entity_type', '=', 'account')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute(),
  });

  /** Every write the 宿城区 admin could try on the account: each must be refused as forbidden. */
  async function expectEveryWriteRefused(id: number, grantId: number) {
    const answers = [
      await req('POST', `/api/v1/accounts/${id}/reset-password`, suchengCookie, { password: 'Taken#Over2026' }),
      await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { status: 'disabled' }),
      await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { display_name: '被篡改' }),
      await req('DELETE', `/api/v1/accounts/${id}/grants/${grantId}`, suchengCookie),
      await req('POST', `/api/v1/accounts/${id}/grants`, suchengCookie, {
        org_id: street.id,
        role_id: roleIds.hotline_agent,
      }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 403, 403, 403]);
    for (const a of answers)
      expect(a.json().error).toMatchObject({
        code: 'forbidden',
        fields: { account_id: expect.stringContaining('超出你权限的授权') },
      });
  }

  it('cannot reset the password of, disable, edit or change the grants of an account in its subtree holding national_admin on the root', async () => {
    const mole = await buildAccount(t, {
      org: root,
      role: 'national_admin',
      homeOrg: street,
      username: 'street_mole',
    });
    const [rootGrant] = await grantsOf(mole.id);
    const session = await signIn(t, 'street_mole');
    const before = await snapshot(mole.id);

    // Owned in the subtree, so the admin sees the account (not the root grant) and is told it may not manage it.
    const seen = await get(`/api/v1/accounts/${mole.id}`, suchengCookie);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ username: 'street_mole', grants: [], can_manage: false });
    expect(usernamesIn(await get('/api/v1/accounts?q=street_mole', suchengCookie))).toEqual(['street_mole']);

    await expectEveryWriteRefused(mole.id, rootGrant!);

    expect(await snapshot(mole.id)).toEqual(before);
    expect((await get('/api/v1/me', session)).statusCode).toBe(200);
    const takeover = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'street_mole', password: 'Taken#Over2026' },
      remoteAddress: '10.9.0.1',
    });
    expect(takeover.statusCode).toBe(401);

    // The national admin covers the grant and still manages the account.
    expect((await get(`/api/v1/accounts/${mole.id}`, adminCookie)).json()).toMatchObject({
      can_manage: true,
      grants: [{ org_id: root.id, role_code: 'national_admin' }],
    });
    expect(
      (await req('POST', `/api/v1/accounts/${mole.id}/reset-password`, adminCookie, { password: 'Fresh#Start2026' }))
        .statusCode,
    ).toBe(204);
  });

  it('cannot manage an account that also holds a grant on a sibling county, not even to remove the grant it could give', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'two_counties' });
    const [streetGrant] = await grantsOf(id);
    const siblingGrant = await grantRole(t, id, shuyang, 'org_admin');
    const before = await snapshot(id);
    expect((await get(`/api/v1/accounts/${id}`, suchengCookie)).json()).toMatchObject({
      can_manage: false,
      grants: [{ org_id: street.id, role_code: 'viewer' }],
    });

    await expectEveryWriteRefused(id, streetGrant!);
    expect(await snapshot(id)).toEqual(before);

    // Once an admin above both counties removes the sibling grant, the account is the 宿城区 admin's again.
    expect((await req('DELETE', `/api/v1/accounts/${id}/grants/${siblingGrant}`, adminCookie)).statusCode).toBe(204);
    expect((await get(`/api/v1/accounts/${id}`, suchengCookie)).json().can_manage).toBe(true);
    expect((await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { display_name: '周干事' })).statusCode).toBe(
      200,
    );
  });

  it('cannot remove a grant, inside its subtree, of a role carrying a permission it lacks', async () => {
    // reviewer carries programmes.review, which a union admin does not hold and so could not have given.
    const { id } = await buildAccount(t, { org: street, role: 'reviewer', username: 'expert_qian' });
    const [reviewerGrant] = await grantsOf(id);
    const before = await snapshot(id);
    expect((await get(`/api/v1/accounts/${id}`, suchengCookie)).json()).toMatchObject({
      can_manage: false,
      grants: [{ id: reviewerGrant, role_code: 'reviewer' }],
    });

    await expectEveryWriteRefused(id, reviewerGrant!);
    expect(await snapshot(id)).toEqual(before);
  });

  it('still manages an account whose every grant it could give, its own role on its own org included', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'deputy_sun' });
    const deputyGrant = await grantRole(t, id, sucheng, 'org_admin');
    expect((await get(`/api/v1/accounts/${id}`, suchengCookie)).json()).toMatchObject({ can_manage: true });
    expect(
      (await req('POST', `/api/v1/accounts/${id}/reset-password`, suchengCookie, { password: 'Temp#Pass2026' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await req('PATCH', `/api/v1/accounts/${id}`, suchengCookie, { display_name: '孙副主席' })).json(),
    ).toMatchObject({ display_name: '孙副主席', can_manage: true });
    expect((await req('DELETE', `/api/v1/accounts/${id}/grants/${deputyGrant}`, suchengCookie)).statusCode).toBe(204);
    expect(await grantsOf(id)).toHaveLength(1);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'account')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['account.password_reset', 'account.updated', 'grant.removed']);
    expect((await get(`/api/v1/accounts/${suchengAdminId}`, suchengCookie)).json().can_manage).toBe(true);
  });
});

describe('roles', () => {
  it('lists the seven seeded roles', async () => {
    const res = await get('/api/v1/roles', suchengCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual([
      'national_admin',
      'org_admin',
      'case_officer',
      'hotline_agent',
      'station_keeper',
      'reviewer',
      'viewer',
    ]);
    expect(res.json().items[6]).toMatchObject({
      name: '查看员',
      is_system: true,
      permissions: ['orgs.read', 'members.read', 'stats.read'],
    });
  });

  it('can be created and edited only by a national administrator', async () => {
    const body = {
      code: 'duty_clerk',
      name: '联系点专员',
      name_en: 'Duty clerk',
      permissions: ['orgs.read', 'duty.log'],
    };
    const denied = await req('POST', '/api/v1/roles', suchengCookie, body);
    expect(denied.statusCode).toBe(403);
    const patchDenied = await req('PATCH', `/api/v1/roles/${roleIds.viewer}`, suchengCookie, {
      permissions: ['orgs.read', 'orgs.manage'],
    });
    expect(patchDenied.statusCode).toBe(403);
    expect(
      (await t.db.selectFrom('roles').select('permissions').where('id', '=', roleIds.viewer!).executeTakeFirstOrThrow())
        .permissions,
    ).not.toContain('orgs.manage');
    const created = await req('POST', '/api/v1/roles', adminCookie, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'duty_clerk',
      is_system: false,
      permissions: ['orgs.read', 'duty.log'],
    });
    expect((await req('POST', '/api/v1/roles', adminCookie, body)).statusCode).toBe(409);
  });

  it('refuses an unknown permission', async () => {
    const res = await req('POST', '/api/v1/roles', adminCookie, {
      code: 'bad_role',
      name: '坏角色',
      name_en: 'Bad',
      permissions: ['orgs.read', 'orgs.destroy'],
    });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().error.fields).some((f) => f.startsWith('permissions'))).toBe(true);
    const patch = await req('PATCH', `/api/v1/roles/${roleIds.viewer}`, adminCookie, { permissions: ['everything'] });
    expect(patch.statusCode).toBe(422);
  });

  it('changes what holders may do on their next request when its permissions change', async () => {
    const role = (
      await req('POST', '/api/v1/roles', adminCookie, {
        code: 'org_editor',
        name: '组织编辑',
        name_en: 'Org editor',
        permissions: ['orgs.read'],
      })
    ).json();
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'editor' });
    expect(
      (await req('POST', `/api/v1/accounts/${id}/grants`, adminCookie, { org_id: street.id, role_id: role.id }))
        .statusCode,
    ).toBe(201);
    const editor = await signIn(t, 'editor');
    const rename = () => req('PATCH', `/api/v1/orgs/${street.id}`, editor, { short_name: '幸福街道' });
    expect((await rename()).statusCode).toBe(403);
    const updated = await req('PATCH', `/api/v1/roles/${role.id}`, adminCookie, {
      permissions: ['orgs.read', 'orgs.manage'],
    });
    expect(updated.statusCode).toBe(200);
    expect((await rename()).statusCode).toBe(200);
    await req('PATCH', `/api/v1/roles/${role.id}`, adminCookie, { permissions: ['orgs.read'] });
    expect((await rename()).statusCode).toBe(403);
  });

  it('grants one role and creates one role code however many identical requests arrive at once', async () => {
    const { id } = await buildAccount(t, { org: street, role: 'viewer', username: 'rush_grant' });
    const grants = await Promise.all(
      Array.from({ length: 10 }, () =>
        req('POST', `/api/v1/accounts/${id}/grants`, adminCookie, { org_id: sucheng.id, role_id: roleIds.viewer }),
      ),
    );
    expect(grants.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    const roles = await Promise.all(
      Array.from({ length: 10 }, () =>
        req('POST', '/api/v1/roles', adminCookie, {
          code: 'rush_role',
          name: '抢建',
          name_en: 'Rush',
          permissions: [],
        }),
      ),
    );
    expect(roles.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(roles.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(
      Array(9).fill('conflict'),
    );
  });
});
