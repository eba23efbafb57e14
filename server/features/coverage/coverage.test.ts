import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPoint, distanceMeters } from '../../../common/geo';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { importRequest, xlsxBytes } from '../imports/imports.factories';
import { runImportJob } from '../imports/job';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { buildMember } from '../members/members.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildStation } from '../stations/stations.factories';
import { coverageJob } from './job';

let t: TestApp;
let w: World;
let admin: string;
let jiangxi: string;
let viewer: string;

const M = 111_320;
/** A point `north` and `east` metres from a station of 宿城区 (WGS-84). */
const HERE = { lat: 33.9631, lng: 118.2754 };
const at = (north: number, east: number) => ({
  lat: HERE.lat + north / M,
  lng: HERE.lng + east / (M * Math.cos((HERE.lat * Math.PI) / 180)),
});
const HEADER = ['名称', '纬度', '经度', '坐标系', '权重'];

const api = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const account = async (org: BuiltOrg, role: string) => signIn(t, (await buildAccount(t, { org, role })).username);
  admin = await account(w.sucheng, 'org_admin');
  jiangxi = await account(w.jiangxi, 'org_admin');
  viewer = await account(w.sucheng, 'viewer');
  await buildStation(t, w.sucheng.id, { ...HERE, name: '宿城测试驿站' });
  await buildStation(t, w.sucheng.id, { ...at(0, 600), status: 'temporarily_closed', name: '暂停的驿站' });
});
afterAll(() => t?.close());

/** Uploads rows of demand points to 宿城区 and works the import; answers the set's id. */
async function uploadPoints(rows: unknown[][]): Promise<{ setId: number; importId: number }> {
  const res = await t.app.inject(importRequest('coverage.points', w.sucheng.id, await xlsxBytes([HEADER, ...rows] as never), admin, '宿城骑手热点.xlsx'));
  expect(res.statusCode, res.body).toBe(202);
  await runQueuedJobs(t, runImportJob);
  const sets = (await api(admin, 'GET', '/coverage/point-sets')).json().items;
  return { setId: sets.find((s: { name: string }) => s.name === '宿城骑手热点').id, importId: res.json().id };
}

describe('coverage of an uploaded set of demand points', () => {
  it('imports the points in any crs (bad rows reported), then finds the share within 1 km, the gaps and the sites', async () => {
    const gcj = (p: { lat: number; lng: number }) => convertPoint(p, 'wgs84', 'gcj02');
    const bd = (p: { lat: number; lng: number }) => convertPoint(p, 'wgs84', 'bd09');
    const near = gcj(at(300, 0));
    const walk = at(1100, 0);
    const far = bd(at(4000, 0));
    const rows = [
      ['近处', near.lat, near.lng, 'GCJ-02', 10],
      ['步行范围', walk.lat, walk.lng, 'WGS-84', 5],
      ['暂停驿站旁', ...Object.values(gcj(at(0, 1800))), '', 2], // 600 m from a closed station, 1.8 km from the open one
      ...Array.from({ length: 6 }, (_, i) => [`远处${i}`, far.lat + i * 0.0003, far.lng, '百度', 4]),
      ['', '', 118.27, '', ''], // no latitude
      ['坏坐标系', 33.96, 118.27, 'EPSG:3857', 1],
      ['境外', 48.85, 2.35, 'WGS-84', 1],
    ];
    const { setId, importId } = await uploadPoints(rows);
    expect((await api(admin, 'GET', `/imports/${importId}`)).json()).toMatchObject({ written_rows: 9, invalid_rows: 3 });

    const started = await api(admin, 'POST', '/coverage/runs', { org_id: w.sucheng.id, source: 'set', set_id: setId });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json();
    expect((await api(admin, 'GET', `/coverage/runs/${id}`)).json()).toMatchObject({ status: 'queued', result: null });
    expect(await runQueuedJobs(t, coverageJob)).toBe(1);

    const run = (await api(admin, 'GET', `/coverage/runs/${id}?crs=gcj02`)).json();
    expect(run).toMatchObject({ status: 'done', progress: 100, crs: 'gcj02', set_name: '宿城骑手热点' });
    expect(run.result).toMatchObject({ points: 9, weight: 41, within_1km: 10, within_walk: 15, stations: 1 });
    // The far cluster is the heaviest gap, and the first site covers it; coordinates come in GCJ-02.
    expect(run.result.gaps[0]).toMatchObject({ weight: 24, points: 6 });
    expect(run.result.suggestions[0]).toMatchObject({ rank: 1, covers: 24 });
    expect(distanceMeters(convertPoint(run.result.suggestions[0], 'gcj02', 'wgs84'), at(4000, 0))).toBeLessThan(300);
    expect((await api(admin, 'GET', '/coverage/runs')).json().items[0]).toMatchObject({ id, status: 'done' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'coverage_run')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audited).toEqual([{ action: 'coverage.started' }]);
  });
});

