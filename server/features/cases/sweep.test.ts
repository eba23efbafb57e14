/** The supervision sweep (催办 / 督办 / 通报, emergencies) and the requester's notices, on the real calendar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { currentCalendar } from '../calendar/state';
import { buildCase, buildCaseEvent, buildCaseRow, stepCase } from './cases.factories';
import { applyStep } from './steps';
import * as q from './sql';
import { caseNoticeJob, enqueueCaseNotice } from './notify';
import { publiciseCutoff, sweepCases, SWEEP_BATCH, sweepJob } from './sweep';

let t: TestApp;
let w: World;
/** A union under 幸福街道 that handles the cases 幸福街道 receives. */
let handler: BuiltOrg;

const at = (s: string) => new Date(`${s}+08:00`);
const H = 3_600_000;

const events = (caseId: number, action?: string) =>
  t.db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .$if(action !== undefined, (q) => q.where('action', '=', action!))
    .orderBy('id')
    .execute();
const caseRow = (id: number) =>
  t.db
    .selectFrom('cases')
    .select(['version', 'updated_at', 'reminded_for', 'supervised_for', 'publicised_for'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const sweep = (now: Date) => sweepCases(systemContext(t.deps), { now });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  handler = await buildOrg(t, { parent: w.street, name: '幸福街道快递员工会', type: 'joint_union' });
});
afterAll(() => t.close());

