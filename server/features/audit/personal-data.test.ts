import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createDeps } from '../../deps';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let world: World;
let adminCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  await buildAccount(t, { org: world.root, role: 'national_admin', username: 'pd_admin' });
  adminCookie = await signIn(t, 'pd_admin');
});
afterAll(() => t?.close());

describe('request logs', () => {
  it('carry the path without the query string (searched names and phones stay out)', async () => {
    const lines: string[] = [];
    const app = await buildApp(await createDeps(t.config, t.db, { sms: { name: 'test', send: async () => {} } }), {
      logger: { level: 'info', stream: { write: (line) => void lines.push(line) } },
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/orgs?q=${encodeURIComponent('张三丰')}&limit=5`,
        headers: { cookie: adminCookie },
      });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.close();
    }
    const logged = lines.join('');
    expect(logged).toContain('"url":"/api/v1/orgs"');
    for (const leak of ['张三丰', encodeURIComponent('张三丰'), 'q=', 'limit=5']) expect(logged).not.toContain(leak);
  });
});

describe('audit details', () => {
  const lastDetails = async (action: string, entityId: number) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', action)
        .where('entity_id', '=', String(entityId))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).details;

  it('record that an account’s name changed, never the name', async () => {
    const { id } = await buildAccount(t, { org: world.sucheng, role: 'viewer', username: 'pd_renamed' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: { cookie: adminCookie },
      payload: { display_name: '李秀英', status: 'disabled' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await lastDetails('account.disabled', id)).toEqual({ display_name: { changed: true }, status: 'disabled' });
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?limit=200',
      headers: { cookie: adminCookie },
    });
    // (The view names the account by its current name, as the accounts page does; the record keeps none.)
    const details = JSON.stringify(audit.json().items.map((e: { details: unknown }) => e.details));
    expect(details).not.toContain('李秀英');
  });

  it('record that an org’s address and place changed, never where it is', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${world.street.id}`,
      headers: { cookie: adminCookie },
      payload: { address: '宿城区幸福路88号3单元', lat: 33.9631, lng: 118.2753, short_name: '幸福街道' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await lastDetails('org.updated', world.street.id)).toEqual({
      changes: {
        address: { changed: true },
        lat: { changed: true },
        lng: { changed: true },
        short_name: { from: null, to: '幸福街道' },
      },
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?limit=200',
      headers: { cookie: adminCookie },
    });
    for (const leak of ['幸福路88号', '33.9631', '118.2753']) expect(audit.body).not.toContain(leak);
  });
});

describe('who acted, in the audit view', () => {
  it('names an actor and shows their address only to viewers whose scope covers the actor’s own org', async () => {
    await buildAccount(t, { org: world.sucheng, role: 'org_admin', username: 'pd_county' });
    const countyCookie = await signIn(t, 'pd_county', undefined, '10.2.2.2');
    const create = async (cookie: string, name: string, remoteAddress: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { cookie },
        payload: { parent_id: world.street.id, name, type: 'enterprise_union', region_code: '321302' },
        remoteAddress,
      });
      expect(res.statusCode, res.body).toBe(201);
      return String(res.json().id);
    };
    const byNational = await create(adminCookie, '全总代建某工会', '10.7.7.7');
    const byCounty = await create(countyCookie, '区里自建某工会', '10.2.2.2');
    const view = async (cookie: string) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      const items: Array<{ entity_id: string; action: string; actor_label: string; ip: string | null }> =
        res.json().items;
      const created = (id: string) => items.find((e) => e.action === 'org.created' && e.entity_id === id)!;
      return { body: res.body, national: created(byNational), county: created(byCounty) };
    };

    const county = await view(countyCookie);
    expect(county.national).toMatchObject({ actor_label: '管理范围外的工作人员', account_id: null, ip: null });
    expect(county.county).toMatchObject({ actor_label: expect.stringContaining('(pd_county)'), ip: '10.2.2.2' });
    for (const leak of ['pd_admin', '10.7.7.7']) expect(county.body).not.toContain(leak);

    const national = await view(adminCookie);
    expect(national.national).toMatchObject({ actor_label: expect.stringContaining('(pd_admin)'), ip: '10.7.7.7' });
    expect(national.county).toMatchObject({ actor_label: expect.stringContaining('(pd_county)'), ip: '10.2.2.2' });
  });
});
