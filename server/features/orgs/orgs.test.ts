import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMeters } from '../../../common/geo';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildOrg, buildWorld, type BuiltOrg } from './orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let root: BuiltOrg, jiangsu: BuiltOrg, suqian: BuiltOrg, sucheng: BuiltOrg, street: BuiltOrg, jiangxi: BuiltOrg;
let adminCookie: string, suchengCookie: string, viewerCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ root, jiangsu, suqian, sucheng, street, jiangxi } = await buildWorld(t));
  await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' });
  await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'sucheng' });
  await buildAccount(t, { org: sucheng, role: 'viewer', username: 'sucheng_viewer' });
  adminCookie = await signIn(t, 'admin');
  suchengCookie = await signIn(t, 'sucheng');
  viewerCookie = await signIn(t, 'sucheng_viewer');
});
afterAll(() => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload: payload as object });
const countOrgs = async () =>
  (
    await t.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

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
    expect(full.json().ancestors.map((a: { name: string }) => a.name)).toEqual([
      '中华全国总工会',
      '江苏省总工会',
      '宿迁市总工会',
      '宿城区总工会',
    ]);
  });

  it('searches by name, full pinyin and initials, within scope', async () => {
    for (const q of ['幸福', 'xingfu', 'xfjd']) {
      const res = await get(`/api/v1/orgs?q=${encodeURIComponent(q)}`, suchengCookie);
      expect(
        res.json().items.map((o: { name: string }) => o.name),
        q,
      ).toEqual(['幸福街道总工会']);
    }
    const outside = await get(`/api/v1/orgs?q=${encodeURIComponent('江西')}`, suchengCookie);
    expect(outside.json().items).toEqual([]);
  });

  it('finds initials anywhere in the name, and pinyin typed with spaces', async () => {
    const gucheng = await buildOrg(t, { parent: sucheng, name: '宿城区古城街道总工会', type: 'subdistrict_union' });
    for (const q of ['gcjd', 'GCJD', 'gu cheng', 'gu cheng jie dao', "gu'cheng", 'guchengjiedao']) {
      const res = await get(`/api/v1/orgs?q=${encodeURIComponent(q)}`, suchengCookie);
      expect(
        res.json().items.map((o: { id: number }) => o.id),
        q,
      ).toEqual([gucheng.id]);
    }
    const xingfu = await get(`/api/v1/orgs?q=${encodeURIComponent('xing fu')}`, suchengCookie);
    expect(xingfu.json().items.map((o: { name: string }) => o.name)).toEqual(['幸福街道总工会']);
    // Still within scope only.
    const outside = await get('/api/v1/orgs?q=jxs', suchengCookie);
    expect(outside.json().items).toEqual([]);
    expect((await get('/api/v1/orgs?q=jxs', adminCookie)).json().items.map((o: { name: string }) => o.name)).toEqual([
      '江西省总工会',
    ]);
  });

  it('ranks a search: the name itself, then names that begin with it, then the rest', async () => {
    // By pinyin alone these come first: alibaba…, elemo… before suchengqu…
    const alibaba = await buildOrg(t, { parent: street, name: '阿里巴巴宿城分公司工会' });
    const eleme = await buildOrg(t, { parent: street, name: '饿了么宿城站点工会' });
    const res = await get(`/api/v1/orgs?q=${encodeURIComponent('宿城')}`, suchengCookie);
    const names: string[] = res.json().items.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(['宿城区总工会', alibaba.name, eleme.name]));
    expect(names.indexOf('宿城区总工会')).toBeLessThan(names.indexOf(eleme.name));
    expect(names.indexOf('宿城区总工会')).toBeLessThan(names.indexOf(alibaba.name));
    const rest = names.findIndex((n) => !n.startsWith('宿城'));
    expect(rest).toBeGreaterThan(0);
    expect(names.slice(rest).filter((n) => n.startsWith('宿城'))).toEqual([]);
  });

  it('finds what was typed with spaces between Chinese characters or in full-width letters', async () => {
    const hengda = await buildOrg(t, { parent: street, name: '恒达物业工会' });
    for (const q of ['幸福 街道', '幸福\u3000街道', ' 幸福街道总工会 ']) {
      const res = await get(`/api/v1/orgs?q=${encodeURIComponent(q)}`, suchengCookie);
      expect(
        res.json().items.map((o: { name: string }) => o.name),
        q,
      ).toEqual(['幸福街道总工会']);
    }
    for (const q of ['ｈｅｎｇｄａ', 'ＨＥＮＧＤＡ', 'ｈｄｗｙ', '恒达 物业']) {
      const res = await get(`/api/v1/orgs?q=${encodeURIComponent(q)}`, suchengCookie);
      expect(
        res.json().items.map((o: { id: number }) => o.id),
        q,
      ).toEqual([hengda.id]);
    }
  });

  it('pages a ranked search across its ranks, every match exactly once', async () => {
    const exact = await post('/api/v1/orgs', suchengCookie, {
      parent_id: street.id,
      name: '宿迁顺丰速运有限公司工会',
      short_name: '顺丰',
      type: 'enterprise_union',
      region_code: '321302',
    });
    expect(exact.statusCode).toBe(201);
    const prefix = [];
    for (const name of ['顺丰宿城一站工会', '顺丰宿城二站工会', '顺丰宿城三站工会'])
      prefix.push((await buildOrg(t, { parent: street, name })).id);
    const anywhere = [];
    for (const name of ['宿城顺丰快递员工会', '江苏顺丰宿城分拨中心工会', '阿里顺丰联合工会'])
      anywhere.push((await buildOrg(t, { parent: street, name })).id);
    const url = `/api/v1/orgs?q=${encodeURIComponent('顺丰')}`;
    const all: number[] = (await get(`${url}&limit=200`, suchengCookie)).json().items.map((o: { id: number }) => o.id);
    expect(all[0]).toBe(exact.json().id);
    expect([...all.slice(1, 4)].sort()).toEqual([...prefix].sort());
    expect([...all.slice(4)].sort()).toEqual([...anywhere].sort());
    for (const limit of [1, 2, 3]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, suchengCookie);
        expect(page.statusCode, page.body).toBe(200);
        seen.push(...page.json().items.map((o: { id: number }) => o.id));
        cursor = page.json().next_cursor;
      } while (cursor && seen.length <= all.length);
      expect(seen, `limit ${limit}`).toEqual(all);
    }
  });

  it('gives each listed org its path, so a picker can leave out a subtree', async () => {
    const res = await get(`/api/v1/orgs?parent_id=${sucheng.id}`, suchengCookie);
    expect(res.json().items.find((o: { id: number }) => o.id === street.id)).toMatchObject({ path: street.path });
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const first = await get(`/api/v1/orgs?parent_id=${root.id}&limit=1`, adminCookie);
    expect(first.json().items).toHaveLength(1);
    const second = await get(
      `/api/v1/orgs?parent_id=${root.id}&limit=1&cursor=${first.json().next_cursor}`,
      adminCookie,
    );
    expect(second.json().items[0].name).not.toBe(first.json().items[0].name);
    expect(second.json().next_cursor).toBeNull();
    const forged = await get(`/api/v1/orgs?cursor=garbage`, adminCookie);
    expect(forged.statusCode).toBe(422);
    expect(forged.json().error.fields).toHaveProperty('cursor');
    // Well-formed JSON of the wrong kinds: the id is not a number.
    const wrongKinds = Buffer.from(JSON.stringify(['a', 'abc'])).toString('base64url');
    const typed = await get(`/api/v1/orgs?cursor=${wrongKinds}`, adminCookie);
    expect(typed.statusCode).toBe(422);
    expect(typed.json().error).toMatchObject({ code: 'validation_failed', fields: { cursor: '分页游标无效' } });
  });
});