describe('the supervision sweep', () => {
  it('reminds a case due in 3 hours once, however often it runs, and leaves its version alone', async () => {
    const due = at('2026-11-18T00:00:00');
    const { id } = await buildCaseRow(t, { receiving: w.street, handling: handler, dueAt: due });
    const before = await caseRow(id);
    // More than a day ahead: nothing yet.
    await sweep(new Date(due.getTime() - 25 * H));
    expect(await events(id)).toEqual([]);

    const now = new Date(due.getTime() - 3 * H);
    expect((await sweep(now)).reminded).toBeGreaterThanOrEqual(1);
    await sweep(now);
    await sweep(new Date(now.getTime() + H));
    const reminders = await events(id, 'remind');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      actor_kind: 'system',
      actor_account_id: null,
      internal: true,
      at: now,
      details: { due_at: due.toISOString(), org_id: handler.id },
    });
    expect(await events(id)).toHaveLength(1);
    const after = await caseRow(id);
    expect(after).toEqual({ ...before, reminded_for: due });

    // An extension moves the deadline: the new due date is reminded once more.
    const extended = at('2026-11-20T00:00:00');
    await t.db.updateTable('cases').set({ due_at: extended }).where('id', '=', id).execute();
    await sweep(new Date(due.getTime() - 2 * H));
    expect(await events(id, 'remind')).toHaveLength(1);
    await sweep(new Date(extended.getTime() - 2 * H));
    await sweep(new Date(extended.getTime() - H));
    expect((await events(id, 'remind')).map((e) => e.details.due_at)).toEqual([
      due.toISOString(),
      extended.toISOString(),
    ]);
  });

  it('supervises an overdue case once, as the union above the handling one, and never a parked one', async () => {
    const due = at('2026-11-11T00:00:00');
    const { id } = await buildCaseRow(t, { receiving: w.street, handling: handler, dueAt: due });
    const notDispatched = await buildCaseRow(t, { receiving: w.street, dueAt: due });
    const parked = await buildCaseRow(t, { receiving: w.street, handling: handler, status: 'parked', dueAt: due });
    const closed = await buildCaseRow(t, { receiving: w.street, handling: handler, status: 'closed', dueAt: due });

    await sweep(new Date(due.getTime() - 1));
    expect(await events(id, 'supervise')).toEqual([]);
    const now = due;
    await sweep(now);
    await sweep(new Date(now.getTime() + 5 * 60_000));
    await sweep(new Date(now.getTime() + 2 * 86_400_000));
    const supervised = await events(id, 'supervise');
    expect(supervised).toHaveLength(1);
    // The handler is 幸福街道快递员工会: 幸福街道 above it supervises.
    expect(supervised[0]).toMatchObject({ actor_org_id: w.street.id, internal: true, at: now });
    expect((await caseRow(id)).version).toBe(1);
    // Not yet dispatched: the union above the receiving one (宿城区 above 幸福街道).
    expect(await events(notDispatched.id, 'supervise')).toMatchObject([{ actor_org_id: w.sucheng.id }]);
    // A parked case's clock is paused; a closed one is done.
    expect(await events(parked.id)).toEqual([]);
    expect(await events(closed.id)).toEqual([]);
  });

  it('publicises a case still overdue 5 working days after its deadline, across 国庆 on the calendar, once', async () => {
    // Due on Tue 2026-09-29 (due_at the 30th 00:00): the 5 working days after it are 09-30, then
    // (10-01…07 国庆 off) 10-08, 10-09, Sat 10-10 (a make-up working day) and 10-12.
    const due = at('2026-09-30T00:00:00');
    const { id } = await buildCaseRow(t, { receiving: w.street, handling: handler, dueAt: due });
    const { cal } = await currentCalendar(t.deps);
    expect(publiciseCutoff(cal, at('2026-10-13T00:00:00'))).toEqual(due);
    expect(publiciseCutoff(cal, at('2026-10-12T23:59:59'))!.getTime()).toBeLessThan(due.getTime());

    await sweep(at('2026-10-12T23:59:59'));
    expect(await events(id, 'publicise')).toEqual([]);
    expect(await events(id, 'supervise')).toHaveLength(1);
    await sweep(at('2026-10-13T00:00:00'));
    await sweep(at('2026-10-13T00:05:00'));
    await sweep(at('2026-10-20T09:00:00'));
    const listed = await events(id, 'publicise');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      at: at('2026-10-13T00:00:00'),
      actor_org_id: w.street.id,
      details: { due_at: due.toISOString() },
    });
    expect(await caseRow(id)).toMatchObject({ version: 1, supervised_for: due, publicised_for: due });
  });

  it('publicises a case on its handling union’s calendar: 广西’s 壮族三月三 puts it a working day later', async () => {
    // Due on Tue 2026-04-14 (due_at the 15th 00:00). Nationally the 5 working days after are
    // 04-15, 16, 17, 20 and 21: listed from 04-22. In 广西 04-20 is 壮族三月三 (a regional
    // holiday): 04-15, 16, 17, 21 and 22, listed from 04-23.
    const due = at('2026-04-15T00:00:00');
    const guangxi = await buildOrg(t, { parent: w.street, name: '南宁驻宿迁务工人员工会', region_code: '450102' });
    const national = await buildCaseRow(t, { receiving: w.street, handling: handler, dueAt: due });
    const regional = await buildCaseRow(t, { receiving: w.street, handling: guangxi, dueAt: due });
    const { cal } = await currentCalendar(t.deps);
    expect(publiciseCutoff(cal, at('2026-04-22T00:00:00'))).toEqual(due);
    expect(publiciseCutoff(cal, at('2026-04-22T00:00:00'), undefined, '450102')!.getTime()).toBeLessThan(due.getTime());

    await sweep(at('2026-04-22T00:00:00'));
    expect(await events(national.id, 'publicise')).toHaveLength(1);
    expect(await events(regional.id, 'publicise')).toEqual([]);
    await sweep(at('2026-04-23T00:00:00'));
    await sweep(at('2026-04-23T00:05:00'));
    expect(await events(regional.id, 'publicise')).toMatchObject([{ at: at('2026-04-23T00:00:00') }]);
    expect(await events(national.id, 'publicise')).toHaveLength(1);
  });

  it('supervises an emergency not dispatched within the hour once, then its deadline once', async () => {
    const received = at('2026-11-24T22:10:00');
    const due = at('2026-11-27T00:00:00');
    const { id } = await buildCaseRow(t, {
      receiving: w.street,
      receivedAt: received,
      dueAt: due,
      set: { emergency: true },
    });
    await sweep(new Date(received.getTime() + 59 * 60_000));
    expect(await events(id)).toEqual([]);
    await sweep(new Date(received.getTime() + H));
    await sweep(new Date(received.getTime() + 2 * H));
    const paged = await events(id, 'supervise');
    expect(paged).toHaveLength(1);
    expect(paged[0]).toMatchObject({
      actor_org_id: w.sucheng.id,
      internal: true,
      details: {
        emergency: true,
        dispatch_due_at: new Date(received.getTime() + H).toISOString(),
        org_id: w.street.id,
      },
    });
    // Still not dispatched when the deadline passes: supervised for the deadline too, once.
    await sweep(due);
    await sweep(new Date(due.getTime() + H));
    expect((await events(id, 'supervise')).map((e) => e.details.emergency ?? false)).toEqual([true, false]);
    expect(await caseRow(id)).toMatchObject({ supervised_for: due, version: 1 });
  });

  it('takes each step once when two sweeps run at the same moment, over more than one batch', async () => {
    const org = await buildOrg(t, { parent: w.street, name: '并发测试工会' });
    const due = at('2026-08-03T00:00:00');
    const n = SWEEP_BATCH + 37;
    const ids: number[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await buildCaseRow(t, { receiving: w.street, handling: org, dueAt: new Date(due.getTime() + i) })).id);
    const now = at('2026-08-04T09:00:00');
    const runs = await Promise.all([sweep(now), sweep(now)]);
    expect(runs[0]!.supervised + runs[1]!.supervised).toBeGreaterThanOrEqual(n);
    const counted = await t.db
      .selectFrom('case_events')
      .select(['case_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('case_id', 'in', ids)
      .where('action', '=', 'supervise')
      .groupBy('case_id')
      .execute();
    expect(counted).toHaveLength(n);
    expect(counted.every((r) => Number(r.n) === 1)).toBe(true);
    // And again, twice at once: nothing more.
    const again = await Promise.all([sweep(now), sweep(now)]);
    expect(again.map((r) => r.supervised + r.reminded)).toEqual([0, 0]);
  });

  it('is the scheduled job cases.sweep, every 5 minutes', async () => {
    expect(sweepJob).toMatchObject({ name: 'cases.sweep', schedule: '*/5 * * * *' });
    const result = await sweepJob.run(
      {
        ...systemContext(t.deps),
        jobId: '1',
        signal: new AbortController().signal,
        progress: async () => {},
      },
      {},
    );
    // Run at the real now (after every date above): the cases reminded but not yet supervised are supervised now.
    expect(result).toMatchObject({ reminded: 0, emergencies: 0 });
    const again = await sweepJob.run(
      { ...systemContext(t.deps), jobId: '2', signal: new AbortController().signal, progress: async () => {} },
      {},
    );
    expect(again).toEqual({ reminded: 0, supervised: 0, publicised: 0, emergencies: 0 });
  });
});

