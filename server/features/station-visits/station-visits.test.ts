/** A station's visits, ratings and problem reports through the API: once an hour, counts, keepers' scope, the seam. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { readWorkbook } from '../imports/imports.factories';
import { signIn, signInWorker } from '../auth/auth.factories';
import { smallPdf, smallPng, uploadRequest } from '../files/files.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { buildStation } from '../stations/stations.factories';
import type { ReportedProblem } from './case-seam';
import { PROBLEM_PHOTOS } from './files';
import { checkIn } from './service';

/** What the seam saw of each call: whether it ran in a transaction, and whether the problem was already there. */
const seamCalls: Array<{ problem: ReportedProblem; inTransaction: boolean; rowVisible: boolean }> = [];
let seamFails = false;
vi.mock('./case-seam', () => ({
  openMaintenanceCase: async (tx: Ctx, problem: ReportedProblem) => {
    const row = await tx.db.selectFrom('station_problems').select('id').where('id', '=', problem.id).executeTakeFirst();
    seamCalls.push({ problem, inTransaction: tx.db.isTransaction, rowVisible: row !== undefined });
    if (seamFails) throw new AppError('conflict');
  },
}));

let t: TestApp;
let w: World;
let admin: string, keeper: string, viewer: string;
/** kept: kept by `keeper`; other: same union, another keeper; far: in 江西 (out of the admin's scope). */
let kept: number, other: number, far: number, retired: number;
let keySeq = 0;

const call = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  opts: { cookie?: string; payload?: object; key?: string } = {},
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload: opts.payload,
    headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.key ? { 'idempotency-key': opts.key } : {}) },
  });
const newKey = () => `key-${String(++keySeq).padStart(8, '0')}`;
const token = (n: number | string) => `visitor-token-${String(n).padStart(6, '0')}`;
const visitsAt = async (station: number) =>
  (
    await t.db
      .selectFrom('station_visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('station_id', '=', station)
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const keeperAccount = await buildAccount(t, { org: w.sucheng, role: 'station_keeper' });
  keeper = await signIn(t, keeperAccount.username);
  admin = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
  viewer = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'viewer' })).username);
  kept = (await buildStation(t, w.street.id, { keeper_account_id: keeperAccount.id, name: '幸福驿站' })).id;
  other = (await buildStation(t, w.street.id, { name: '另一驿站' })).id;
  far = (await buildStation(t, w.jiangxi.id)).id;
  retired = (await buildStation(t, w.sucheng.id, { status: 'retired' })).id;
});
afterAll(() => t?.close());