describe('changing the tree', () => {
  it('creates an org under a parent in scope and audits it', async () => {
    const res = await post('/api/v1/orgs', suchengCookie, {
      parent_id: street.id,
      name: '宿迁市某物流有限公司工会',
      type: 'enterprise_union',
      region_code: '321302',
      uscc: '91321302MA1MXXXX0X',
    });
    // The USCC above has a wrong check character.
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('uscc');
    const ok = await post('/api/v1/orgs', suchengCookie, {
      parent_id: street.id,
      name: '宿迁市某物流有限公司工会',
      type: 'enterprise_union',
      region_code: '321302',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      parent_id: street.id,
      level: street.level + 1,
      path: `${street.path}.${ok.json().id}`,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.created')
      .where('entity_id', '=', String(ok.json().id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toContain('sucheng');
  });

  it('refuses a parent outside scope as if it did not exist', async () => {
    const before = await countOrgs();
    const res = await post('/api/v1/orgs', suchengCookie, {
      parent_id: jiangxi.id,
      name: '外省工会',
      type: 'enterprise_union',
      region_code: '360102',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.parent_id).toBe('上级组织不存在');
    expect(await countOrgs()).toBe(before);
  });

  it('lets a viewer read but not write', async () => {
    expect((await get(`/api/v1/orgs/${street.id}`, viewerCookie)).statusCode).toBe(200);
    const res = await post('/api/v1/orgs', viewerCookie, {
      parent_id: street.id,
      name: '新工会',
      type: 'enterprise_union',
      region_code: '321302',
    });
    expect(res.statusCode).toBe(403);
  });

  it('names every bad field and writes nothing', async () => {
    const before = await countOrgs();
    const cases: Array<[unknown, string]> = [
      [{ parent_id: street.id, name: 'x'.repeat(101), type: 'enterprise_union', region_code: '321302' }, 'name'],
      [{ parent_id: street.id, name: '新工会', type: 'company', region_code: '321302' }, 'type'],
      [{ parent_id: String(street.id), name: '新工会', type: 'enterprise_union', region_code: '321302' }, 'parent_id'],
      [{ parent_id: street.id, name: '新工会', type: 'enterprise_union', region_code: '999999' }, 'region_code'],
      [
        { parent_id: street.id, name: '新工会', type: 'enterprise_union', region_code: '321302', colour: 'red' },
        'colour',
      ],
      [{ parent_id: street.id, type: 'enterprise_union', region_code: '321302' }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/api/v1/orgs', suchengCookie, payload);
      expect(res.statusCode, field).toBe(422);
      expect(res.json().error.code).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields), field).toContain(field);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: suchengCookie, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    expect(await countOrgs()).toBe(before);
  });

  it('refuses orgs that cannot exist (全总 below anything, a federation below its level, a region outside the parent), not real ones', async () => {
    const before = await countOrgs();
    const cases: Array<[object, string, string]> = [
      [
        { parent_id: sucheng.id, name: '假全总', type: 'national_federation', region_code: '321302' },
        'type',
        '全国总工会不能作为下级组织',
      ],
      [
        { parent_id: street.id, name: '假县总工会', type: 'county_federation', region_code: '321302' },
        'type',
        '街道工会下不能建立县(区)总工会',
      ],
      [
        { parent_id: sucheng.id, name: '宿城区另一个总工会', type: 'county_federation', region_code: '321302' },
        'type',
        '县(区)总工会下不能建立县(区)总工会',
      ],
      [
        { parent_id: street.id, name: '街道周转库', type: 'holding_pool', region_code: '321302' },
        'type',
        '街道工会下不能建立周转库',
      ],
      [
        { parent_id: sucheng.id, name: '东城区某公司工会', type: 'enterprise_union', region_code: '110101' },
        'region_code',
        '应在上级组织的行政区划（江苏省宿迁市宿城区）之内',
      ],
      [
        { parent_id: sucheng.id, name: '沭阳某公司工会', type: 'enterprise_union', region_code: '321322' },
        'region_code',
        '应在上级组织的行政区划（江苏省宿迁市宿城区）之内',
      ],
      [
        { parent_id: sucheng.id, name: '宿迁某公司工会', type: 'enterprise_union', region_code: '321300' },
        'region_code',
        '应在上级组织的行政区划（江苏省宿迁市宿城区）之内',
      ],
    ];
    for (const [payload, field, message] of cases) {
      const res = await post('/api/v1/orgs', suchengCookie, payload);
      expect(res.statusCode, message).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { [field]: message } });
    }
    expect(await countOrgs()).toBe(before);

    // Real structures pass: 省直管县, towns and a pool under a city without counties, anything in any region under 全总.
    const hubei = await post('/api/v1/orgs', adminCookie, {
      parent_id: root.id,
      name: '湖北省总工会',
      type: 'provincial_federation',
      region_code: '420000',
    });
    expect(hubei.statusCode).toBe(201);
    const xiantao = await post('/api/v1/orgs', adminCookie, {
      parent_id: hubei.json().id,
      name: '仙桃市总工会',
      type: 'county_federation',
      region_code: '429004',
    });
    expect(xiantao.statusCode).toBe(201);
    const guangdong = await buildOrg(t, {
      parent: root,
      name: '广东省总工会',
      type: 'provincial_federation',
      region_code: '440000',
    });
    const dongguan = await buildOrg(t, {
      parent: guangdong,
      name: '东莞市总工会',
      type: 'city_federation',
      region_code: '441900',
    });
    const town = await post('/api/v1/orgs', adminCookie, {
      parent_id: dongguan.id,
      name: '东莞市长安镇总工会',
      type: 'township_union',
      region_code: '441900',
    });
    expect(town.statusCode).toBe(201);
    const pool = await post('/api/v1/orgs', adminCookie, {
      parent_id: dongguan.id,
      name: '东莞市新就业形态劳动者入会周转库',
      type: 'holding_pool',
      region_code: '441900',
    });
    expect(pool.statusCode).toBe(201);
    const seafarers = await post('/api/v1/orgs', adminCookie, {
      parent_id: root.id,
      name: '中国海员建设工会全国委员会',
      type: 'industrial_union',
      region_code: '110000',
    });
    expect(seafarers.statusCode).toBe(201);
    // Industrial and employers' unions span regions: a Shanghai member union, a 南京 subsidiary of a 宿迁 group.
    const shanghai = await post('/api/v1/orgs', adminCookie, {
      parent_id: seafarers.json().id,
      name: '上海海员工会',
      type: 'industrial_union',
      region_code: '310000',
    });
    expect(shanghai.statusCode, shanghai.body).toBe(201);
    const group = await post('/api/v1/orgs', suchengCookie, {
      parent_id: sucheng.id,
      name: '宿迁某集团公司工会',
      type: 'enterprise_union',
      region_code: '321302',
    });
    const nanjing = await post('/api/v1/orgs', suchengCookie, {
      parent_id: group.json().id,
      name: '宿迁某集团南京分公司工会',
      type: 'enterprise_union',
      region_code: '320105',
    });
    expect(nanjing.statusCode, nanjing.body).toBe(201);
  });

  it('moves an org only under a parent that may have it, within the parent region', async () => {
    const county = await buildOrg(t, {
      parent: suqian,
      name: '泗阳县总工会',
      type: 'county_federation',
      region_code: '321323',
    });
    const company = await buildOrg(t, { parent: sucheng, name: '宿城某电子公司工会', region_code: '321302' });
    const group = await buildOrg(t, {
      parent: company,
      name: '宿城某电子公司工会小组',
      type: 'union_group',
      region_code: '321302',
    });
    const underStreet = await post(`/api/v1/orgs/${county.id}/move`, adminCookie, { parent_id: street.id });
    expect(underStreet.statusCode).toBe(422);
    expect(underStreet.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { parent_id: '县(区)总工会不能移到街道工会之下' },
    });
    const toJiangxi = await post(`/api/v1/orgs/${company.id}/move`, adminCookie, { parent_id: jiangxi.id });
    expect(toJiangxi.statusCode).toBe(422);
    expect(toJiangxi.json().error.fields.parent_id).toBe(
      '该组织的行政区划（江苏省宿迁市宿城区）不在目标上级的行政区划（江西省）之内，请同时选择新的行政区划',
    );
    const wrongRegion = await post(`/api/v1/orgs/${company.id}/move`, adminCookie, {
      parent_id: county.id,
      region_code: '321322',
    });
    expect(wrongRegion.json().error.fields).toEqual({
      region_code: '应在上级组织的行政区划（江苏省宿迁市泗阳县）之内',
    });
    expect(
      await t.db
        .selectFrom('orgs')
        .select(['path', 'region_code'])
        .where('id', 'in', [county.id, company.id, group.id])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { path: county.path, region_code: '321323' },
      { path: company.path, region_code: '321302' },
      { path: group.path, region_code: '321302' },
    ]);
    // Moved to 泗阳 with 泗阳 as its region: what lay on its old region follows.
    const moved = await post(`/api/v1/orgs/${company.id}/move`, adminCookie, {
      parent_id: county.id,
      region_code: '321323',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ path: `${county.path}.${company.id}`, region_code: '321323' });
    expect((await get(`/api/v1/orgs/${group.id}`, adminCookie)).json()).toMatchObject({
      path: `${county.path}.${company.id}.${group.id}`,
      region_code: '321323',
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'org.moved')
      .where('entity_id', '=', String(company.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      to_parent_id: county.id,
      changes: { region_code: { from: '321302', to: '321323' } },
    });
  });

  it('changes a type or region only when it still fits the parent and the subtree', async () => {
    const patch = (id: number, payload: object, cookie = suchengCookie) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${id}`, headers: { cookie }, payload });
    const company = await buildOrg(t, { parent: street, name: '类型变更测试公司工会' });
    await buildOrg(t, { parent: company, name: '类型变更测试工会小组', type: 'union_group' });
    const cases: Array<[number, object, string, string]> = [
      [street.id, { type: 'county_federation' }, 'type', '县(区)总工会下不能建立县(区)总工会'],
      [company.id, { type: 'national_federation' }, 'type', '全国总工会不能作为下级组织'],
      [company.id, { type: 'industrial_union' }, 'type', '街道工会下不能建立产业工会'],
      [company.id, { type: 'holding_pool' }, 'type', '街道工会下不能建立周转库'],
      [company.id, { region_code: '321322' }, 'region_code', '应在上级组织的行政区划（江苏省宿迁市宿城区）之内'],
    ];
    for (const [id, payload, field, message] of cases) {
      const res = await patch(id, payload);
      expect(res.statusCode, message).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { [field]: message } });
    }
    // The children must still fit: an industry federation with union groups cannot become an industrial union, …
    const federation = await buildOrg(t, {
      parent: sucheng,
      name: '类型变更测试联合会',
      type: 'industry_federation',
    });
    await buildOrg(t, { parent: federation, name: '类型变更测试小组', type: 'union_group' });
    const retyped = await patch(federation.id, { type: 'industrial_union' });
    expect(retyped.json().error.fields).toEqual({ type: '产业工会下不能有工会小组（现有下级组织中有）' });
    // … nor lie outside a new region: 宿迁市 cannot take 淮安's code while 宿城区 lies below it.
    const recoded = await patch(suqian.id, { region_code: '320800' }, adminCookie);
    expect(recoded.json().error.fields).toEqual({
      region_code: '下级组织的行政区划（江苏省宿迁市宿城区）不在新的行政区划之内',
    });
    expect(
      await t.db
        .selectFrom('orgs')
        .select(['type', 'region_code'])
        .where('id', 'in', [suqian.id, street.id, company.id, federation.id])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { type: 'city_federation', region_code: '321300' },
      { type: 'subdistrict_union', region_code: '321302' },
      { type: 'enterprise_union', region_code: '321302' },
      { type: 'industry_federation', region_code: '321302' },
    ]);
    // … nor stand for a place that a child lies outside: an industry federation (spanning regions)
    // with a 南京 member cannot become 宿城区's regional federation.
    const trade = await buildOrg(t, {
      parent: sucheng,
      name: '宿城区物流行业工会联合会',
      type: 'industry_federation',
    });
    await buildOrg(t, { parent: trade, name: '南京某物流公司工会', region_code: '320105' });
    const localised = await patch(trade.id, { type: 'regional_federation' });
    expect(localised.json().error.fields).toEqual({
      region_code: '下级组织的行政区划（江苏省南京市建邺区）不在新的行政区划之内',
    });
    // What fits goes through: a company union becomes a joint union, its groups stay.
    expect((await patch(company.id, { type: 'joint_union' })).json()).toMatchObject({ type: 'joint_union' });
  });

  it("carries a county's new code down to what lay on the old one (县改区)", async () => {
    // 宿豫县 (321321) became 宿豫区 (321311); its streets and unions had the old code.
    const suyu = await buildOrg(t, {
      parent: suqian,
      name: '宿豫区总工会',
      type: 'county_federation',
      region_code: '321321',
    });
    const town = await buildOrg(t, {
      parent: suyu,
      name: '宿豫区顺河街道总工会',
      type: 'subdistrict_union',
      region_code: '321321',
    });
    const company = await buildOrg(t, { parent: town, name: '宿豫某食品公司工会', region_code: '321321' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${suyu.id}`,
      headers: { cookie: adminCookie },
      payload: { region_code: '321311' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ region_code: '321311', region_full_name: '江苏省宿迁市宿豫区' });
    expect(
      await t.db.selectFrom('orgs').select('region_code').where('id', 'in', [town.id, company.id]).execute(),
    ).toEqual([{ region_code: '321311' }, { region_code: '321311' }]);
    // The audit row says which descendants were recoded with it.
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'org.updated')
      .where('entity_id', '=', String(suyu.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      changes: {
        region_code: { from: '321321', to: '321311' },
        descendants_region: { from: '321321', to: '321311', org_ids: expect.arrayContaining([town.id, company.id]) },
      },
    });
  });

  it("leaves moving and deactivating an admin's own grant root to whoever manages its parent", async () => {
    const shop = await buildOrg(t, { parent: street, name: '根组织测试公司工会' });
    await buildAccount(t, { org: shop, role: 'org_admin', username: 'shop_admin' });
    const shopCookie = await signIn(t, 'shop_admin');
    const deactivated = await post(`/api/v1/orgs/${shop.id}/deactivate`, shopCookie, { reason: '企业注销' });
    expect(deactivated.statusCode).toBe(403);
    expect(deactivated.json().error.code).toBe('forbidden');
    const group = await buildOrg(t, { parent: shop, name: '根组织测试小组', type: 'union_group' });
    expect((await post(`/api/v1/orgs/${shop.id}/move`, shopCookie, { parent_id: group.id })).statusCode).toBe(403);
    expect(
      (await t.db.selectFrom('orgs').select('status').where('id', '=', shop.id).executeTakeFirstOrThrow()).status,
    ).toBe('active');
    // Below the grant root the shop's admin manages as before; above it, 宿城区's admin does.
    expect((await post(`/api/v1/orgs/${group.id}/deactivate`, shopCookie, { reason: '车间撤并' })).json().status).toBe(
      'inactive',
    );
    expect((await post(`/api/v1/orgs/${group.id}/activate`, shopCookie, {})).json().status).toBe('active');
    expect((await post(`/api/v1/orgs/${group.id}/deactivate`, shopCookie, { reason: '车间撤并' })).json().status).toBe(
      'inactive',
    );
    expect(
      (await post(`/api/v1/orgs/${shop.id}/deactivate`, suchengCookie, { reason: '企业注销' })).json().status,
    ).toBe('inactive');
    expect((await post(`/api/v1/orgs/${shop.id}/activate`, shopCookie, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/orgs/${shop.id}/activate`, suchengCookie, {})).json().status).toBe('active');
    // Its type and region are judged against the parent: the parent's business too, and the
    // answer must not describe a parent the admin cannot read.
    for (const payload of [{ region_code: '360102' }, { type: 'provincial_federation' }]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/orgs/${sucheng.id}`,
        headers: { cookie: suchengCookie },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('没有管理其上级组织的权限：不能修改本级组织的类型或行政区划');
      expect(res.body).not.toMatch(/宿迁|市总工会/);
    }
    expect(
      await t.db
        .selectFrom('orgs')
        .select(['type', 'region_code'])
        .where('id', '=', sucheng.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ type: 'county_federation', region_code: '321302' });
  });

  it('renames and re-derives pinyin for search', async () => {
    const org = await buildOrg(t, { parent: street, name: '旧名称工会' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${org.id}`,
      headers: { cookie: suchengCookie },
      payload: { name: '黄河路社区工会' },
    });
    expect(res.statusCode).toBe(200);
    const found = await get('/api/v1/orgs?q=huanghelu', suchengCookie);
    expect(found.json().items.map((o: { id: number }) => o.id)).toContain(org.id);
  });

  it('moves a subtree, and scope follows it', async () => {
    const district = await buildOrg(t, {
      parent: suqian,
      name: '沭阳县总工会',
      type: 'county_federation',
      region_code: '321322',
    });
    const company = await buildOrg(t, { parent: district, name: '沭阳某公司工会' });
    const group = await buildOrg(t, { parent: company, name: '一车间工会小组', type: 'union_group' });
    expect((await get(`/api/v1/orgs/${group.id}`, suchengCookie)).statusCode).toBe(404);
    // 宿城区 admin cannot move a company it does not manage …
    expect((await post(`/api/v1/orgs/${company.id}/move`, suchengCookie, { parent_id: street.id })).statusCode).toBe(
      404,
    );
    // … the national admin can, and the whole subtree follows.
    const res = await post(`/api/v1/orgs/${company.id}/move`, adminCookie, { parent_id: street.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().path).toBe(`${street.path}.${company.id}`);
    const movedGroup = await get(`/api/v1/orgs/${group.id}`, suchengCookie);
    expect(movedGroup.statusCode).toBe(200);
    expect(movedGroup.json()).toMatchObject({
      path: `${street.path}.${company.id}.${group.id}`,
      level: street.level + 2,
    });
  });

  it('refuses a move that would make a cycle, and the root cannot move', async () => {
    const res = await post(`/api/v1/orgs/${sucheng.id}/move`, adminCookie, { parent_id: street.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'org_cycle', fields: { parent_id: expect.any(String) } });
    expect(
      (await post(`/api/v1/orgs/${sucheng.id}/move`, adminCookie, { parent_id: sucheng.id })).json().error.code,
    ).toBe('org_cycle');
    expect((await post(`/api/v1/orgs/${root.id}/move`, adminCookie, { parent_id: jiangsu.id })).json().error.code).toBe(
      'org_is_root',
    );
    const row = await t.db.selectFrom('orgs').select('path').where('id', '=', sucheng.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(sucheng.path);
  });

  it('deactivates only an org without active children, with a reason', async () => {
    const parent = await buildOrg(t, { parent: street, name: '待撤销工会' });
    const child = await buildOrg(t, { parent, name: '待撤销小组', type: 'union_group' });
    const blocked = await post(`/api/v1/orgs/${parent.id}/deactivate`, suchengCookie, { reason: '企业注销' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('org_has_active_children');
    expect(
      (await post(`/api/v1/orgs/${child.id}/deactivate`, suchengCookie, { reason: '企业注销' })).json().status,
    ).toBe('inactive');
    expect(
      (await post(`/api/v1/orgs/${parent.id}/deactivate`, suchengCookie, { reason: '企业注销' })).json().status,
    ).toBe('inactive');
    const reactivateChild = await post(`/api/v1/orgs/${child.id}/activate`, suchengCookie, {});
    expect(reactivateChild.json().error.code).toBe('org_inactive');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'org.deactivated')
      .where('entity_id', '=', String(parent.id))
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('企业注销');
  });

  it('refuses a NUL or a lone surrogate in any string with a 422 naming the field, writing nothing', async () => {
    const before = await countOrgs();
    const search = await get(`/api/v1/orgs?q=${encodeURIComponent('幸福\u0000')}`, suchengCookie);
    expect(search.statusCode).toBe(422);
    expect(search.json().error).toMatchObject({ code: 'validation_failed', fields: { q: expect.any(String) } });
    const body = { parent_id: street.id, type: 'enterprise_union', region_code: '321302' };
    for (const [payload, field] of [
      [{ ...body, name: '新\u0000工会' }, 'name'],
      [{ ...body, name: '新工会\ud800' }, 'name'],
      [{ ...body, name: '新工会', address: '\udc00幸福路' }, 'address'],
    ] as const) {
      const res = await post('/api/v1/orgs', suchengCookie, payload);
      expect(res.statusCode, field).toBe(422);
      expect(Object.keys(res.json().error.fields), field).toEqual([field]);
    }
    expect(await countOrgs()).toBe(before);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${street.id}`,
      headers: { cookie: suchengCookie },
      payload: { contact_name: '张\u0000三' },
    });
    expect(patch.statusCode).toBe(422);
    expect(Object.keys(patch.json().error.fields)).toEqual(['contact_name']);
    const org = await buildOrg(t, { parent: street, name: '坏字符撤销工会' });
    const reason = await post(`/api/v1/orgs/${org.id}/deactivate`, suchengCookie, { reason: '企业注销\ud800' });
    expect(reason.statusCode).toBe(422);
    expect(Object.keys(reason.json().error.fields)).toEqual(['reason']);
  });

  it('refuses a date of year 0000 (which PostgreSQL has not) with a 422 naming the field', async () => {
    const before = await countOrgs();
    const body = { parent_id: street.id, name: '零年工会', type: 'enterprise_union', region_code: '321302' };
    for (const founded_on of ['0000-02-29', '0000-01-01', '2023-02-29']) {
      const res = await post('/api/v1/orgs', suchengCookie, { ...body, founded_on });
      expect(res.statusCode, founded_on).toBe(422);
      expect(res.json().error.fields, founded_on).toEqual({ founded_on: expect.any(String) });
    }
    expect(await countOrgs()).toBe(before);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${street.id}`,
      headers: { cookie: suchengCookie },
      payload: { founded_on: '0000-02-29' },
    });
    expect(patch.statusCode).toBe(422);
    expect(Object.keys(patch.json().error.fields)).toEqual(['founded_on']);
  });

  it('sees through invisible characters: a look-alike sibling name is 409, an invisible name 422', async () => {
    const body = { parent_id: street.id, type: 'enterprise_union', region_code: '321302' };
    const first = await post('/api/v1/orgs', suchengCookie, { ...body, name: ' 宿城区快递\u200b行业联合会 ' });
    expect(first.statusCode).toBe(201);
    expect(first.json().name).toBe('宿城区快递行业联合会');
    const before = await countOrgs();
    for (const name of ['宿城区快递行业联合会\u200b', '宿城区\u202e快递行业联合会', '宿城区 快递行业联合会\ufeff']) {
      const res = await post('/api/v1/orgs', suchengCookie, { ...body, name });
      expect(res.statusCode, JSON.stringify(name)).toBe(409);
      expect(res.json().error.fields, JSON.stringify(name)).toHaveProperty('name');
    }
    for (const name of ['\u200b', '\u200b\u2060 \ufeff']) {
      const res = await post('/api/v1/orgs', suchengCookie, { ...body, name });
      expect(res.statusCode, JSON.stringify(name)).toBe(422);
      expect(Object.keys(res.json().error.fields), JSON.stringify(name)).toEqual(['name']);
    }
    expect(await countOrgs()).toBe(before);
    const other = await buildOrg(t, { parent: street, name: '宿城区另一工会' });
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${other.id}`,
      headers: { cookie: suchengCookie },
      payload: { name: '宿城区快递行业联合会\u2060', short_name: '\u200b' },
    });
    expect(rename.statusCode).toBe(409);
    const shortName = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${other.id}`,
      headers: { cookie: suchengCookie },
      payload: { short_name: '\u200b另一\u200b' },
    });
    expect(shortName.json().short_name).toBe('另一');
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
    const different = await post(
      '/api/v1/orgs',
      suchengCookie,
      { ...body, name: '另一个工会' },
      { 'idempotency-key': 'create-org-0001' },
    );
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe('idempotency_key_reused');
  });
});

describe('personal data and sibling names', () => {
  it('records only that contact details changed, never their values, in the audit log', async () => {
    const org = await buildOrg(t, { parent: street, name: '联系人审计测试工会' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${org.id}`,
      headers: { cookie: suchengCookie },
      payload: { contact_name: '王小明', contact_phone: '13912345678', short_name: '审计测试' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contact_name: '王小明', contact_phone: '13912345678' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'org.updated')
      .where('entity_id', '=', String(org.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({
      changes: {
        contact_name: { changed: true },
        contact_phone: { changed: true },
        short_name: { from: null, to: '审计测试' },
      },
    });
    const text = JSON.stringify(audit.details);
    for (const secret of ['王小明', '13912345678', '1234', '5678']) expect(text).not.toContain(secret);
  });

  it('has the database refuse a second active sibling with the same name', async () => {
    const parent = await buildOrg(t, { parent: street, name: '同名约束测试工会' });
    await buildOrg(t, { parent, name: '一车间工会小组', type: 'union_group' });
    await expect(buildOrg(t, { parent, name: '一车间工会小组', type: 'union_group' })).rejects.toMatchObject({
      code: '23505',
      constraint: 'orgs_sibling_name_key',
    });
    // The same rule as the service's check: a deactivated org's name may be reused, and other parents are free.
    await expect(
      buildOrg(t, { parent, name: '一车间工会小组', type: 'union_group', status: 'inactive' }),
    ).resolves.toBeDefined();
    await expect(buildOrg(t, { parent: street, name: '一车间工会小组', type: 'union_group' })).resolves.toBeDefined();
  });

  it('answers 409 naming `name` for a sibling-name clash, also when only the database finds it', async () => {
    const parent = await buildOrg(t, { parent: street, name: '同名冲突测试工会' });
    const dormant = await buildOrg(t, { parent, name: '二车间工会小组', type: 'union_group', status: 'inactive' });
    // Inserted directly, behind the service's back.
    await buildOrg(t, { parent, name: '二车间工会小组', type: 'union_group' });
    const created = await post('/api/v1/orgs', suchengCookie, {
      parent_id: parent.id,
      name: '二车间工会小组',
      type: 'union_group',
      region_code: '321302',
    });
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toMatchObject({ code: 'conflict', fields: { name: expect.any(String) } });
    // Re-activating has no check of its own: the unique index refuses it, answered the same way.
    const activated = await post(`/api/v1/orgs/${dormant.id}/activate`, suchengCookie, {});
    expect(activated.statusCode).toBe(409);
    expect(activated.json().error).toMatchObject({ code: 'conflict', fields: { name: '同一上级下已有同名组织' } });
    const row = await t.db.selectFrom('orgs').select('status').where('id', '=', dormant.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('inactive');
  });
});

// Real concurrent transactions need a second connection: PostgreSQL only (PGlite has one).
// Each test holds a transaction open on its own connection, sends a request, waits until that
// request blocks on a row lock (or has answered), then commits: the outcome does not depend
// on timing, since the fixed code serialises on the lock in every interleaving.
describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('concurrent changes to the tree (PostgreSQL)', () => {
  const whileHeld = async (
    statements: Array<[string, unknown[]]>,
    request: () => PromiseLike<Awaited<ReturnType<typeof get>>>,
  ) => {
    const client = await t.database.pool.connect();
    try {
      await client.query('BEGIN');
      for (const [text, values] of statements) await client.query(text, values);
      let settled = false;
      const pending = Promise.resolve(request()).finally(() => {
        settled = true;
      });
      for (const deadline = Date.now() + 10_000; !settled && Date.now() < deadline; ) {
        // Asked on another connection: inside a transaction pg_stat_activity is a snapshot.
        const { rows } = await t.database.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await client.query('COMMIT');
      return await pending;
    } finally {
      client.release();
    }
  };
  const pathOf = async (id: number) =>
    (await t.db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

  it('a create waits for a concurrent deactivation of its parent and then refuses', async () => {
    const parent = await buildOrg(t, { parent: street, name: '并发撤销上级测试工会' });
    const res = await whileHeld([["UPDATE orgs SET status = 'inactive' WHERE id = $1", [parent.id]]], () =>
      post('/api/v1/orgs', suchengCookie, {
        parent_id: parent.id,
        name: '并发新建小组',
        type: 'union_group',
        region_code: '321302',
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'org_inactive', fields: { parent_id: expect.any(String) } });
    expect(await t.db.selectFrom('orgs').select('id').where('parent_id', '=', parent.id).execute()).toEqual([]);
  });

  it('a move waits for a concurrent deactivation of the target parent and then refuses', async () => {
    const target = await buildOrg(t, { parent: street, name: '并发撤销目标测试工会' });
    const mover = await buildOrg(t, { parent: street, name: '并发移动测试工会' });
    const res = await whileHeld([["UPDATE orgs SET status = 'inactive' WHERE id = $1", [target.id]]], () =>
      post(`/api/v1/orgs/${mover.id}/move`, suchengCookie, { parent_id: target.id }),
    );
    expect(res.json().error).toMatchObject({ code: 'org_inactive', fields: { parent_id: expect.any(String) } });
    expect(await pathOf(mover.id)).toBe(mover.path);
  });

  it('a deactivation waits for a concurrent create under the org and then counts it', async () => {
    const parent = await buildOrg(t, { parent: street, name: '并发新建下级测试工会' });
    const res = await whileHeld(
      [
        [
          "INSERT INTO orgs (parent_id, path, name, name_pinyin, name_initials, type, region_code, level) SELECT id, path || '999999', '并发下级小组', 'x', 'x', 'union_group', '321302', level + 1 FROM orgs WHERE id = $1",
          [parent.id],
        ],
      ],
      () => post(`/api/v1/orgs/${parent.id}/deactivate`, suchengCookie, { reason: '企业注销' }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('org_has_active_children');
    const row = await t.db.selectFrom('orgs').select('status').where('id', '=', parent.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it("a create under a parent that is being moved takes the parent's new path", async () => {
    const target = await buildOrg(t, { parent: sucheng, name: '并发移入目标测试工会' });
    const parent = await buildOrg(t, { parent: street, name: '并发被移动测试工会' });
    const newPath = `${target.path}.${parent.id}`;
    const res = await whileHeld(
      [
        [
          'UPDATE orgs SET parent_id = $1, path = $2::ltree, level = $3 WHERE id = $4',
          [target.id, newPath, target.level + 1, parent.id],
        ],
      ],
      () =>
        post('/api/v1/orgs', suchengCookie, {
          parent_id: parent.id,
          name: '并发新建下级小组',
          type: 'union_group',
          region_code: '321302',
        }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ path: `${newPath}.${res.json().id}`, level: target.level + 2 });
  });

  it('a move carries along a child created concurrently in the subtree', async () => {
    const target = await buildOrg(t, { parent: sucheng, name: '并发子树目标测试工会' });
    const mover = await buildOrg(t, { parent: street, name: '并发子树测试工会' });
    const inner = await buildOrg(t, { parent: mover, name: '并发子树下级工会' });
    const { id: childId } = (
      await t.database.pool.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id")
    ).rows[0]!;
    const res = await whileHeld(
      [
        [
          "INSERT INTO orgs (id, parent_id, path, name, name_pinyin, name_initials, type, region_code, level) VALUES ($1, $2, $3::ltree, '并发子树小组', 'x', 'x', 'union_group', '321302', $4)",
          [childId, inner.id, `${inner.path}.${childId}`, inner.level + 1],
        ],
      ],
      () => post(`/api/v1/orgs/${mover.id}/move`, suchengCookie, { parent_id: target.id }),
    );
    expect(res.statusCode).toBe(200);
    expect(await pathOf(childId)).toBe(`${target.path}.${mover.id}.${inner.id}.${childId}`);
  });
});

describe('coordinates in the client’s system (DESIGN.md §4.3)', () => {
  // 宿迁市政府 as AMap (GCJ-02) gives it.
  const gcj = { lat: 33.96302, lng: 118.27539 };
  const stored = async (id: number) => {
    const row = await t.db.selectFrom('orgs').select(['lat', 'lng']).where('id', '=', id).executeTakeFirstOrThrow();
    return { lat: row.lat!, lng: row.lng! };
  };

  it('stores GCJ-02 as WGS-84 and answers in the system asked for', async () => {
    const res = await post('/api/v1/orgs', suchengCookie, {
      parent_id: street.id,
      name: '宿迁市坐标测试有限公司工会',
      type: 'enterprise_union',
      region_code: '321302',
      crs: 'gcj02',
      ...gcj,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    const wgs = await stored(id);
    const offset = distanceMeters(gcj, wgs);
    expect(offset).toBeGreaterThan(100);
    expect(offset).toBeLessThan(700);
    // The answer is in the system the client wrote in; a plain read is in WGS-84.
    expect(distanceMeters(res.json(), gcj)).toBeLessThan(1);
    const plain = (await get(`/api/v1/orgs/${id}`, suchengCookie)).json();
    expect(plain).toMatchObject({ lat: wgs.lat, lng: wgs.lng });
    const asGcj = (await get(`/api/v1/orgs/${id}?crs=gcj02`, suchengCookie)).json();
    expect(distanceMeters(asGcj, gcj)).toBeLessThan(1);
    const asBd = (await get(`/api/v1/orgs/${id}?crs=bd09`, suchengCookie)).json();
    expect(distanceMeters(asBd, gcj)).toBeGreaterThan(100);
    expect((await get(`/api/v1/orgs/${id}?crs=mars`, suchengCookie)).statusCode).toBe(422);
  });

  it('converts an edit, and needs both coordinates to convert one', async () => {
    const { id } = (
      await post('/api/v1/orgs', suchengCookie, {
        parent_id: street.id,
        name: '宿迁市坐标编辑测试工会',
        type: 'enterprise_union',
        region_code: '321302',
      })
    ).json() as { id: number };
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${id}`, headers: { cookie: suchengCookie }, payload });
    const edited = await patch({ crs: 'bd09', lat: 33.96935, lng: 118.28191 });
    expect(edited.statusCode).toBe(200);
    expect(distanceMeters(edited.json(), { lat: 33.96935, lng: 118.28191 })).toBeLessThan(1);
    expect(distanceMeters(await stored(id), { lat: 33.96935, lng: 118.28191 })).toBeGreaterThan(100);
    const half = await patch({ crs: 'gcj02', lat: 33.9 });
    expect(half.statusCode).toBe(422);
    expect(half.json().error.fields).toHaveProperty('lng');
  });
});