describe('the sweep and the engine', () => {
  it('supervises a case the engine opened and dispatched, and a cadre’s step on the version read before still succeeds', async () => {
    // 咨询 in 3 working days, received Wed 2026-09-30: 10-08, 10-09, Sat 10-10 (make-up) → due 10-11 00:00.
    const received = at('2026-09-30T10:00:00');
    const { id } = await buildCase(t, { receivingOrgId: w.street.id, now: received });
    await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: handler.id }, new Date(received.getTime() + H));
    await stepCase(t, id, 'sign', 'handler', {}, new Date(received.getTime() + 2 * H));
    const before = await t.db
      .selectFrom('cases')
      .select(['version', 'due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(before.due_at).toEqual(at('2026-10-11T00:00:00'));

    await sweep(at('2026-10-10T09:00:00'));
    await sweep(at('2026-10-11T00:00:00'));
    expect((await events(id)).map((e) => e.action)).toEqual(['receive', 'dispatch', 'sign', 'remind', 'supervise']);
    // The handler acts on the version it read before the sweep passed: no stale_version.
    await withTransaction(systemContext(t.deps), (tx) =>
      applyStep(
        tx,
        id,
        'handle',
        { version: before.version, reason: '已联系用人单位' },
        at('2026-10-11T09:00:00'),
        () => new Set(['handler'] as const),
      ),
    );
    expect((await q.findCase(t.db, id))!.status).toBe('handling');
  });
});

describe('the requester’s notices', () => {
  it('texts the requester once per step: signed, replied, and closed with the request to rate', async () => {
    const phone = '13951234567';
    const { id, trackingNo } = await buildCaseRow(t, {
      receiving: w.street,
      handling: handler,
      dueAt: at('2026-12-20T00:00:00'),
      phone,
    });
    // Notices earlier tests' steps queued (the steps text the requester) are sent first.
    await runQueuedJobs(t, caseNoticeJob);
    const ctx = systemContext(t.deps);
    const sign = await buildCaseEvent(t, id, 'sign');
    // Two calls for one step (a retried transaction): one run.
    const first = await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'signed'));
    const second = await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'signed'));
    expect(second).toBe(first);
    const sent = t.sms.length;
    expect(await runQueuedJobs(t, caseNoticeJob)).toBe(1);
    expect(t.sms.slice(sent)).toEqual([
      {
        phone,
        text: `【工会服务平台】您的投诉维权诉求（工单号 ${trackingNo}）已由承办工会签收，正在办理。可在工会服务平台「我的诉求」凭工单号和手机号查看进度。`,
      },
    ]);
    // Asked again for the same step after it was sent: the run sends nothing.
    await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'signed'));
    expect(await runQueuedJobs(t, caseNoticeJob)).toBe(1);
    expect(t.sms.length).toBe(sent + 1);
    expect(await events(id, 'notify')).toMatchObject([{ internal: true, details: { event_id: sign, what: 'signed' } }]);

    await buildCaseEvent(t, id, 'reply');
    await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'replied'));
    await buildCaseEvent(t, id, 'review_pass');
    await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'closed'));
    expect(await runQueuedJobs(t, caseNoticeJob)).toBe(2);
    const texts = t.sms.slice(sent + 1).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts).toContainEqual(expect.stringMatching(new RegExp(`工单号 ${trackingNo}）已有办理结果反馈`)));
    expect(texts).toContainEqual(expect.stringMatching(new RegExp(`工单号 ${trackingNo}）已办结。请.*凭工单号.*评价`)));
    // No name, no content of the case in any text.
    expect(texts.concat(t.sms[sent]!.text).join('')).not.toMatch(/张|工资拖欠/);
  });

  it('tells nothing when the case has no phone, and enqueues nothing before the step', async () => {
    const { id } = await buildCaseRow(t, {
      receiving: w.street,
      handling: handler,
      dueAt: at('2026-12-20T00:00:00'),
      phone: null,
      set: { channel: 'cadre', requester_name_enc: null, requester_name_masked: null },
    });
    const ctx = systemContext(t.deps);
    expect(await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'replied'))).toBeNull();
    await buildCaseEvent(t, id, 'reply');
    await withTransaction(ctx, (tx) => enqueueCaseNotice(tx, id, 'replied'));
    const sent = t.sms.length;
    expect(await runQueuedJobs(t, caseNoticeJob)).toBe(1);
    expect(t.sms.length).toBe(sent);
  });
});
