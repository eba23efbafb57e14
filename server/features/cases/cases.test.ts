/** 工单 through the console's API: intake, the lifecycle, optimistic locking, scope, refusals and deadlines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildStation } from '../stations/stations.factories';
import { systemContext, withTransaction } from '../../http/context';
import { buildCase, stepCase } from './cases.factories';
import { rateByRequester } from './steps';

let t: TestApp;
let w: World;
/** 宿城区's org admin (dispatches), 幸福街道's (handles), 宿城's hotline agent, 江西's admin (another province). */
let sucheng: string, street: string, hotline: string, jiangxi: string;
let streetB: BuiltOrg;

const call = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  key?: string,
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload,
    headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
  });

const caseRow = (id: number) => t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: number) =>
  t.db
    .selectFrom('case_events')
    .select(['action', 'to_status', 'internal'])
    .where('case_id', '=', id)
    .orderBy('id')
    .execute();

const INTAKE = {
  kind: 'complaint',
  subject: 'wage_arrears',
  description: '工地拖欠两个月工资，老板联系不上。',
  phone: '13761234567',
  name: '王建国',
  employer: '宿迁某建筑劳务有限公司',
  wage_claimed_fen: 1_200_000,
};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  streetB = await buildOrg(t, { parent: w.sucheng, name: '项里街道总工会', type: 'subdistrict_union' });
  const account = async (org: BuiltOrg, role: string) => signIn(t, (await buildAccount(t, { org, role })).username);
  sucheng = await account(w.sucheng, 'org_admin');
  street = await account(w.street, 'org_admin');
  hotline = await account(w.sucheng, 'hotline_agent');
  jiangxi = await account(w.jiangxi, 'org_admin');
});
afterAll(() => t.close());