describe('打卡', () => {
  it('counts a visit once per person per hour: the second is answered kindly and not stored', async () => {
    const body = { occupation: 'delivery_rider', visitor_token: token(1) };
    const first = await call('POST', `/stations/${other}/check-ins`, { payload: body, key: newKey() });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ counted: true, station_name: '另一驿站' });
    const again = await call('POST', `/stations/${other}/check-ins`, { payload: body, key: newKey() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ counted: false, message: '一小时内已打过卡，本次不重复计数' });
    expect(again.json().visited_at).toBe(first.json().visited_at);
    // Another person at the same station, and the same person at another station, count.
    const someoneElse = await call('POST', `/stations/${other}/check-ins`, {
      payload: { occupation: 'courier', visitor_token: token(2) },
    });
    expect(someoneElse.json().counted).toBe(true);
    expect(
      (await call('POST', `/stations/${kept}/check-ins`, { payload: { ...body, occupation: 'courier' } })).json()
        .counted,
    ).toBe(true);
    expect(await visitsAt(other)).toBe(2);
    const stored = await t.db.selectFrom('station_visits').selectAll().where('station_id', '=', other).execute();
    // Only the keyed hash of the token is kept: not the token, no address.
    expect(JSON.stringify(stored)).not.toContain(token(1));
    expect(Object.keys(stored[0]!).sort()).toEqual(
      ['day', 'hour_start', 'id', 'occupation', 'signed_in', 'station_id', 'visited_at', 'visitor_hash'].sort(),
    );
  });

  it('counts once when the same person’s check-ins arrive at the same moment', async () => {
    const station = (await buildStation(t, w.street.id)).id;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('POST', `/stations/${station}/check-ins`, {
          payload: { occupation: 'courier', visitor_token: token('par') },
          key: newKey(),
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.json().counted)).toHaveLength(1);
    expect(await visitsAt(station)).toBe(1);
  });

  it('replays the first answer to a retry with the same Idempotency-Key, and stores one visit', async () => {
    const station = (await buildStation(t, w.street.id)).id;
    const key = newKey();
    const payload = { occupation: 'sanitation_worker', visitor_token: token(3) };
    const first = await call('POST', `/stations/${station}/check-ins`, { payload, key });
    const retry = await call('POST', `/stations/${station}/check-ins`, { payload, key });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(retry.json().counted).toBe(true);
    expect(await visitsAt(station)).toBe(1);
  });

  it('knows a signed-in worker by their phone, whatever token the page sends', async () => {
    const station = (await buildStation(t, w.street.id)).id;
    const worker = await signInWorker(t, '13800001111');
    const first = await call('POST', `/stations/${station}/check-ins`, {
      cookie: worker,
      payload: { occupation: 'courier' },
    });
    expect(first.json().counted).toBe(true);
    const otherToken = await call('POST', `/stations/${station}/check-ins`, {
      cookie: worker,
      payload: { occupation: 'courier', visitor_token: token(4) },
    });
    expect(otherToken.json().counted).toBe(false);
    expect(
      await t.db.selectFrom('station_visits').select('signed_in').where('station_id', '=', station).execute(),
    ).toEqual([{ signed_in: true }]);
  });

  it('counts the same person again after an hour (the window rolls, not the clock hour)', async () => {
    const station = (await buildStation(t, w.street.id)).id;
    const ctx: Ctx = { ...t.deps, actor: null, ip: null };
    const at = Date.parse('2026-11-20T02:50:00Z');
    const visit = (ms: number) =>
      withTransaction(ctx, (tx) => checkIn(tx, station, { occupation: 'courier', visitor_token: token(5) }, ms));
    expect((await visit(at)).counted).toBe(true);
    expect((await visit(at + 20 * 60_000)).counted).toBe(false); // 03:10, another clock hour, within the hour
    expect((await visit(at + 61 * 60_000)).counted).toBe(true);
    expect(await visitsAt(station)).toBe(2);
  });

  it('refuses bad input naming the field, and answers 404 for a retired or unknown station', async () => {
    const bad = async (payload: object, field: string, station = other) => {
      const res = await call('POST', `/stations/${station}/check-ins`, { payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty(field);
    };
    await bad({ occupation: 'astronaut', visitor_token: token(6) }, 'occupation');
    await bad({ occupation: 'courier' }, 'visitor_token');
    await bad({ occupation: 'courier', visitor_token: 'short' }, 'visitor_token');
    await bad({ occupation: 'courier', visitor_token: token(6), lat: 28.4 }, 'lat');
    for (const station of [retired, 999_999]) {
      const res = await call('POST', `/stations/${station}/check-ins`, {
        payload: { occupation: 'courier', visitor_token: token(6) },
      });
      expect(res.statusCode).toBe(404);
    }
    expect(await visitsAt(retired)).toBe(0);
  });
});

