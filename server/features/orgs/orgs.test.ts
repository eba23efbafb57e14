import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg, buildWorld, signIn, type BuiltOrg } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let root: BuiltOrg, jiangsu: BuiltOrg, suqian: BuiltOrg, sucheng: BuiltOrg, street: BuiltOrg, jiangxi: BuiltOrg;
let adminCookie: string, suchengCookie: string, viewerCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ root, jiangsu, suqian, sucheng, street, jiangxi } = await buildWorld(t.db));
  await buildAccount(t.db, { org: root, role: 'national_admin', username: 'admin' });
  await buildAccount(t.db, { org: sucheng, role: 'org_admin', username: 'sucheng' });
  await buildAccount(t.db, { org: sucheng, role: 'viewer', username: 'sucheng_viewer' });
  adminCookie = await signIn(t.app, 'admin');
  suchengCookie = await signIn(t.app, 'sucheng');
  viewerCookie = await signIn(t.app, 'sucheng_viewer');
});
afterAll(() => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload: payload as object });
const countOrgs = async () => (await t.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('reading the tree', () => {
  it('lists the grant roots when no parent or search is given', async () => {
    const res = await get('/api/v1/orgs', suchengCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['宿城区总工会']);
    expect(res.json().items[0]).toMatchObject({ child_count: 1, region_name: '宿城区', type: 'county_federation' });
  });

  it('lists children of a parent, in scope only', async () => {
    const res = await get(`/api/v1/orgs?parent_id=${root.id}`, adminCookie);
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['江苏省总工会', '江西省总工会']);
    const scoped = await get(`/api/v1/orgs?parent_id=${root.id}`, suchengCookie);
    expect(scoped.json().items).toEqual([]);
  });

  it('answers 404 for an org in another province exactly as for a missing one', async () => {
    const other = await get(`/api/v1/orgs/${jiangxi.id}`, suchengCookie);
    const missing = await get('/api/v1/orgs/999999', suchengCookie);
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
  });

  it('shows ancestors only within scope', async () => {
    const res = await get(`/api/v1/orgs/${street.id}`, suchengCookie);
    expect(res.json().ancestors).toEqual([{ id: sucheng.id, name: '宿城区总工会' }]);
    const full = await get(`/api/v1/orgs/${street.id}`, adminCookie);
    expect(full.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['中华全国总工会', '江苏省总工会', '宿迁市总工会', '宿城区总工会']);
  });

  it('searches by name, full pinyin and initials, within scope', async () => {
    for (const q of ['幸福', 'xingfu', 'xfjd']) {
      const res = await get(`/api/v1/orgs?q=${encodeURIComponent(q)}`, suchengCookie);
      expect(res.json().items.map((o: { name: string }) => o.name), q).toEqual(['幸福街道总工会']);
    }
    const outside = await get(`/api/v1/orgs?q=${encodeURIComponent('江西')}`, suchengCookie);
    expect(outside.json().items).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const first = await get(`/api/v1/orgs?parent_id=${root.id}&limit=1`, adminCookie);
    expect(first.json().items).toHaveLength(1);
    const second = await get(`/api/v1/orgs?parent_id=${root.id}&limit=1&cursor=${first.json().next_cursor}`, adminCookie);
    expect(second.json().items[0].name).not.toBe(first.json().items[0].name);
    expect(second.json().next_cursor).toBeNull();
    const forged = await get(`/api/v1/orgs?cursor=garbage`, adminCookie);
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.fields).toHaveProperty('cursor');
  });
});