describe('intake in the console', () => {
  it('a hotline agent opens a case for a caller: received by the agent’s union, due by the calendar, with its event', async () => {
    const res = await call(hotline, 'POST', '/cases/intake', INTAKE, 'intake-key-0001');
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.tracking_no).toMatch(/^GD\d{6}[0-9A-Z]{6}$/);
    expect(view).toMatchObject({ status: 'received', category: 'new', channel: 'hotline', requester: '王*国' });
    expect(view.receiving_org.id).toBe(w.sucheng.id);
    expect(view.description).toBe(INTAKE.description);
    expect(view.due_explanation.working_days).toBe(13);
    expect(view.events.map((e: { action: string }) => e.action)).toEqual(['receive']);
    // The replay answers the first case, and no second one exists.
    const again = await call(hotline, 'POST', '/cases/intake', INTAKE, 'intake-key-0001');
    expect(again.json().id).toBe(view.id);
    const n = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tracking_no', '=', view.tracking_no)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    // Personal data is sealed at rest: neither the phone, the name nor the story is stored in the clear.
    const row = await caseRow(view.id);
    expect(row.phone_enc).not.toContain('13761234567');
    expect(row.description_enc).not.toContain('拖欠');
    expect(row.phone_masked).toBe('137****4567');
  });

  it('answered on the spot, the case closes in the same request', async () => {
    const res = await call(hotline, 'POST', '/cases/intake', {
      ...INTAKE,
      kind: 'consultation',
      subject: 'social_insurance',
      answer: '灵活就业人员可在户籍地或就业地社保经办机构参加职工养老保险。',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'answered', category: 'closed' });
    expect(res.json().events.map((e: { action: string }) => e.action)).toEqual(['receive', 'answer']);
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: Array<[object, string]> = [
      [{ ...INTAKE, kind: 'gossip' }, 'kind'],
      [{ ...INTAKE, subject: 'weather' }, 'subject'],
      [{ ...INTAKE, description: '   ' }, 'description'],
      [{ ...INTAKE, description: '欠'.repeat(2001) }, 'description'],
      [{ ...INTAKE, description: '欠'.repeat(20_001) }, 'description'],
      [{ ...INTAKE, phone: '12345' }, 'phone'],
      [{ ...INTAKE, employer_uscc: '91321302MA1XXXXXX1' }, 'employer_uscc'],
      [{ ...INTAKE, lat: 120, lng: 33 }, 'lat'],
    ];
    for (const [body, field] of cases) {
      const res = await call(hotline, 'POST', '/cases/intake', body);
      expect(res.statusCode, field).toBe(422);
      expect(Object.keys(res.json().error.fields ?? {}), field).toContain(field);
      expect(JSON.stringify(res.json())).not.toContain('13761234567');
    }
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the lifecycle through the API', () => {
  it('dispatch → sign → extension → reply → review → closed, every step an event, the clocks moving', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id, kind: 'help', subject: 'hardship' });
    let view = (await call(sucheng, 'GET', `/cases/${id}`)).json();
    expect(view.actions).toEqual(expect.arrayContaining(['dispatch', 'answer', 'note']));
    expect(view.actions).not.toContain('sign');

    let res = await call(sucheng, 'POST', `/cases/${id}/dispatch`, {
      version: view.version,
      org_id: w.street.id,
      tier: 'hard',
    });
    expect(res.statusCode).toBe(200);
    view = res.json();
    expect(view).toMatchObject({ category: 'dispatched', tier: 'hard', handling_org: { id: w.street.id } });
    expect(view.due_explanation.working_days).toBe(20);
    expect(view.sign_due_at).not.toBeNull();

    // The street union sees it now, and may sign; the dispatcher's steps are not its buttons.
    view = (await call(street, 'GET', `/cases/${id}`)).json();
    expect(view.actions).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(view.actions).not.toContain('dispatch');
    res = await call(street, 'POST', `/cases/${id}/sign`, { version: view.version });
    expect(res.json()).toMatchObject({ status: 'signed', category: 'in_progress' });
    expect((await caseRow(id)).signed_on_time).toBe(true);

    const due = res.json().due_at;
    res = await call(street, 'POST', `/cases/${id}/request_extension`, {
      version: res.json().version,
      days: 3,
      reason: '等待单位提供材料',
    });
    expect(res.json().pending_request).toBe('extension');
    res = await call(sucheng, 'POST', `/cases/${id}/approve_extension`, { version: res.json().version });
    expect(res.json().pending_request).toBeNull();
    expect(res.json().due_explanation.working_days).toBe(23);
    expect(new Date(res.json().due_at).getTime()).toBeGreaterThan(new Date(due).getTime());

    res = await call(street, 'POST', `/cases/${id}/note`, {
      version: res.json().version,
      reason: '内部：单位负责人电话 138…',
    });
    res = await call(street, 'POST', `/cases/${id}/reply`, {
      version: res.json().version,
      reason: '已协调单位发放困难补助。',
    });
    expect(res.json()).toMatchObject({ status: 'replied', category: 'resolved' });
    res = await call(sucheng, 'POST', `/cases/${id}/review_pass`, { version: res.json().version });
    expect(res.json()).toMatchObject({ status: 'closed', category: 'closed' });
    expect(res.json().closed_at).not.toBeNull();

    expect((await eventsOf(id)).map((e) => e.action)).toEqual([
      'receive',
      'dispatch',
      'sign',
      'request_extension',
      'approve_extension',
      'note',
      'reply',
      'review_pass',
    ]);
    expect((await eventsOf(id)).find((e) => e.action === 'note')?.internal).toBe(true);
  });

  it('a return goes back to the dispatcher with its reason; the dispatcher re-routes', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id });
    let res = await call(street, 'POST', `/cases/${id}/return`, { version: 2 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.reason).toBeTruthy();
    res = await call(street, 'POST', `/cases/${id}/return`, { version: 2, reason: '不属于本街道辖区' });
    expect(res.statusCode).toBe(200);
    expect(await caseRow(id)).toMatchObject({ status: 'returned', category: 'new', handling_org_id: null });
    // The returning union still reads its return, with nothing left to do; once re-routed, it is no longer a party.
    expect((await call(street, 'GET', `/cases/${id}`)).json().actions).toEqual([]);
    res = await call(sucheng, 'POST', `/cases/${id}/dispatch`, { version: 3, org_id: streetB.id });
    expect(res.json().handling_org.id).toBe(streetB.id);
    expect((await call(street, 'GET', `/cases/${id}`)).statusCode).toBe(404);
  });

  it('two cadres acting at once: one wins, the other is told', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id });
    const [a, b] = await Promise.all([
      call(street, 'POST', `/cases/${id}/sign`, { version: 2 }),
      call(street, 'POST', `/cases/${id}/return`, { version: 2, reason: '不属于本辖区' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['stale_version', 'case_transition']).toContain(loser.json().error.code);
    expect((await eventsOf(id)).length).toBe(3);
  });

  it('a step on a version the cadre did not read is stale, even when the case no longer lets them take it', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id });
    await stepCase(t, id, 'return', 'handler', { reason: '不属于本辖区' });
    // The street read version 2 and signs: the return (version 3) came first — 409, reload, not 403.
    const res = await call(street, 'POST', `/cases/${id}/sign`, { version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('stale_version');
    // On the version it now reads, the step is not its to take.
    expect((await call(street, 'POST', `/cases/${id}/sign`, { version: 3 })).statusCode).toBe(403);
  });

  it('a step the status does not allow is a 409 naming the status, and the case is unchanged', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const res = await call(sucheng, 'POST', `/cases/${id}/review_pass`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'case_transition' });
    expect(res.json().error.message).toContain('受理');
    expect((await caseRow(id)).version).toBe(1);
    // An unknown step is a missing route, not a 500.
    expect((await call(sucheng, 'POST', `/cases/${id}/explode`, { version: 1 })).statusCode).toBe(404);
  });

  it('an extension asked at or after the deadline is refused', async () => {
    const received = new Date('2026-09-01T02:00:00Z');
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id, now: received });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id }, received);
    await stepCase(t, id, 'sign', 'handler', {}, received);
    const res = await call(street, 'POST', `/cases/${id}/request_extension`, {
      version: 3,
      days: 2,
      reason: '材料未齐',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case_deadline_passed');
    expect((await caseRow(id)).pending_request).toBeNull();
  });

  it('parking pauses the clock and resuming counts the working days that were left', async () => {
    const received = new Date('2026-11-02T01:00:00Z'); // Mon 09:00 Shanghai
    const { id } = await buildCase(t, {
      receivingOrgId: w.sucheng.id,
      kind: 'help',
      subject: 'hardship',
      now: received,
    });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id }, received);
    await stepCase(t, id, 'sign', 'handler', {}, received);
    await stepCase(t, id, 'request_park', 'handler', { reason: '等待法院判决' }, new Date('2026-11-04T01:00:00Z'));
    await stepCase(t, id, 'approve_park', 'dispatcher', {}, new Date('2026-11-04T02:00:00Z'));
    expect(await caseRow(id)).toMatchObject({ category: 'waiting', status: 'parked' });
    await stepCase(t, id, 'resume', 'handler', {}, new Date('2026-11-16T01:00:00Z'));
    const row = await caseRow(id);
    // Due 10 working days after Mon 11-02 (11-16 end); parked Wed 11-04 with 8 left; resumed Mon 11-16 (not counted) → 8 more: Thu 11-26.
    expect(row.clock_days).toBe(8);
    expect(row.due_at.toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });
});