describe('coverage of the members', () => {
  it('weighs each union’s place by its active members and breaks the share down by the child unions', async () => {
    const factory = await buildOrg(t, { parent: w.street, name: '覆盖测试企业工会', type: 'enterprise_union' });
    const far = await buildOrg(t, { parent: w.sucheng, name: '偏远企业工会', type: 'enterprise_union' });
    await t.db.updateTable('orgs').set(at(200, 200)).where('id', '=', factory.id).execute();
    await t.db.updateTable('orgs').set(at(-5000, 0)).where('id', '=', far.id).execute();
    for (let i = 0; i < 3; i++) await buildMember(t, factory.id);
    await buildMember(t, far.id);
    const res = await api(admin, 'POST', '/coverage/runs', { org_id: w.sucheng.id, source: 'members' });
    expect(res.statusCode, res.body).toBe(202);
    await runQueuedJobs(t, coverageJob);
    const { result } = (await api(admin, 'GET', `/coverage/runs/${res.json().id}`)).json();
    expect(result).toMatchObject({ points: 2, weight: 4, within_1km: 3 });
    expect(result.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ org_id: w.street.id, weight: 3, within_1km: 3 }),
        expect.objectContaining({ org_id: far.id, weight: 1, within_1km: 0 }),
      ]),
    );
  });
});

describe('who may analyse', () => {
  it('answers another province like a missing run, refuses unseen orgs and sets by name, and a viewer with 403', async () => {
    const { id } = (await api(admin, 'POST', '/coverage/runs', { org_id: w.sucheng.id, source: 'members' })).json();
    const other = await api(jiangxi, 'GET', `/coverage/runs/${id}`);
    const missing = await api(jiangxi, 'GET', '/coverage/runs/999999');
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    expect((await api(jiangxi, 'GET', '/coverage/runs')).json().items.some((r: { id: number }) => r.id === id)).toBe(false);

    const refuse = async (cookie: string, body: object, status: number, field: string) => {
      const res = await api(cookie, 'POST', '/coverage/runs', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(Object.keys(res.json().error.fields ?? {})).toEqual([field]);
    };
    await refuse(jiangxi, { org_id: w.sucheng.id, source: 'members' }, 422, 'org_id');
    await refuse(viewer, { org_id: w.sucheng.id, source: 'members' }, 403, 'org_id');
    await refuse(admin, { org_id: w.sucheng.id, source: 'set' }, 422, 'set_id');
    await refuse(admin, { org_id: w.sucheng.id, source: 'everyone' }, 422, 'source');
    const theirs = (await api(jiangxi, 'GET', '/coverage/point-sets')).json().items;
    expect(theirs).toEqual([]);
    const ours = (await api(admin, 'GET', '/coverage/point-sets')).json().items[0];
    await refuse(jiangxi, { org_id: w.jiangxi.id, source: 'set', set_id: ours.id }, 422, 'set_id');
  });
});
