/** 会籍接转 through the API: requests by the member and by the sender, answers, conflicts, scope, and the auto-accept job. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOrgCode } from '../../../common/org-code';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn, signInWorker } from '../auth/auth.factories';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { buildMember } from '../members/members.factories';
import { lapseMember } from '../members/service';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { transferNoticeJob } from './notify';
import { acceptOverdueTransfers } from './auto-accept';
import { buildTransfer } from './transfers.factories';

let t: TestApp;
let w: World;
/** A union in 宿城's street, one directly under 宿城, and one in 江西 (another province). */
let streetUnion: BuiltOrg, suchengUnion: BuiltOrg, jiangxiUnion: BuiltOrg;
/** org_admin of 宿城 and of 江西; a viewer of 宿城 (reads members, manages none). */
let sucheng: string, jiangxi: string, viewer: string;

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object, key?: string) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    payload,
    headers: { cookie, ...(key ? { 'idempotency-key': key } : {}) },
  });

const memberRow = (id: number) =>
  t.db.selectFrom('members').select(['org_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
const auditCount = async (action: string, entityId: number) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('entity_id', '=', String(entityId))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  streetUnion = await buildOrg(t, { parent: w.street, name: '幸福街道快递员工会', type: 'joint_union' });
  suchengUnion = await buildOrg(t, { parent: w.sucheng, name: '宿城区网约配送员工会', type: 'industry_federation' });
  jiangxiUnion = await buildOrg(t, {
    parent: w.jiangxi,
    name: '南昌市某物流公司工会',
    type: 'enterprise_union',
    region_code: '360102',
  });
  const account = async (org: BuiltOrg, role: string) => signIn(t, (await buildAccount(t, { org, role })).username);
  sucheng = await account(w.sucheng, 'org_admin');
  jiangxi = await account(w.jiangxi, 'org_admin');
  viewer = await account(w.sucheng, 'viewer');
});
afterAll(() => t.close());