describe('counts', () => {
  let station: number;
  beforeAll(async () => {
    station = (await buildStation(t, w.street.id, { name: '统计驿站' })).id;
    const ctx: Ctx = { ...t.deps, actor: null, ip: null };
    const visit = (who: string, occupation: 'courier' | 'delivery_rider', iso: string) =>
      withTransaction(ctx, (tx) => checkIn(tx, station, { occupation, visitor_token: token(who) }, Date.parse(iso)));
    await visit('a', 'courier', '2026-11-02T01:00:00Z'); // 11-02 09:00 Shanghai
    await visit('b', 'courier', '2026-11-02T03:00:00Z');
    await visit('a', 'delivery_rider', '2026-11-02T05:00:00Z');
    await visit('a', 'courier', '2026-11-02T17:30:00Z'); // 11-03 01:30 Shanghai
  });

  it('by Shanghai day and occupation, for a station and for a union’s subtree, with empty days as zero', async () => {
    const res = await call('GET', `/station-visits/counts?station_id=${station}&from=2026-11-01&to=2026-11-04`, {
      cookie: admin,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 4, stations: 1 });
    expect(body.rows).toEqual([
      { day: '2026-11-02', occupation: 'courier', visits: 2 },
      { day: '2026-11-02', occupation: 'delivery_rider', visits: 1 },
      { day: '2026-11-03', occupation: 'courier', visits: 1 },
    ]);
    expect(body.by_day).toEqual([
      { day: '2026-11-01', visits: 0 },
      { day: '2026-11-02', visits: 3 },
      { day: '2026-11-03', visits: 1 },
      { day: '2026-11-04', visits: 0 },
    ]);
    expect(body.by_occupation).toEqual([
      { occupation: 'delivery_rider', visits: 1 },
      { occupation: 'courier', visits: 3 },
    ]);
    const union = (
      await call('GET', `/station-visits/counts?org_id=${w.sucheng.id}&from=2026-11-02&to=2026-11-02`, {
        cookie: admin,
      })
    ).json();
    expect(union.total).toBe(3);
    expect(union.stations).toBeGreaterThan(3);
    const jiangxi = await call('GET', `/station-visits/counts?org_id=${w.jiangxi.id}&from=2026-11-02&to=2026-11-02`, {
      cookie: admin,
    });
    expect(jiangxi.statusCode).toBe(404);
  });

  it('refuses a period that is backwards, longer than 366 days or not a date, naming the field', async () => {
    const bad = async (qs: string, field: string) => {
      const res = await call('GET', `/station-visits/counts?${qs}`, { cookie: admin });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty(field);
    };
    await bad('from=2026-11-05&to=2026-11-01', 'to');
    await bad('from=2025-01-01&to=2026-01-02', 'to');
    await bad('from=2026-02-30&to=2026-03-01', 'from');
    expect(
      (await call('GET', '/station-visits/counts?from=2025-01-01&to=2026-01-01', { cookie: admin })).statusCode,
    ).toBe(200);
    expect(
      (await call('GET', '/station-visits/counts?from=2026-11-01&to=2026-11-02', { cookie: viewer })).statusCode,
    ).toBe(403);
  });
});

describe('the keeper', () => {
  it('sees today’s visits and the problems of the stations they keep, and nothing of the others', async () => {
    await call('POST', `/stations/${kept}/check-ins`, {
      payload: { occupation: 'truck_driver', visitor_token: token(7) },
    });
    const today = await call('GET', `/stations/${kept}/visits/today`, { cookie: keeper });
    expect(today.statusCode).toBe(200);
    expect(today.json().total).toBeGreaterThanOrEqual(2);
    expect(today.json().by_occupation).toContainEqual({ occupation: 'truck_driver', visits: 1 });
    expect(Object.keys(today.json().times[0]).sort()).toEqual(['at', 'occupation']);
    const missing = await call('GET', `/stations/999999/visits/today`, { cookie: keeper });
    const notTheirs = await call('GET', `/stations/${other}/visits/today`, { cookie: keeper });
    expect(notTheirs.statusCode).toBe(404);
    expect(notTheirs.body).toBe(missing.body);
    expect((await call('GET', `/stations/${other}/visits/today`, { cookie: admin })).statusCode).toBe(200);

    await call('POST', `/stations/${kept}/problems`, { payload: { kind: 'other', description: '门口积水' } });
    await call('POST', `/stations/${other}/problems`, { payload: { kind: 'other', description: '另一站的问题' } });
    const mine = (await call('GET', '/station-problems', { cookie: keeper })).json().items;
    expect(new Set(mine.map((p: { station_id: number }) => p.station_id))).toEqual(new Set([kept]));
    const theirs = (await call('GET', '/station-problems', { cookie: admin })).json().items;
    expect(new Set(theirs.map((p: { station_id: number }) => p.station_id))).toEqual(new Set([kept, other]));
    const stations = (await call('GET', '/station-visits/stations', { cookie: keeper })).json().items;
    expect(stations).toEqual([expect.objectContaining({ id: kept, kept: true })]);
    const counts = (
      await call('GET', `/station-visits/counts?from=2026-01-01&to=2026-12-31`, { cookie: keeper })
    ).json();
    expect(counts.stations).toBe(1);
  });
});