describe('scope', () => {
  it('a union in another province finds the case exactly as a missing one', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const out = await call(jiangxi, 'GET', `/cases/${id}`);
    const missing = await call(jiangxi, 'GET', `/cases/999999999`);
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(missing.body);
    const list = await call(jiangxi, 'GET', `/cases?limit=200`);
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(id);
    const step = await call(jiangxi, 'POST', `/cases/${id}/dispatch`, { version: 1, org_id: w.street.id });
    expect(step.statusCode).toBe(404);
  });

  it('a dispatcher cannot send a case outside its own subtree', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const res = await call(sucheng, 'POST', `/cases/${id}/dispatch`, { version: 1, org_id: w.jiangxi.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.org_id).toBeTruthy();
  });

  it('queues: the dispatcher’s new cases, the handler’s to sign, the overdue first for the city', async () => {
    const old = new Date(Date.now() - 30 * 86_400_000);
    const { id: late } = await buildCase(t, { receivingOrgId: w.sucheng.id, now: old });
    await stepCase(t, late, 'dispatch', 'dispatcher', { org_id: w.street.id }, old);
    const city = await signIn(t, (await buildAccount(t, { org: w.suqian, role: 'org_admin' })).username);
    const overdue = (await call(city, 'GET', '/cases?queue=overdue')).json();
    expect(overdue.items.map((c: { id: number }) => c.id)).toContain(late);
    expect(overdue.items.every((c: { light: string }) => c.light === 'red')).toBe(true);
    const dues = overdue.items.map((c: { due_at: string }) => c.due_at);
    expect(dues).toEqual([...dues].sort());
    const handle = (await call(street, 'GET', '/cases?queue=handle&limit=200')).json();
    expect(handle.items.map((c: { id: number }) => c.id)).toContain(late);
    const counts = (await call(street, 'GET', '/cases/counts')).json();
    expect(counts.handle).toBeGreaterThanOrEqual(1);
    expect(counts.dispatch).toBe(0);
  });
});

