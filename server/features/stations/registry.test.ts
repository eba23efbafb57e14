/**
 * The station registry through the API: create in any crs, bad input named per field, the version
 * check, what a keeper may and may not do, the node's index answering an edit at once, photos,
 * the hours check, and the spreadsheet import and export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters } from '../../../common/geo';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { smallPdf, smallPng, uploadRequest } from '../files/files.factories';
import { importRequest, readWorkbook, xlsxBytes } from '../imports/imports.factories';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { runImportJob } from '../imports/job';
import { buildOrg, buildWorld, type World } from '../orgs/orgs.factories';
import { buildStation } from './stations.factories';

let t: TestApp;
let w: World;
let admin: string;
let streetAdmin: string;
let keeper: string;
let keeperId: number;
let otherKeeper: string;
let viewer: string;

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string | undefined, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, payload, headers: cookie ? { cookie } : {} });
}
const NEW = {
  kind: 'outdoor_worker',
  name: '幸福路测试驿站',
  address: '宿城区幸福中路 1 号',
  region_code: '321302',
  amenities: ['water', 'microwave'],
  opening_hours: 'Mo-Fr 08:00-18:00; PH off',
};
// A point in 宿城区 as a GPS reads it.
const HERE = { lat: 33.9512, lng: 118.2921 };

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  admin = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
  streetAdmin = await signIn(t, (await buildAccount(t, { org: w.street, role: 'org_admin' })).username);
  const k = await buildAccount(t, { org: w.street, role: 'station_keeper' });
  keeperId = k.id;
  keeper = await signIn(t, k.username);
  otherKeeper = await signIn(t, (await buildAccount(t, { org: w.street, role: 'station_keeper' })).username);
  viewer = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'viewer' })).username);
});
afterAll(() => t.close());

describe('POST /api/v1/stations/registry', () => {
  it('stores a point given in GCJ-02 or BD-09 as the same WGS-84 point, and audits the create', async () => {
    for (const crs of ['wgs84', 'gcj02', 'bd09'] as const) {
      const p = convertPoint(HERE, 'wgs84', crs);
      const res = await call('POST', '/stations/registry', admin, {
        ...NEW,
        name: `坐标${crs}`,
        org_id: w.street.id,
        ...p,
        crs,
      });
      expect(res.statusCode, res.body).toBe(201);
      const s = res.json();
      expect(distanceMeters(s, HERE)).toBeLessThan(1);
      expect(s).toMatchObject({ org_id: w.street.id, version: 1, can_manage: true, status: 'open', photos: [] });
    }
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'stations.created')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    // The address and the point are recorded only as changed.
    expect(JSON.stringify(audit)).not.toContain('幸福中路');
  });

  it('names each bad field in Chinese and stores nothing', async () => {
    const before = await t.db
      .selectFrom('stations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await call('POST', '/stations/registry', admin, {
      ...NEW,
      org_id: w.jiangxi.id,
      lat: 51.5,
      lng: -0.12,
      region_code: '999999',
      amenities: ['water', 'jacuzzi'],
      opening_hours: 'Mo-Fr 08:00-18:00; Sa 25:00-26:00',
      phone: 'call me',
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields;
    expect(Object.keys(fields).sort()).toEqual(['amenities', 'lng', 'opening_hours', 'org_id', 'phone', 'region_code']);
    expect(fields.lng).toContain('中国');
    expect(fields.amenities).toContain('jacuzzi');
    expect(fields.opening_hours).toMatch(/营业时间|无法识别/);
    expect(fields.org_id).toBe('组织不存在');
    const after = await t.db
      .selectFrom('stations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // Lat and lng swapped: both outside China's box.
    const swapped = await call('POST', '/stations/registry', admin, {
      ...NEW,
      org_id: w.street.id,
      lat: 118.29,
      lng: 33.95,
    });
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json().error.fields).toHaveProperty('lat');
    // An unknown crs is the schema's refusal, naming it.
    const crs = await call('POST', '/stations/registry', admin, { ...NEW, org_id: w.street.id, ...HERE, crs: 'osgb' });
    expect(crs.statusCode).toBe(422);
    expect(JSON.stringify(crs.json().error.fields)).toContain('crs');
  });

  it('refuses a caller without stations.manage, and a keeper who holds no stations.keep over the org', async () => {
    expect(
      (await call('POST', '/stations/registry', viewer, { ...NEW, org_id: w.street.id, ...HERE })).statusCode,
    ).toBe(403);
    const res = await call('POST', '/stations/registry', admin, {
      ...NEW,
      org_id: w.street.id,
      ...HERE,
      keeper_account_id: (await buildAccount(t, { org: w.jiangxi, role: 'station_keeper' })).id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.keeper_account_id).toContain('站长');
  });
});

describe('GET /api/v1/stations/registry', () => {
  it('filters on the server by text, org subtree, kind, status, amenity, keeper and award', async () => {
    const sub = await buildOrg(t, { parent: w.street, name: '筛选测试工会' });
    const a = (await buildStation(t, sub.id, { name: '筛选甲驿站', amenities: ['aed'], keeper_account_id: keeperId }))
      .id;
    const b = (await buildStation(t, sub.id, { name: '筛选乙驿站', address: '筛选路 9 号', kind: 'driver_home' })).id;
    const c = (await buildStation(t, sub.id, { name: '筛选丙', award: 'most_beautiful', award_year: 2025 })).id;
    const d = (await buildStation(t, sub.id, { name: '筛选丁', status: 'temporarily_closed' })).id;
    const ids = async (query: string) =>
      ((await call('GET', `/stations/registry?org_id=${sub.id}&${query}`, admin)).json().items as { id: number }[]).map(
        (s) => s.id,
      );
    expect((await ids('')).sort()).toEqual([a, b, c, d].sort());
    expect(await ids(`q=${encodeURIComponent('筛选路')}`)).toEqual([b]);
    expect(await ids('q=%25')).toEqual([]); // a wildcard is a character, not a pattern
    expect(await ids('kind=driver_home')).toEqual([b]);
    expect(await ids('status=temporarily_closed')).toEqual([d]);
    expect(await ids('amenity=aed')).toEqual([a]);
    expect(await ids('has_keeper=true')).toEqual([a]);
    expect(await ids('award=true')).toEqual([c]);
    // Pages by cursor, newest first.
    const first = (await call('GET', `/stations/registry?org_id=${sub.id}&limit=3`, admin)).json();
    expect(first.items.map((s: { id: number }) => s.id)).toEqual([d, c, b]);
    const next = (
      await call('GET', `/stations/registry?org_id=${sub.id}&limit=3&cursor=${first.next_cursor}`, admin)
    ).json();
    expect(next).toEqual({
      items: [expect.objectContaining({ id: a, keeper_account_id: keeperId })],
      next_cursor: null,
    });
  });

  it('offers as keepers only accounts whose stations.keep grant covers the org', async () => {
    const res = await call('GET', `/stations/registry/keepers?org_id=${w.street.id}`, admin);
    const keepers = res.json().items.map((k: { id: number }) => k.id);
    expect(keepers).toContain(keeperId);
    const sibling = await buildOrg(t, { parent: w.suqian, name: '沭阳县总工会' });
    const there = await call('GET', `/stations/registry/keepers?org_id=${sibling.id}`, admin);
    expect(there.statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/stations/registry/:id', () => {
  it('edits against the version read: a stale version is 409 and changes nothing', async () => {
    const { id } = await buildStation(t, w.street.id);
    const ok = await call('PATCH', `/stations/registry/${id}`, admin, { version: 1, name: '改名驿站' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '改名驿站', version: 2 });
    const stale = await call('PATCH', `/stations/registry/${id}`, streetAdmin, { version: 1, name: '又改名' });
    expect(stale.statusCode).toBe(409);
    expect((await call('GET', `/stations/registry/${id}`, admin)).json().name).toBe('改名驿站');
  });

  it('answers the nearby search with the change right after the PATCH, on this node', async () => {
    const far = { lat: 33.9, lng: 118.2 };
    const { id } = await buildStation(t, w.street.id, { ...far, region_code: '321302', opening_hours: '24/7' });
    await t.deps.state.stations.refresh([id]);
    const moved = convertPoint({ lat: 33.97, lng: 118.31 }, 'wgs84', 'gcj02');
    const res = await call('PATCH', `/stations/registry/${id}`, admin, {
      version: 1,
      ...moved,
      crs: 'gcj02',
      amenities: ['aed'],
      opening_hours: 'Mo-Su 00:00-00:01',
    });
    expect(res.statusCode, res.body).toBe(200);
    // No wait: the answer came after this node's index re-read the station.
    const near = await call('GET', '/stations/nearby?lat=33.97&lng=118.31&radius_m=100&amenity=aed', undefined);
    expect(near.json().items.map((s: { id: number }) => s.id)).toEqual([id]);
    expect(near.json().items[0].opening_hours).toBe('Mo-Su 00:00-00:01');
    // Retired: gone from the search at once.
    await call('PATCH', `/stations/registry/${id}`, admin, { version: 2, status: 'retired' });
    const gone = await call('GET', '/stations/nearby?lat=33.97&lng=118.31&radius_m=100', undefined);
    expect(gone.json().items).toEqual([]);
  });

  it('closes a station temporarily until a date, and refuses a date in the past or on an open station', async () => {
    const { id } = await buildStation(t, w.street.id);
    const closed = await call('PATCH', `/stations/registry/${id}`, admin, {
      version: 1,
      status: 'temporarily_closed',
      closed_until: '2099-01-31',
    });
    expect(closed.json()).toMatchObject({ status: 'temporarily_closed', closed_until: '2099-01-31' });
    const past = await call('PATCH', `/stations/registry/${id}`, admin, { version: 2, closed_until: '2001-01-01' });
    expect(past.json().error.fields.closed_until).toContain('早于今天');
    const reopened = await call('PATCH', `/stations/registry/${id}`, admin, { version: 2, status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', closed_until: null });
    const open = await call('PATCH', `/stations/registry/${id}`, admin, { version: 3, closed_until: '2099-01-31' });
    expect(open.statusCode).toBe(422);
    expect(open.json().error.fields).toHaveProperty('closed_until');
  });
});

describe('a keeper', () => {
  it('keeps only their station, and only its operational fields (403 naming the field)', async () => {
    const mine = (await buildStation(t, w.street.id, { keeper_account_id: keeperId })).id;
    const notMine = (await buildStation(t, w.street.id)).id;
    // Appointing needs a stations.keep grant over the org: this keeper holds one.
    const appointed = await call('PATCH', `/stations/registry/${notMine}`, admin, {
      version: 1,
      keeper_account_id: keeperId,
    });
    expect(appointed.json()).toMatchObject({ keeper_account_id: keeperId, version: 2 });
    const unkept = (await buildStation(t, w.street.id)).id;

    const list = (await call('GET', '/stations/registry?limit=200', keeper)).json();
    const ids = list.items.map((s: { id: number }) => s.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(unkept);
    expect(list.items.every((s: { can_manage: boolean }) => !s.can_manage)).toBe(true);

    const hours = await call('PATCH', `/stations/registry/${mine}`, keeper, {
      version: 1,
      opening_hours: 'Mo-Sa 07:00-20:00; PH off',
      amenities: ['water', 'umbrella'],
      status: 'temporarily_closed',
      closed_until: '2099-12-31',
    });
    expect(hours.statusCode, hours.body).toBe(200);
    expect(hours.json()).toMatchObject({ opening_hours: 'Mo-Sa 07:00-20:00; PH off', version: 2 });

    const rename = await call('PATCH', `/stations/registry/${mine}`, keeper, { version: 2, name: '站长改名' });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().error.message).toContain('名称');
    const retire = await call('PATCH', `/stations/registry/${mine}`, keeper, { version: 2, status: 'retired' });
    expect(retire.statusCode).toBe(403);
    const move = await call('PATCH', `/stations/registry/${mine}`, keeper, { version: 2, lat: 33.9, lng: 118.2 });
    expect(move.statusCode).toBe(403);
    expect(move.json().error.message).toContain('纬度');

    // Another keeper of the same union, and a station this keeper does not keep: as missing.
    const other = await call('GET', `/stations/registry/${mine}`, otherKeeper);
    const missing = await call('GET', '/stations/registry/999999', otherKeeper);
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    expect(
      (await call('PATCH', `/stations/registry/${unkept}`, keeper, { version: 1, phone: '12351' })).statusCode,
    ).toBe(404);
  });

  it('adds photos (images only, at most six, not 50 MB) that the public record shows', async () => {
    const mine = (await buildStation(t, w.street.id, { keeper_account_id: keeperId })).id;
    const up = await t.app.inject(uploadRequest('stations.photo', [await smallPng()], { cookie: keeper }));
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json().items[0].id as string;
    const res = await call('PATCH', `/stations/registry/${mine}`, keeper, { version: 1, photos_add: [{ id: photo }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().photos.map((p: { id: string }) => p.id)).toEqual([photo]);
    const pub = (await call('GET', `/stations/${mine}`, undefined)).json();
    expect(pub.photos).toEqual([{ id: photo, url: `/api/v1/files/${photo}` }]);
    // Readable by anyone once attached.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${photo}` })).statusCode).toBe(200);

    const pdf = await t.app.inject(uploadRequest('stations.photo', [smallPdf()], { cookie: keeper }));
    expect(pdf.statusCode).toBe(422);
    expect(JSON.stringify(pdf.json().error.fields)).toContain('files');
    const huge = await t.app.inject(
      uploadRequest('stations.photo', [Buffer.alloc(50 * 1024 * 1024, 1)], { cookie: keeper }),
    );
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    expect(JSON.stringify(huge.json().error)).toContain('files');
    // A viewer may not upload station photos.
    expect(
      (await t.app.inject(uploadRequest('stations.photo', [await smallPng()], { cookie: viewer }))).statusCode,
    ).toBe(403);
  });
});

describe('POST /api/v1/stations/hours-check', () => {
  it('shows the next seven Shanghai days, and explains a value it cannot read', async () => {
    const ok = (
      await call('POST', '/stations/hours-check', keeper, { opening_hours: 'Mo-Fr 08:00-18:00; Sa 09:00-12:00' })
    ).json();
    expect(ok.ok).toBe(true);
    expect(ok.week).toHaveLength(7);
    for (const day of ok.week) {
      const expected = day.is_holiday || day.weekday === 0 ? [] : day.weekday === 6 ? ['09:00-12:00'] : ['08:00-18:00'];
      if (!day.is_holiday) expect(day.intervals).toEqual(expected);
    }
    const bad = (await call('POST', '/stations/hours-check', admin, { opening_hours: 'Mo-Fr 8点-18点' })).json();
    expect(bad).toMatchObject({ ok: false, week: [] });
    expect(bad.error).toContain('第');
    expect((await call('POST', '/stations/hours-check', viewer, { opening_hours: '24/7' })).statusCode).toBe(403);
  });
});

describe('import and export', () => {
  const HEADER = [
    '名称',
    '类型',
    '所属工会代码',
    '地址',
    '行政区划代码',
    '纬度',
    '经度',
    '坐标系',
    '设施',
    '开放时间',
    '电话',
    '状态',
  ];

  it('imports good rows in any crs and reports each bad row per field', async () => {
    const org = await buildOrg(t, { parent: w.street, name: '导入测试工会' });
    await buildStation(t, w.street.id, { name: '已登记驿站' });
    const gcj = convertPoint({ lat: 33.96, lng: 118.28 }, 'wgs84', 'gcj02');
    const rows = [
      HEADER,
      [
        '导入驿站甲',
        '工会驿站',
        '',
        '幸福路 1 号',
        '321302',
        gcj.lat,
        gcj.lng,
        'GCJ-02',
        '饮用水、微波炉',
        'Mo-Fr 08:00-18:00',
        '12351',
        '开放',
      ],
      ['导入驿站乙', '司机之家', '导入测试工会', '幸福路 2 号', '321302', '33.97', '118.29', '', '', '', '', ''],
      ['坏坐标', '', '', '幸福路 3 号', '321302', '51.5', '-0.1', '', '', '', '', ''],
      [
        '坏设施',
        '',
        '',
        '幸福路 4 号',
        '321302',
        '33.9',
        '118.2',
        'WGS-84',
        '饮用水、按摩椅',
        'Mo-Fr 8-18点',
        '',
        '休息',
      ],
      ['导入驿站甲', '', '', '同表重复', '321302', '33.9', '118.2', '', '', '', '', ''],
      ['已登记驿站', '', '', '已在台账', '321302', '33.9', '118.2', '', '', '', '', ''],
    ];
    const res = await t.app.inject(
      importRequest('stations.registry', w.street.id, await xlsxBytes(rows as never), admin, '驿站.xlsx'),
    );
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json();
    expect(await runQueuedJobs(t, runImportJob)).toBe(1);
    const done = (await call('GET', `/imports/${id}`, admin)).json();
    expect(done).toMatchObject({ state: 'done', written_rows: 2, invalid_rows: 3, duplicate_rows: 1 });
    const a = await t.db.selectFrom('stations').selectAll().where('name', '=', '导入驿站甲').executeTakeFirstOrThrow();
    expect(distanceMeters(a, { lat: 33.96, lng: 118.28 })).toBeLessThan(1);
    expect(a).toMatchObject({
      org_id: w.street.id,
      amenities: ['water', 'microwave'],
      opening_hours: 'Mo-Fr 08:00-18:00',
    });
    const b = await t.db.selectFrom('stations').selectAll().where('name', '=', '导入驿站乙').executeTakeFirstOrThrow();
    expect(b).toMatchObject({ org_id: org.id, kind: 'driver_home', opening_hours: '24/7' });

    const report = await call('GET', `/imports/${id}/errors.xlsx`, admin);
    const errs = (await readWorkbook(report.rawPayload))['错误报告']!;
    const reason = (name: string) => errs.find((r) => r[1] === name)!.at(-1)!;
    expect(reason('坏坐标')).toContain('经度');
    expect(reason('坏设施')).toContain('按摩椅');
    expect(reason('坏设施')).toContain('开放时间');
    expect(reason('坏设施')).toContain('状态');
    expect(reason('导入驿站甲')).toContain('重复');
  });

  it('exports the filtered registry with the import’s headers', async () => {
    await buildStation(t, w.street.id, { name: '导出专用驿站', amenities: ['aed'] });
    const res = await call('GET', `/stations/registry/export.xlsx?q=${encodeURIComponent('导出专用')}`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const sheet = Object.values(await readWorkbook(res.rawPayload))[0]!;
    expect(sheet[0]).toEqual(expect.arrayContaining(HEADER.map((h) => (h === '所属工会代码' ? h : h))));
    expect(sheet).toHaveLength(2);
    const row = Object.fromEntries(sheet[0]!.map((h, i) => [h, sheet[1]![i]]));
    expect(row).toMatchObject({ 名称: '导出专用驿站', 设施: 'AED 除颤仪', 坐标系: 'WGS-84', 状态: '开放' });
    expect((await call('GET', '/stations/registry/export.xlsx', keeper)).statusCode).toBe(403);
  });
});