describe('the counts’ export', () => {
  it('lists day × station × occupation of the stations the exporter sees, and nothing of the others', async () => {
    const day = (
      await t.db.selectFrom('station_visits').select('day').where('station_id', '=', kept).executeTakeFirstOrThrow()
    ).day;
    const sheetOf = async (cookie: string, qs = '') => {
      const res = await call('GET', `/station-visits/counts/export.xlsx?from=${day}&to=${day}${qs}`, { cookie });
      expect(res.statusCode).toBe(200);
      return (await readWorkbook(res.rawPayload))['驿站服务统计']!;
    };
    const mine = await sheetOf(keeper);
    expect(mine[0]).toEqual(['日期', '驿站', '所属工会', '职业', '到访人次']);
    expect(new Set(mine.slice(1).map((r) => r[1]))).toEqual(new Set(['幸福驿站']));
    expect(mine.slice(1).every((r) => r[0] === day && Number(r[4]) > 0)).toBe(true);
    const union = await sheetOf(admin);
    expect(union.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['幸福驿站', '另一驿站']));
    expect(await sheetOf(admin, `&org_id=${w.jiangxi.id}`)).toHaveLength(1);
    expect(
      (await call('GET', `/station-visits/counts/export.xlsx?from=${day}&to=${day}`, { cookie: viewer })).statusCode,
    ).toBe(403);
  });
});