describe('deadlines on the Chinese calendar', () => {
  it('a 5-working-day case received Wed 2026-09-30 is due 2026-10-13 (国庆, 10-10 a make-up Saturday)', async () => {
    const { id } = await buildCase(t, {
      receivingOrgId: w.sucheng.id,
      kind: 'suggestion',
      subject: 'policy',
      now: new Date('2026-09-30T03:00:00Z'),
    });
    const view = (await call(sucheng, 'GET', `/cases/${id}`)).json();
    expect(view.due_date).toBe('2026-10-13');
    expect(view.due_explanation.counted.map((d: { date: string }) => d.date)).toContain('2026-10-10');
  });

  it('a case received Thu 2026-12-31 crosses 元旦 2027 on the computed (provisional) year', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id, now: new Date('2026-12-31T02:00:00Z') });
    const view = (await call(sucheng, 'GET', `/cases/${id}`)).json();
    // 3 working days for a consultation: 01-01 is 元旦 (Fri), then the weekend; Mon 01-04, Tue, Wed.
    expect(view.due_date).toBe('2027-01-06');
    expect(view.due_explanation.provisional).toBe(true);
    expect(view.due_explanation.skipped[0]).toMatchObject({ from: '2027-01-01' });
  });
});

describe('a station problem opens a maintenance case (the stations issue’s seam)', () => {
  it('received by the owning union in the report’s transaction, its source the problem, the phone sealed', async () => {
    const { id: stationId } = await buildStation(t, w.street.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/${stationId}/problems`,
      payload: { kind: 'broken_appliance', description: '微波炉不加热了', contact_phone: '13912345678' },
    });
    expect(res.statusCode).toBe(201);
    const row = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('source_ref', '=', `station_problem:${res.json().id}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'station_maintenance',
      subject: 'equipment',
      channel: 'station',
      station_id: stationId,
      receiving_org_id: w.street.id,
      routed_by: 'station',
      phone_masked: '139****5678',
    });
    // 宿城区 (above the street) dispatches it.
    const view = (await call(sucheng, 'GET', `/cases/${row.id}`)).json();
    expect(view.station.id).toBe(stationId);
    expect(view.actions).toContain('dispatch');
  });
});