describe('changing the tree', () => {
  it('creates an org under a parent in scope and audits it', async () => {
    const res = await post('/api/v1/orgs', suchengCookie, { parent_id: street.id, name: '宿迁市某物流有限公司工会', type: 'enterprise_union', region_code: '321302', uscc: '91321302MA1MXXXX0X' });
    // The USCC above has a wrong check character.
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('uscc');
    const ok = await post('/api/v1/orgs', suchengCookie, { parent_id: street.id, name: '宿迁市某物流有限公司工会', type: 'enterprise_union', region_code: '321302' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ parent_id: street.id, level: street.level + 1, path: `${street.path}.${ok.json().id}` });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.created').where('entity_id', '=', String(ok.json().id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toContain('sucheng');
  });

  it('refuses a parent outside scope as if it did not exist', async () => {
    const before = await countOrgs();
    const res = await post('/api/v1/orgs', suchengCookie, { parent_id: jiangxi.id, name: '外省工会', type: 'enterprise_union', region_code: '360102' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.parent_id).toBe('上级组织不存在');
    expect(await countOrgs()).toBe(before);
  });

  it('lets a viewer read but not write', async () => {
    expect((await get(`/api/v1/orgs/${street.id}`, viewerCookie)).statusCode).toBe(200);
    const res = await post('/api/v1/orgs', viewerCookie, { parent_id: street.id, name: '新工会', type: 'enterprise_union', region_code: '321302' });
    expect(res.statusCode).toBe(403);
  });

  it('names every bad field and writes nothing', async () => {
    const before = await countOrgs();
    const cases: Array<[unknown, string]> = [
      [{ parent_id: street.id, name: 'x'.repeat(101), type: 'enterprise_union', region_code: '321302' }, 'name'],
      [{ parent_id: street.id, name: '新工会', type: 'company', region_code: '321302' }, 'type'],
      [{ parent_id: String(street.id), name: '新工会', type: 'enterprise_union', region_code: '321302' }, 'parent_id'],
      [{ parent_id: street.id, name: '新工会', type: 'enterprise_union', region_code: '999999' }, 'region_code'],
      [{ parent_id: street.id, name: '新工会', type: 'enterprise_union', region_code: '321302', colour: 'red' }, 'colour'],
      [{ parent_id: street.id, type: 'enterprise_union', region_code: '321302' }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/api/v1/orgs', suchengCookie, payload);
      expect(res.statusCode, field).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields), field).toContain(field);
    }
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie: suchengCookie, 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    expect(await countOrgs()).toBe(before);
  });

  it('renames and re-derives pinyin for search', async () => {
    const org = await buildOrg(t.db, { parent: street, name: '旧名称工会' });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, headers: { cookie: suchengCookie }, payload: { name: '黄河路社区工会' } });
    expect(res.statusCode).toBe(200);
    const found = await get('/api/v1/orgs?q=huanghelu', suchengCookie);
    expect(found.json().items.map((o: { id: number }) => o.id)).toContain(org.id);
  });

  it('moves a subtree, and scope follows it', async () => {
    const district = await buildOrg(t.db, { parent: suqian, name: '沭阳县总工会', type: 'county_federation', region_code: '321322' });
    const company = await buildOrg(t.db, { parent: district, name: '沭阳某公司工会' });
    const group = await buildOrg(t.db, { parent: company, name: '一车间工会小组', type: 'union_group' });
    expect((await get(`/api/v1/orgs/${group.id}`, suchengCookie)).statusCode).toBe(404);
    // 宿城区 admin cannot move a company it does not manage …
    expect((await post(`/api/v1/orgs/${company.id}/move`, suchengCookie, { parent_id: street.id })).statusCode).toBe(404);
    // … the national admin can, and the whole subtree follows.
    const res = await post(`/api/v1/orgs/${company.id}/move`, adminCookie, { parent_id: street.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().path).toBe(`${street.path}.${company.id}`);
    const movedGroup = await get(`/api/v1/orgs/${group.id}`, suchengCookie);
    expect(movedGroup.statusCode).toBe(200);
    expect(movedGroup.json()).toMatchObject({ path: `${street.path}.${company.id}.${group.id}`, level: street.level + 2 });
  });

  it('refuses a move that would make a cycle, and the root cannot move', async () => {
    const res = await post(`/api/v1/orgs/${sucheng.id}/move`, adminCookie, { parent_id: street.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'org_cycle', fields: { parent_id: expect.any(String) } });
    expect((await post(`/api/v1/orgs/${sucheng.id}/move`, adminCookie, { parent_id: sucheng.id })).json().error.code).toBe('org_cycle');
    expect((await post(`/api/v1/orgs/${root.id}/move`, adminCookie, { parent_id: jiangsu.id })).json().error.code).toBe('org_is_root');
    const row = await t.db.selectFrom('orgs').select('path').where('id', '=', sucheng.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(sucheng.path);
  });

  it('deactivates only an org without active children, with a reason', async () => {
    const parent = await buildOrg(t.db, { parent: street, name: '待撤销工会' });
    const child = await buildOrg(t.db, { parent, name: '待撤销小组', type: 'union_group' });
    const blocked = await post(`/api/v1/orgs/${parent.id}/deactivate`, suchengCookie, { reason: '企业注销' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('org_has_active_children');
    expect((await post(`/api/v1/orgs/${child.id}/deactivate`, suchengCookie, { reason: '企业注销' })).json().status).toBe('inactive');
    expect((await post(`/api/v1/orgs/${parent.id}/deactivate`, suchengCookie, { reason: '企业注销' })).json().status).toBe('inactive');
    const reactivateChild = await post(`/api/v1/orgs/${child.id}/activate`, suchengCookie, {});
    expect(reactivateChild.json().error.code).toBe('org_inactive');
    const audit = await t.db.selectFrom('audit_log').select('reason').where('action', '=', 'org.deactivated').where('entity_id', '=', String(parent.id)).executeTakeFirstOrThrow();
    expect(audit.reason).toBe('企业注销');
  });

  it('replays an idempotent create instead of creating twice', async () => {
    const before = await countOrgs();
    const body = { parent_id: street.id, name: '幂等测试工会', type: 'enterprise_union', region_code: '321302' };
    const first = await post('/api/v1/orgs', suchengCookie, body, { 'idempotency-key': 'create-org-0001' });
    const again = await post('/api/v1/orgs', suchengCookie, body, { 'idempotency-key': 'create-org-0001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await countOrgs()).toBe(before + 1);
    const different = await post('/api/v1/orgs', suchengCookie, { ...body, name: '另一个工会' }, { 'idempotency-key': 'create-org-0001' });
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe('idempotency_key_reused');
  });
});