describe('评价', () => {
  it('one rating per worker per station, changed with its version; anonymous callers are told to sign in', async () => {
    const station = (await buildStation(t, w.street.id)).id;
    const anonymous = await call('PUT', `/stations/${station}/reviews/mine`, { payload: { rating: 5 } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.message).toMatch(/登录/);
    const worker = await signInWorker(t, '13800002222');
    const first = await call('PUT', `/stations/${station}/reviews/mine`, {
      cookie: worker,
      payload: { rating: 5, comment: '很好，有事打 138 0000 2222 找我' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().review).toMatchObject({ rating: 5, version: 1, comment: '很好，有事打 138 0000 2222 找我' });
    // A second first rating (another tab) is a conflict, not a second rating.
    expect(
      (await call('PUT', `/stations/${station}/reviews/mine`, { cookie: worker, payload: { rating: 1 } })).statusCode,
    ).toBe(409);
    const edited = await call('PUT', `/stations/${station}/reviews/mine`, {
      cookie: worker,
      payload: { rating: 3, comment: '一般', version: 1 },
    });
    expect(edited.json().review).toMatchObject({ rating: 3, version: 2 });
    expect(
      (await call('PUT', `/stations/${station}/reviews/mine`, { cookie: worker, payload: { rating: 4, version: 1 } }))
        .statusCode,
    ).toBe(409);
    await call('PUT', `/stations/${station}/reviews/mine`, {
      cookie: await signInWorker(t, '13800003333'),
      payload: { rating: 4, comment: '电话 13912345678，微波炉好用' },
    });
    const summary = (await call('GET', `/stations/${station}/reviews`)).json();
    expect(summary).toMatchObject({ count: 2, average: 3.5, histogram: [0, 0, 1, 1, 0] });
    expect(summary.latest.map((c: { comment: string }) => c.comment)).toEqual(['电话 139******78，微波炉好用', '一般']);
    expect(JSON.stringify(summary)).not.toMatch(/13912345678|138|phone|rater/);
    const stored = await t.db
      .selectFrom('station_reviews')
      .select('comment_enc')
      .where('station_id', '=', station)
      .execute();
    expect(JSON.stringify(stored)).not.toContain('13912345678');
  });

  it('refuses a bad rating or a long comment, naming the field', async () => {
    const worker = await signInWorker(t, '13800004444');
    for (const [payload, field] of [
      [{ rating: 6 }, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{ rating: 4.5 }, 'rating'],
      [{ rating: 4, comment: '好'.repeat(501) }, 'comment'],
    ] as const) {
      const res = await call('PUT', `/stations/${other}/reviews/mine`, { cookie: worker, payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty(field);
    }
    expect(
      (await call('PUT', `/stations/${retired}/reviews/mine`, { cookie: worker, payload: { rating: 4 } })).statusCode,
    ).toBe(404);
  });
});

describe('问题报告', () => {
  it('is stored with the phone sealed and masked, its photos attached, and the seam called in its transaction', async () => {
    const upload = await t.app.inject({
      ...uploadRequest(PROBLEM_PHOTOS, [await smallPng()]),
      remoteAddress: '10.9.1.1',
    });
    expect(upload.statusCode).toBe(201);
    const photo = upload.json().items[0];
    expect(photo.token).toBeTruthy();
    seamCalls.length = 0;
    const key = newKey();
    const payload = {
      kind: 'broken_appliance',
      description: '  微波炉不加热  ',
      contact_phone: '139 1234 5678',
      photos: [{ id: photo.id, token: photo.token }],
    };
    const res = await call('POST', `/stations/${kept}/problems`, { payload, key });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await call('POST', `/stations/${kept}/problems`, { payload, key })).json().id).toBe(id);
    expect(seamCalls).toEqual([
      {
        problem: {
          id,
          stationId: kept,
          orgId: w.street.id,
          kind: 'broken_appliance',
          description: '微波炉不加热',
          phone: '13912345678',
        },
        inTransaction: true,
        rowVisible: true,
      },
    ]);
    const view = (await call('GET', `/station-problems/${id}`, { cookie: keeper })).json();
    expect(view).toMatchObject({ description: '微波炉不加热', contact_phone_masked: '139****5678', status: 'open' });
    expect(view.photos).toHaveLength(1);
    const row = await t.db.selectFrom('station_problems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('13912345678');
    expect(t.cipher.decrypt(row.contact_phone_enc!)).toBe('13912345678');
  });

  it('leaves nothing when the seam fails: the report and its case are one transaction', async () => {
    const before = await t.db.selectFrom('station_problems').select('id').execute();
    seamFails = true;
    try {
      const res = await call('POST', `/stations/${kept}/problems`, {
        payload: { kind: 'unsafe', description: '电线裸露' },
      });
      expect(res.statusCode).toBe(409);
    } finally {
      seamFails = false;
    }
    expect(await t.db.selectFrom('station_problems').select('id').execute()).toEqual(before);
  });

  it('refuses bad input naming the field, a photo that is not an image, and a retired station', async () => {
    const bad = async (payload: object, field: string) => {
      const res = await call('POST', `/stations/${kept}/problems`, { payload });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty(field);
    };
    await bad({ kind: 'noisy', description: '吵' }, 'kind');
    await bad({ kind: 'other', description: '' }, 'description');
    await bad({ kind: 'other', description: '   ' }, 'description');
    await bad({ kind: 'other', description: '长'.repeat(2000) }, 'description');
    await bad({ kind: 'other', description: '坏了', contact_phone: '12345' }, 'contact_phone');
    await bad(
      { kind: 'other', description: '坏了', photos: [{ id: '5b7c6a38-1c35-4a7e-9e7f-0d7e2c1a0b11' }] },
      'photos.0',
    );
    const pdf = await t.app.inject({ ...uploadRequest(PROBLEM_PHOTOS, [smallPdf()]), remoteAddress: '10.9.1.2' });
    expect(pdf.statusCode).toBe(422);
    expect(await t.db.selectFrom('files').select('id').where('kind', '=', PROBLEM_PHOTOS).execute()).toHaveLength(1);
    expect(
      (await call('POST', `/stations/${retired}/problems`, { payload: { kind: 'other', description: '坏了' } }))
        .statusCode,
    ).toBe(404);
  });

  it('moves open → in_progress → resolved with its version (stale: 409), never back, and a dismissal needs a note', async () => {
    const id = (
      await call('POST', `/stations/${kept}/problems`, { payload: { kind: 'other', description: '灯坏了' } })
    ).json().id;
    const move = (cookie: string, body: object) =>
      call('POST', `/station-problems/${id}/status`, { cookie, payload: body });
    const started = await move(keeper, { status: 'in_progress', version: 1 });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });
    expect((await move(admin, { status: 'resolved', version: 1 })).statusCode).toBe(409);
    const dismissed = await move(admin, { status: 'dismissed', version: 2 });
    expect(dismissed.statusCode).toBe(422);
    expect(dismissed.json().error.fields).toHaveProperty('note');
    const resolved = await move(admin, { status: 'resolved', note: '已更换灯泡', version: 2 });
    expect(resolved.json()).toMatchObject({ status: 'resolved', status_note: '已更换灯泡', version: 3 });
    const back = await move(keeper, { status: 'in_progress', version: 3 });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.fields).toHaveProperty('status');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_type', '=', 'station_problem')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(2);
    expect((await move(viewer, { status: 'resolved', version: 3 })).statusCode).toBe(404);
    const farProblem = (
      await call('POST', `/stations/${far}/problems`, { payload: { kind: 'other', description: '远' } })
    ).json().id;
    expect(
      (
        await call('POST', `/station-problems/${farProblem}/status`, {
          cookie: admin,
          payload: { status: 'resolved', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
  });
});