describe('collective cases (集体诉求)', () => {
  it('five appeals against one employer become one parent, handled once; every requester sees each step', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await buildCase(t, {
            receivingOrgId: w.sucheng.id,
            kind: 'complaint',
            subject: 'wage_arrears',
            employer: i % 2 ? '宿迁 集体纺织有限公司' : '宿迁集体纺织有限公司',
            wageClaimedFen: 100_000 * (i + 1),
          })
        ).id,
      );
    const other = await buildCase(t, { receivingOrgId: w.sucheng.id, employer: '别家公司' });
    const similar = (await call(sucheng, 'GET', `/cases/${ids[0]}/similar`)).json();
    expect(similar.items.map((c: { id: number }) => c.id).sort()).toEqual(ids.slice(1).sort());
    expect(similar.items.every((c: { same_employer: boolean }) => c.same_employer)).toBe(true);
    expect(similar.items.map((c: { id: number }) => c.id)).not.toContain(other.id);

    let res = await call(sucheng, 'POST', '/cases/collective', { case_ids: ids, reason: '同一单位集中欠薪' });
    expect(res.statusCode).toBe(201);
    let parent = res.json();
    expect(parent).toMatchObject({ is_collective: true, wage_claimed_fen: 1_500_000, kind: 'complaint' });
    expect(parent.children).toHaveLength(5);
    // A child takes no step of its own; a second grouping of the same cases is refused.
    expect((await call(sucheng, 'GET', `/cases/${ids[0]}`)).json().actions).toEqual(['note']);
    expect((await call(sucheng, 'POST', '/cases/collective', { case_ids: ids.slice(0, 2) })).statusCode).toBe(422);

    res = await call(sucheng, 'POST', `/cases/${parent.id}/dispatch`, { version: parent.version, org_id: w.street.id });
    res = await call(street, 'POST', `/cases/${parent.id}/sign`, { version: res.json().version });
    res = await call(street, 'POST', `/cases/${parent.id}/reply`, {
      version: res.json().version,
      reason: '经调解，单位已分期发放拖欠工资。',
      wage_recovered_fen: 1_500_000,
    });
    parent = (await call(sucheng, 'POST', `/cases/${parent.id}/review_pass`, { version: res.json().version })).json();
    expect(parent.category).toBe('closed');
    for (const id of ids) {
      const child = await caseRow(id);
      expect(child).toMatchObject({
        category: 'closed',
        parent_id: parent.id,
        handling_org_id: w.street.id,
        wage_recovered_fen: null,
      });
      expect((await eventsOf(id)).map((e) => e.action)).toEqual([
        'receive',
        'merge',
        'dispatch',
        'sign',
        'reply',
        'review_pass',
      ]);
    }
    // The merge's reason is in every child's 合并 event and the parent's.
    const merges = await t.db
      .selectFrom('case_events')
      .select(['case_id', 'reason'])
      .where('action', '=', 'merge')
      .where('case_id', 'in', [...ids, parent.id])
      .execute();
    expect(merges).toHaveLength(6);
    expect(new Set(merges.map((m) => m.reason))).toEqual(new Set(['同一单位集中欠薪']));

    // Reopening: the parent is never rated; while every rated child is satisfied it cannot be reopened.
    const rate = (id: number, rating: 'satisfied' | 'unsatisfied') =>
      withTransaction(systemContext(t.deps), (tx) =>
        rateByRequester(tx, id, {
          rating,
          resolved: rating === 'satisfied',
          reason: rating === 'satisfied' ? null : '只发了一半',
        }),
      );
    await rate(ids[0]!, 'satisfied');
    parent = (await call(sucheng, 'GET', `/cases/${parent.id}`)).json();
    expect(parent.actions).not.toContain('reopen');
    expect(
      (await call(sucheng, 'POST', `/cases/${parent.id}/reopen`, { version: parent.version, reason: '重办' }))
        .statusCode,
    ).toBe(409);
    // One requester unsatisfied: the dispatcher reopens the group; every child follows, its rating cleared.
    await rate(ids[1]!, 'unsatisfied');
    parent = (await call(sucheng, 'GET', `/cases/${parent.id}`)).json();
    expect(parent.actions).toContain('reopen');
    res = await call(sucheng, 'POST', `/cases/${parent.id}/reopen`, {
      version: parent.version,
      reason: '单位仅支付一半，继续督促。',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'reopened', category: 'in_progress' });
    for (const id of ids) {
      expect(await caseRow(id)).toMatchObject({
        status: 'reopened',
        category: 'in_progress',
        rating: null,
        reopen_count: 1,
      });
      expect((await eventsOf(id)).at(-1)).toMatchObject({ action: 'reopen', to_status: 'reopened' });
    }
    // A child still takes no step of its own, reopen included.
    expect((await call(sucheng, 'GET', `/cases/${ids[1]}`)).json().actions).toEqual(['note']);
  });
});