describe('a member asks on the H5 and the receiving union accepts', () => {
  it('moves the member in one step, keeps them a member throughout, and leaves the history on the profile', async () => {
    const member = await buildMember(t, jiangxiUnion.id, { name: '刘德华' });
    const me = await signInWorker(t, member.phone!);

    // Bad targets: a federation that takes no members, the member's own union, a mistyped code.
    for (const code of [formatOrgCode(w.sucheng.id), formatOrgCode(jiangxiUnion.id), 'ABCDEFG']) {
      const bad = await call(me, 'POST', '/me/transfers', { to_org_code: code });
      expect(bad.statusCode, code).toBe(422);
      expect(bad.json().error.fields.to_org_code).toBeTruthy();
    }

    // The code as the union's QR poster carries it (a join link), with a reason; sent twice on a
    // weak signal with one key, it is one transfer and the same answer.
    const body = {
      to_org_code: `https://gonghui.example/m/join?org=${formatOrgCode(streetUnion.id)}`,
      reason: '回宿迁工作',
    };
    const asked = await call(me, 'POST', '/me/transfers', body, 'weak-signal-1');
    expect(asked.statusCode).toBe(201);
    const resent = await call(me, 'POST', '/me/transfers', body, 'weak-signal-1');
    expect([resent.statusCode, resent.body]).toEqual([201, asked.body]);
    const transfer = asked.json();
    expect(transfer).toMatchObject({
      member_no: member.member_no,
      name_masked: '刘*华',
      from_org: { id: jiangxiUnion.id },
      to_org: { id: streetUnion.id },
      requested_by: 'member',
      state: 'pending',
      days_left: 10,
      version: 1,
      can_cancel: true,
      can_answer: false,
    });
    expect(JSON.stringify(transfer)).not.toContain(member.idNumber);
    // Still a full member while it runs: the card says so.
    expect(await memberRow(member.id)).toEqual({ org_id: jiangxiUnion.id, status: 'transferring' });
    const mine = await call(me, 'GET', '/me/member');
    expect(mine.json().items[0]).toMatchObject({ status: 'transferring', org_id: jiangxiUnion.id });
    expect((await call(me, 'GET', '/me/card')).json()).toMatchObject({ status: 'transferring' });

    // One open transfer per member.
    const again = await call(me, 'POST', '/me/transfers', { to_org_code: formatOrgCode(suchengUnion.id) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('transfer_pending');

    // Members see only their own.
    expect((await call(me, 'GET', '/me/transfers')).json().items.map((x: { id: number }) => x.id)).toEqual([
      transfer.id,
    ]);
    const stranger = await signInWorker(t, (await buildMember(t, streetUnion.id)).phone!);
    expect((await call(stranger, 'GET', '/me/transfers')).json().items).toEqual([]);
    expect((await call(stranger, 'POST', `/transfers/${transfer.id}/cancel`, { version: 1 })).statusCode).toBe(404);

    // Both unions have it in their queue, each on its own tab.
    const ids = async (cookie: string, direction: string) =>
      (await call(cookie, 'GET', `/transfers?direction=${direction}&state=pending`))
        .json()
        .items.map((x: { id: number }) => x.id);
    expect(await ids(sucheng, 'incoming')).toContain(transfer.id);
    expect(await ids(sucheng, 'outgoing')).not.toContain(transfer.id);
    expect(await ids(jiangxi, 'outgoing')).toContain(transfer.id);
    expect(await ids(jiangxi, 'incoming')).not.toContain(transfer.id);

    // Only the receiving union's members.manage answers: not the sender, not a viewer.
    expect((await call(jiangxi, 'POST', `/transfers/${transfer.id}/accept`, { version: 1 })).statusCode).toBe(403);
    expect((await call(viewer, 'POST', `/transfers/${transfer.id}/accept`, { version: 1 })).statusCode).toBe(403);
    const stale = await call(sucheng, 'POST', `/transfers/${transfer.id}/accept`, { version: 2 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'stale_version']);

    const accepted = await call(sucheng, 'POST', `/transfers/${transfer.id}/accept`, { version: 1 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'accepted', auto_accepted: false, days_left: null, version: 2 });
    expect(await memberRow(member.id)).toEqual({ org_id: streetUnion.id, status: 'active' });
    expect(await auditCount('transfer.accepted', transfer.id)).toBe(1);
    const twice = await call(sucheng, 'POST', `/transfers/${transfer.id}/accept`, { version: 1 });
    expect(twice.json().error.code).toBe('stale_version');
    expect((await call(sucheng, 'POST', `/transfers/${transfer.id}/accept`, { version: 2 })).statusCode).toBe(409);

    // The profile carries the history in its new union; the old union keeps the transfer, not the member.
    const profile = await call(sucheng, 'GET', `/members/${member.id}`);
    expect(profile.json().transfers).toEqual([
      expect.objectContaining({
        id: transfer.id,
        from_org_name: '南昌市某物流公司工会',
        to_org_name: '幸福街道快递员工会',
        state: 'accepted',
        requested_by: 'member',
      }),
    ]);
    expect((await call(jiangxi, 'GET', `/members/${member.id}`)).statusCode).toBe(404);
    expect((await call(jiangxi, 'GET', `/transfers/${transfer.id}`)).json().state).toBe('accepted');
  });
});

describe('the sending union starts transfers; refusals and cancellations', () => {
  it('refuses with a reason, cancels by the member or the sender, and keeps each union to its scope', async () => {
    const member = await buildMember(t, streetUnion.id);
    const me = await signInWorker(t, member.phone!);
    const start = (cookie: string, to: BuiltOrg, memberId = member.id) =>
      call(cookie, 'POST', '/transfers', {
        member_id: memberId,
        to_org_code: formatOrgCode(to.id),
        reason: '工作调动',
      });

    // A member out of scope is as missing (422 on member_id); reading without managing is 403.
    const outside = await start(jiangxi, suchengUnion);
    const missing = await start(jiangxi, suchengUnion, 999_999);
    expect([outside.statusCode, outside.body]).toEqual([422, missing.body]);
    expect(outside.json().error.fields.member_id).toBeTruthy();
    expect((await start(viewer, jiangxiUnion)).statusCode).toBe(403);

    const sent = await start(sucheng, jiangxiUnion);
    expect(sent.statusCode).toBe(201);
    const first = sent.json();
    expect(first).toMatchObject({ requested_by: 'org', state: 'pending', can_cancel: true, can_answer: false });
    expect((await start(sucheng, suchengUnion)).json().error.code).toBe('transfer_pending');

    // The receiving union refuses: a reason is needed; the member is active again where they were.
    const blank = await call(jiangxi, 'POST', `/transfers/${first.id}/refuse`, { version: 1, reason: ' ' });
    expect([blank.statusCode, Object.keys(blank.json().error.fields)]).toEqual([422, ['reason']]);
    const refused = await call(jiangxi, 'POST', `/transfers/${first.id}/refuse`, {
      version: 1,
      reason: '非本单位职工',
    });
    expect(refused.json()).toMatchObject({ state: 'refused', refusal_reason: '非本单位职工' });
    expect(await memberRow(member.id)).toEqual({ org_id: streetUnion.id, status: 'active' });
    expect((await call(me, 'GET', '/me/transfers')).json().items[0]).toMatchObject({
      state: 'refused',
      refusal_reason: '非本单位职工',
    });

    // Within 宿城: 江西 sees none of it.
    const inside = (await start(sucheng, suchengUnion)).json();
    expect((await call(jiangxi, 'GET', `/transfers/${inside.id}`)).statusCode).toBe(404);
    expect((await call(jiangxi, 'GET', '/transfers')).json().items.map((x: { id: number }) => x.id)).not.toContain(
      inside.id,
    );
    // The member withdraws it on the H5.
    const byMember = await call(me, 'POST', `/transfers/${inside.id}/cancel`, { version: 1 });
    expect(byMember.json()).toMatchObject({ state: 'cancelled', cancelled_by: 'member' });
    expect(await memberRow(member.id)).toEqual({ org_id: streetUnion.id, status: 'active' });

    // The sender withdraws one; the receiver may not, and nothing closed opens again.
    const third = (await start(sucheng, jiangxiUnion)).json();
    expect((await call(jiangxi, 'POST', `/transfers/${third.id}/cancel`, { version: 1 })).statusCode).toBe(403);
    const bySender = await call(sucheng, 'POST', `/transfers/${third.id}/cancel`, { version: 1 });
    expect(bySender.json()).toMatchObject({ state: 'cancelled', cancelled_by: 'org' });
    const late = await call(jiangxi, 'POST', `/transfers/${third.id}/accept`, { version: 2 });
    expect(late.statusCode).toBe(409);
    expect(await memberRow(member.id)).toEqual({ org_id: streetUnion.id, status: 'active' });
    expect(await auditCount('transfer.refused', first.id)).toBe(1);
    expect(await auditCount('transfer.cancelled', third.id)).toBe(1);
    expect(
      (await call(sucheng, 'GET', `/members/${member.id}`)).json().transfers.map((x: { state: string }) => x.state),
    ).toEqual(['cancelled', 'cancelled', 'refused']);

    // The member is texted the refusal and the sender's withdrawal, not the withdrawal they made themselves.
    const before = t.sms.length;
    await runQueuedJobs(t, transferNoticeJob);
    expect(
      t.sms
        .slice(before)
        .filter((m) => m.phone === member.phone)
        .map((m) => m.text),
    ).toEqual([
      expect.stringContaining('未接收您的会籍接转，原因：非本单位职工'),
      expect.stringContaining('已撤回您转往'),
    ]);
  });
});

describe('the auto-accept job', () => {
  it('accepts a transfer 10 working days after receipt on the calendar, not before, once however many run', async () => {
    // Received Wed 2026-09-30: 国庆 10-01…07 off, Sat 10-10 a make-up working day.
    const received = new Date('2026-09-30T10:00:00+08:00');
    const { id, memberId } = await buildTransfer(t, {
      fromOrgId: streetUnion.id,
      toOrgId: suchengUnion.id,
      now: received,
    });
    const view = (await call(sucheng, 'GET', `/transfers/${id}`)).json();
    // The calendar's own explanation of the same deadline agrees.
    const explained = (
      await call(sucheng, 'GET', `/calendar/due?from=2026-09-30T10:00:00%2B08:00&working_days=10&region_code=321302`)
    ).json();
    expect(explained.due_date).toBe('2026-10-20');
    expect(view).toMatchObject({ due_date: explained.due_date, state: 'pending', days_left: 0 });
    expect(view.due_at).toBe(new Date(explained.due_at).toISOString());

    // A member who left the union while their transfer waited: nothing to move, the job leaves it alone.
    const gone = await buildTransfer(t, { fromOrgId: streetUnion.id, toOrgId: suchengUnion.id, now: received });
    await withTransaction(systemContext(t.deps), (tx) => lapseMember(tx, gone.memberId));

    const ctx = systemContext(t.deps);
    expect(await acceptOverdueTransfers(ctx, { now: new Date('2026-10-20T23:59:59+08:00') })).toEqual({ accepted: 0 });
    expect((await call(sucheng, 'GET', `/transfers/${id}`)).json().state).toBe('pending');

    // Two runs at once (two nodes): one accepts it, the other finds nothing to do.
    const after = new Date('2026-10-21T00:00:00+08:00');
    const runs = await Promise.all([
      acceptOverdueTransfers(ctx, { now: after }),
      acceptOverdueTransfers(ctx, { now: after }),
    ]);
    expect(runs.reduce((n, r) => n + r.accepted, 0)).toBe(1);
    expect((await call(sucheng, 'GET', `/transfers/${id}`)).json()).toMatchObject({
      state: 'accepted',
      auto_accepted: true,
    });
    expect(await memberRow(memberId)).toEqual({ org_id: suchengUnion.id, status: 'active' });
    expect(await auditCount('transfer.auto_accepted', id)).toBe(1);
    const before = t.sms.length;
    await runQueuedJobs(t, transferNoticeJob);
    expect(t.sms.slice(before).map((m) => m.text)).toContainEqual(
      expect.stringMatching(/会籍已转入宿城区.*（逾期未答复，已自动接收），会员编号 \d{12} 不变/),
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'account_id'])
      .where('action', '=', 'transfer.auto_accepted')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: '系统', account_id: null });
    expect(await acceptOverdueTransfers(ctx, { now: after })).toEqual({ accepted: 0 });
    // The lapsed member's transfer cannot be accepted by hand either; the sender withdraws it.
    const refusedToMove = await call(sucheng, 'POST', `/transfers/${gone.id}/accept`, { version: 1 });
    expect([refusedToMove.statusCode, refusedToMove.json().error.code]).toEqual([409, 'conflict']);
    const withdrawn = await call(sucheng, 'POST', `/transfers/${gone.id}/cancel`, { version: 1 });
    expect(withdrawn.json()).toMatchObject({ state: 'cancelled' });
    expect(await memberRow(gone.memberId)).toEqual({ org_id: streetUnion.id, status: 'lapsed' });
  });
});