describe('co-handling across provinces (首接负责)', () => {
  it('the leading union adds a union of another province, which then sees this case alone and may only note', async () => {
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const { id: unrelated } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const { formatOrgCode } = await import('../../../common/org-code');
    const res = await call(sucheng, 'POST', `/cases/${id}/co-handlers`, {
      version: 1,
      org_code: formatOrgCode(w.jiangxi.id),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().co_handlers).toEqual([{ id: w.jiangxi.id, name: w.jiangxi.name }]);
    const seen = await call(jiangxi, 'GET', `/cases/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().actions).toEqual(['note']);
    expect((await call(jiangxi, 'GET', `/cases/${unrelated}`)).statusCode).toBe(404);
    // The co-handler cannot add co-handlers or dispatch.
    expect(
      (await call(jiangxi, 'POST', `/cases/${id}/co-handlers`, { version: 2, org_code: formatOrgCode(w.suqian.id) }))
        .statusCode,
    ).toBe(403);
    expect((await call(jiangxi, 'POST', `/cases/${id}/dispatch`, { version: 2, org_id: w.street.id })).statusCode).toBe(
      403,
    );
    // A bad code names the field.
    const bad = await call(sucheng, 'POST', `/cases/${id}/co-handlers`, { version: 2, org_code: 'NOPE' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.org_code).toBeTruthy();
  });
});

describe('deadline settings per org (a subtree inherits)', () => {
  it('a street union’s own limits apply to cases dispatched to it; inherit drops them', async () => {
    let res = await call(sucheng, 'GET', `/cases/settings/${w.street.id}`);
    expect(res.json()).toMatchObject({ inherited: true, from_org: null, sign_days: 1 });
    res = await call(sucheng, 'PUT', `/cases/settings/${w.street.id}`, { limits: { consultation: 2 }, sign_days: 2 });
    expect(res.json()).toMatchObject({ inherited: false, sign_days: 2, from_org: { id: w.street.id } });
    expect(res.json().limits).toMatchObject({ consultation: 2, complaint: 13 });
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    const view = (await call(sucheng, 'POST', `/cases/${id}/dispatch`, { version: 1, org_id: w.street.id })).json();
    expect(view.due_explanation.working_days).toBe(2);
    // A union below the street inherits it.
    const below = await buildOrg(t, { parent: w.street, name: '幸福社区工会', type: 'community_union' });
    expect((await call(sucheng, 'GET', `/cases/settings/${below.id}`)).json()).toMatchObject({
      inherited: true,
      from_org: { id: w.street.id },
    });
    expect((await call(sucheng, 'PUT', `/cases/settings/${w.street.id}`, { limits: { gossip: 3 } })).statusCode).toBe(
      422,
    );
    res = await call(sucheng, 'PUT', `/cases/settings/${w.street.id}`, { inherit: true });
    expect(res.json()).toMatchObject({ inherited: true, sign_days: 1 });
    // Out of scope reads as missing.
    expect((await call(jiangxi, 'GET', `/cases/settings/${w.street.id}`)).statusCode).toBe(404);
  });
});

describe('status labels per org (statuses are data, ADR 0004)', () => {
  const labelOf = (res: { json: () => { items: Array<{ code: string }> } }, code: string) =>
    res.json().items.find((i) => i.code === code);

  it('a district relabels a status for its subtree; a lower union’s own label wins below it; reset restores', async () => {
    let res = await call(sucheng, 'PUT', `/cases/settings/${w.sucheng.id}/statuses/signed`, { label: ' 已接单 ' });
    expect(res.statusCode).toBe(200);
    expect(labelOf(res, 'signed')).toMatchObject({ label: '已接单', platform_label: '已签收', own: true });
    // The street below sees the district's label, marked as inherited.
    res = await call(sucheng, 'GET', `/cases/settings/${w.street.id}/statuses`);
    expect(labelOf(res, 'signed')).toMatchObject({ label: '已接单', own: false, from_org: { id: w.sucheng.id } });
    expect(labelOf(res, 'handling')).toMatchObject({ label: '办理中', from_org: null });
    // Lists and the record show the district's label for a case it received.
    const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id });
    await call(sucheng, 'POST', `/cases/${id}/dispatch`, { version: 1, org_id: w.street.id });
    const signed = await call(street, 'POST', `/cases/${id}/sign`, { version: 2 });
    expect(signed.json()).toMatchObject({ status: 'signed', status_label: '已接单' });
    const list = (await call(sucheng, 'GET', '/cases?limit=200')).json();
    expect(list.items.find((c: { id: number }) => c.id === id).status_label).toBe('已接单');
    // The street's own label wins for the street's subtree, not for the district.
    res = await call(street, 'PUT', `/cases/settings/${w.street.id}/statuses/signed`, { label: '已领办' });
    expect(labelOf(res, 'signed')).toMatchObject({ label: '已领办', own: true });
    const streetList = (await call(street, 'GET', '/cases?limit=200')).json();
    expect(streetList.items.find((c: { id: number }) => c.id === id).status_label).toBe('已领办');
    expect(
      (await call(sucheng, 'GET', '/cases?limit=200')).json().items.find((c: { id: number }) => c.id === id),
    ).toMatchObject({ status_label: '已接单' });
    // Reset: the street sees the district's again; resetting twice answers the same and records once.
    res = await call(street, 'DELETE', `/cases/settings/${w.street.id}/statuses/signed`);
    expect(labelOf(res, 'signed')).toMatchObject({ label: '已接单', own: false });
    res = await call(street, 'DELETE', `/cases/settings/${w.street.id}/statuses/signed`);
    expect(res.statusCode).toBe(200);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'case.status_label_changed')
      .where('entity_id', '=', String(w.street.id))
      .execute();
    expect(audits.map((a) => a.details)).toEqual([
      { code: 'signed', label: '已领办' },
      { code: 'signed', label: null },
    ]);
    await call(sucheng, 'DELETE', `/cases/settings/${w.sucheng.id}/statuses/signed`);
    expect(labelOf(await call(sucheng, 'GET', `/cases/settings/${w.street.id}/statuses`), 'signed')).toMatchObject({
      label: '已签收',
      from_org: null,
    });
  });

  it('a blank, long or unknown label is refused naming the field, and nothing changes', async () => {
    const url = `/cases/settings/${w.sucheng.id}/statuses`;
    const bad: Array<[string, object, string]> = [
      ['signed', { label: '   ' }, 'label'],
      ['signed', { label: '签'.repeat(13) }, 'label'],
      ['gossip', { label: '闲聊' }, 'code'],
    ];
    for (const [code, body, field] of bad) {
      const res = await call(sucheng, 'PUT', `${url}/${code}`, body);
      expect(res.statusCode, code).toBe(422);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    expect((await call(sucheng, 'DELETE', `${url}/gossip`)).statusCode).toBe(422);
    expect((await call(sucheng, 'PUT', `${url}/signed`, { label: '签'.repeat(12) })).statusCode).toBe(200);
    await call(sucheng, 'DELETE', `${url}/signed`);
    expect(labelOf(await call(sucheng, 'GET', url), 'signed')).toMatchObject({ label: '已签收', own: false });
    expect((await call(jiangxi, 'PUT', `${url}/signed`, { label: '已接单' })).statusCode).toBe(404);
  });
});

describe('the hotline’s knowledge base', () => {
  it('an agent finds the national answers and its union’s, keeps its own, and cannot edit those above', async () => {
    const { buildAnswer } = await import('./cases.factories');
    const national = await buildAnswer(t, w.root.id, '被拖欠工资怎么办（测试）');
    let res = await call(hotline, 'POST', '/cases/answers', {
      title: '宿城区讨薪流程',
      body: '先协商，再到劳动监察大队投诉。',
      keywords: '欠薪',
    });
    expect(res.statusCode).toBe(201);
    const own = res.json();
    expect(own).toMatchObject({ editable: true, org: { id: w.sucheng.id } });
    const found = (await call(hotline, 'GET', `/cases/answers?q=${encodeURIComponent('欠薪')}`)).json().items;
    expect(found.map((a: { id: number }) => a.id)).toContain(own.id);
    const all = (await call(hotline, 'GET', '/cases/answers?limit=200')).json().items;
    expect(all.find((a: { id: number }) => a.id === national.id)).toMatchObject({ editable: false });
    expect((await call(hotline, 'PATCH', `/cases/answers/${national.id}`, { version: 1, body: '改' })).statusCode).toBe(
      403,
    );
    res = await call(hotline, 'PATCH', `/cases/answers/${own.id}`, { version: 1, retired: true });
    expect(res.json().retired).toBe(true);
    expect((await call(hotline, 'PATCH', `/cases/answers/${own.id}`, { version: 1, body: '旧版本' })).statusCode).toBe(
      409,
    );
    expect((await call(hotline, 'POST', '/cases/answers', { title: ' ', body: '' })).json().error.fields).toMatchObject(
      { title: expect.any(String), body: expect.any(String) },
    );
    // Another province's answers are not there for 宿城.
    const jx = await buildAnswer(t, w.jiangxi.id);
    expect(
      (await call(hotline, 'GET', '/cases/answers?limit=200')).json().items.map((a: { id: number }) => a.id),
    ).not.toContain(jx.id);
  });
});

describe('knowledge-base suggestions at intake (subject and story)', () => {
  it('ranks answers by how many of the story’s words and the subject’s name they match, within the kind', async () => {
    const mark = '（建议测试）';
    const answer = async (title: string, keywords: string, kind: string, body = '请联系所在地工会。') =>
      (await call(hotline, 'POST', '/cases/answers', { title: title + mark, body, keywords, kind })).json()
        .id as number;
    const injury = await answer('工伤认定需要哪些材料', '工伤 摔伤 骑手', 'legal_aid');
    const joining = await answer('骑手如何入会', '入会 骑手', 'consultation');
    const wages = await answer('拖欠工资怎么办', '欠薪', 'complaint', '先协商，协商不成向劳动监察投诉。');
    const suggest = async (body: object) => {
      const res = await call(hotline, 'POST', '/cases/answers/suggest', { limit: 20, ...body });
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ id: number; title: string }>)
        .filter((a) => a.title.endsWith(mark))
        .map((a) => a.id);
    };
    // The story names 骑手, 摔伤, 认定 and 工伤: the injury answer matches most, the joining one by 骑手 alone.
    expect(await suggest({ text: '我是外卖骑手，送餐时摔伤了，想问问怎么认定工伤' })).toEqual([injury, joining]);
    // Nothing in the story is about wages, but the subject is 欠薪; the kind keeps the others out.
    expect(await suggest({ kind: 'complaint', subject: 'wage_arrears', text: '老板一直不发钱' })).toEqual([wages]);
    // Neither subject nor story: the kind's answers, by title.
    expect(await suggest({ kind: 'consultation' })).toEqual([joining]);
    // An unknown subject is no term; a story of common words alone (请问, 怎么: in 「拖欠工资怎么办」 too) matches nothing.
    expect(await suggest({ subject: 'weather', text: '请问怎么' })).toEqual([]);
    expect((await call(hotline, 'POST', '/cases/answers/suggest', { text: '欠'.repeat(2001) })).statusCode).toBe(422);
  });
});

describe('the requester is told of each step', () => {
  it('signed, replied and closed each text the caller once, through the steps themselves', async () => {
    const { runQueuedJobs } = await import('../jobs/jobs.factories');
    const { caseNoticeJob } = await import('./notify');
    await runQueuedJobs(t, caseNoticeJob); // earlier tests' notices
    const sent = t.sms.length;
    let view = (await call(hotline, 'POST', '/cases/intake', { ...INTAKE, phone: '13761239999' })).json();
    view = (
      await call(sucheng, 'POST', `/cases/${view.id}/dispatch`, { version: view.version, org_id: w.street.id })
    ).json();
    view = (await call(street, 'POST', `/cases/${view.id}/sign`, { version: view.version })).json();
    view = (
      await call(street, 'POST', `/cases/${view.id}/reply`, { version: view.version, reason: '已协调发放。' })
    ).json();
    view = (await call(sucheng, 'POST', `/cases/${view.id}/review_pass`, { version: view.version })).json();
    expect(await runQueuedJobs(t, caseNoticeJob)).toBe(3);
    const mine = t.sms.slice(sent).filter((m) => m.phone === '13761239999');
    expect(mine).toHaveLength(3);
    expect(mine.map((m) => m.text).join('')).toContain(view.tracking_no);
  });
});
