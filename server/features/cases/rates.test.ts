/** The three rates and case figures of an org subtree, their drill-down and the ledger, from hand-counted fixture cases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../../common/permissions';
import type { AccountActor } from '../../http/actor';
import { systemContext } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { readWorkbook } from '../imports/imports.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildCaseRow } from './cases.factories';
import { caseLedgerExportKind } from './ledger';
import { caseRateCases, caseRates, CHILD_FIGURES_MAX, childCaseRates } from './rates';

let t: TestApp;
let w: World;
const ids: Record<string, number> = {};
const tracking: Record<string, string> = {};

const at = (s: string) => new Date(`${s}+08:00`);
const NOV = { from: '2026-11-01', to: '2026-11-30' };

/** An account holding `permissions` on `org` (and orgs.read there), as the request would see it. */
function actorOn(org: BuiltOrg, permissions: Permission[]): AccountActor {
  return {
    kind: 'account',
    accountId: 1,
    username: 'tester',
    displayName: '测试',
    orgId: org.id,
    orgPath: org.path,
    restriction: null,
    sessionHash: Buffer.alloc(0),
    grants: [
      {
        id: 1,
        orgId: org.id,
        orgName: org.name,
        orgPath: org.path,
        roleCode: 'test',
        roleName: '测试',
        permissions: new Set<Permission>(['orgs.read', ...permissions]),
      },
    ],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const street = w.street;
  const closed = (day: string, rating: 'satisfied' | 'basically' | 'unsatisfied' | null, resolved: boolean | null) => ({
    status: 'closed' as const,
    set: {
      signed_at: at(`${day}T12:00:00`),
      closed_at: at(`${day}T18:00:00`),
      rating,
      rating_resolved: resolved,
      rated_at: rating ? at(`${day}T20:00:00`) : null,
    },
  });
  const build = async (name: string, opts: Parameters<typeof buildCaseRow>[1]) => {
    const c = await buildCaseRow(t, opts);
    ids[name] = c.id;
    tracking[name] = c.trackingNo;
  };
  const due = at('2026-12-10T00:00:00');
  // 1: signed on time, closed, 满意 and resolved, 4 working days, a wage claim of 5,000 元 of which 3,000 recovered.
  const c1 = closed('2026-11-06', 'satisfied', true);
  await build('c1', {
    receiving: street,
    handling: street,
    receivedAt: at('2026-11-02T09:00:00'),
    dueAt: due,
    ...c1,
    set: { ...c1.set, signed_on_time: true, handling_days: 4, wage_claimed_fen: 500_000, wage_recovered_fen: 300_000 },
  });
  // 2: signed late, closed, 基本满意 and resolved, 8 days.
  const c2 = closed('2026-11-16', 'basically', true);
  await build('c2', {
    receiving: street,
    handling: street,
    receivedAt: at('2026-11-03T09:00:00'),
    dueAt: due,
    ...c2,
    set: { ...c2.set, signed_on_time: false, handling_days: 8 },
  });
  // 3: on time, closed, 不满意 and not resolved, 6 days.
  const c3 = closed('2026-11-12', 'unsatisfied', false);
  await build('c3', {
    receiving: street,
    handling: street,
    receivedAt: at('2026-11-04T09:00:00'),
    dueAt: due,
    ...c3,
    set: { ...c3.set, signed_on_time: true, handling_days: 6 },
  });
  // 4: dispatched, not signed yet.
  await build('c4', {
    receiving: street,
    handling: street,
    status: 'dispatched',
    receivedAt: at('2026-11-05T09:00:00'),
    dueAt: due,
  });
  // 5: received by 宿城区, not dispatched; a claim of 1,000 元.
  await build('c5', {
    receiving: w.sucheng,
    receivedAt: at('2026-11-06T09:00:00'),
    dueAt: due,
    set: { wage_claimed_fen: 100_000 },
  });
  // 6: on time, closed, not rated, 3 days.
  const c6 = closed('2026-11-10', null, null);
  await build('c6', {
    receiving: street,
    handling: street,
    receivedAt: at('2026-11-07T09:00:00'),
    dueAt: due,
    ...c6,
    set: { ...c6.set, signed_on_time: true, handling_days: 3 },
  });
  // 7: received by 宿城区, handled in 江西: counted there.
  await build('c7', {
    receiving: w.sucheng,
    handling: w.jiangxi,
    receivedAt: at('2026-11-08T09:00:00'),
    dueAt: due,
    set: { signed_on_time: true, signed_at: at('2026-11-08T12:00:00') },
  });
  // 8: handled in 幸福街道 but received in October.
  await build('c8', {
    receiving: street,
    handling: street,
    receivedAt: at('2026-10-31T23:59:59'),
    dueAt: due,
    set: { signed_on_time: true },
  });
  // 9: on time, replied, awaiting review.
  await build('c9', {
    receiving: street,
    handling: street,
    status: 'replied',
    receivedAt: at('2026-11-30T23:59:59'),
    dueAt: due,
    set: { signed_on_time: true, signed_at: at('2026-12-01T10:00:00'), replied_at: at('2026-12-02T10:00:00') },
  });
});
afterAll(() => t.close());

describe('the three rates', () => {
  it('equal the hand count for 宿城区’s subtree in November', async () => {
    const rates = await caseRates(systemContext(t.deps), actorOn(w.sucheng, ['stats.read']), {
      org_id: w.sucheng.id,
      ...NOV,
    });
    expect(rates).toEqual({
      org: { id: w.sucheng.id, name: '宿城区总工会' },
      from: '2026-11-01',
      to: '2026-11-30',
      // Dispatched: 1, 2, 3, 4, 6, 9; on time: 1, 3, 6, 9.
      response: { numerator: 4, denominator: 6, rate: 0.6667 },
      // Closed: 1, 2, 3, 6; confirmed resolved: 1, 2.
      resolution: { numerator: 2, denominator: 4, rate: 0.5 },
      // Rated: 1, 2, 3; 满意: 1 (基本满意 is not 满意).
      satisfaction: { numerator: 1, denominator: 3, rate: 0.3333 },
      ratings: { satisfied: 1, basically: 1, unsatisfied: 1 },
      total: 7,
      wage_claimed_fen: 600_000,
      wage_recovered_fen: 300_000,
      // (4 + 8 + 6 + 3) / 4
      avg_handling_days: 5.3,
      counts: { new: 1, dispatched: 1, in_progress: 0, waiting: 0, resolved: 1, closed: 4 },
    });
  });

  it('count the cases handled in the subtree: a street’s leave out what its county has not dispatched; 江西’s get the one it handles', async () => {
    const street = await caseRates(systemContext(t.deps), actorOn(w.sucheng, ['cases.supervise']), {
      org_id: w.street.id,
      ...NOV,
    });
    expect(street).toMatchObject({ total: 6, counts: { new: 0 }, wage_claimed_fen: 500_000 });
    const jiangxi = await caseRates(systemContext(t.deps), actorOn(w.root, ['stats.read']), {
      org_id: w.jiangxi.id,
      ...NOV,
    });
    expect(jiangxi).toMatchObject({ total: 1, response: { numerator: 1, denominator: 1, rate: 1 } });
    // October holds only case 8; an empty period has no rates.
    const october = await caseRates(systemContext(t.deps), actorOn(w.sucheng, ['stats.read']), {
      org_id: w.sucheng.id,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(october).toMatchObject({ total: 1, resolution: { numerator: 0, denominator: 0, rate: null } });
  });

  it('default to this month in Shanghai', async () => {
    const rates = await caseRates(
      systemContext(t.deps),
      actorOn(w.sucheng, ['stats.read']),
      { org_id: w.sucheng.id },
      at('2026-11-30T23:30:00'),
    );
    expect(rates).toMatchObject({ from: '2026-11-01', to: '2026-11-30', total: 7 });
  });

  it('answer 404 for an org out of scope, 403 for one seen without the permission, 422 for a reversed period', async () => {
    const ctx = systemContext(t.deps);
    await expect(
      caseRates(ctx, actorOn(w.street, ['stats.read']), { org_id: w.sucheng.id, ...NOV }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      caseRates(ctx, actorOn(w.sucheng, ['cases.intake']), { org_id: w.street.id, ...NOV }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      caseRates(ctx, actorOn(w.sucheng, ['stats.read']), {
        org_id: w.sucheng.id,
        from: '2026-11-30',
        to: '2026-11-01',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { to: '结束日期不能早于开始日期' } });
    await expect(
      caseRates(ctx, actorOn(w.sucheng, ['stats.read']), { org_id: w.sucheng.id, from: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { from: '日期无效' } });
  });
});

describe('the unions below, in one request', () => {
  it('answers each child of the org, in the tree’s order, exactly as GET /cases/rates answers it', async () => {
    const actor = actorOn(w.sucheng, ['stats.read']);
    const below = await childCaseRates(systemContext(t.deps), actor, { org_id: w.sucheng.id, ...NOV });
    const children = await t.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', '=', w.sucheng.id)
      .orderBy('name_pinyin')
      .orderBy('id')
      .execute();
    expect(children.length).toBeGreaterThan(0);
    expect(below).toMatchObject({ org: { id: w.sucheng.id }, from: NOV.from, to: NOV.to, more: false });
    expect(below.items.map((r) => r.org.id)).toEqual(children.map((c) => c.id));
    for (const item of below.items)
      expect(item).toEqual(await caseRates(systemContext(t.deps), actor, { org_id: item.org.id, ...NOV }));
    // The street handles six of November's cases.
    expect(below.items.find((r) => r.org.id === w.street.id)).toMatchObject({ total: 6 });
  });

  it(`lists at most ${CHILD_FIGURES_MAX} unions and says when there are more`, async () => {
    const actor = actorOn(w.sucheng, ['stats.read']);
    const parent = await buildOrg(t, { parent: w.street, name: '幸福街道联合工会', type: 'joint_union' });
    const built: number[] = [];
    for (let i = 0; i < CHILD_FIGURES_MAX; i++)
      built.push((await buildOrg(t, { parent, name: `阿${String(i).padStart(2, '0')}企业工会` })).id);
    const full = await childCaseRates(systemContext(t.deps), actor, { org_id: parent.id, ...NOV });
    expect(full.items.map((r) => r.org.id)).toEqual(built);
    expect(full.more).toBe(false);

    // One more, named to come last in the tree's (pinyin) order: it is left out, and `more` says so.
    const last = await buildOrg(t, { parent, name: '最后企业工会' });
    const over = await childCaseRates(systemContext(t.deps), actor, { org_id: parent.id, ...NOV });
    expect(over.items.map((r) => r.org.id)).toEqual(built);
    expect(over.items.map((r) => r.org.id)).not.toContain(last.id);
    expect(over.more).toBe(true);
  });
});

describe('the drill-down', () => {
  const list = (
    measure: 'response' | 'resolution' | 'satisfaction',
    outcome: 'hit' | 'miss',
    limit?: number,
    cursor?: string,
  ) =>
    caseRateCases(systemContext(t.deps), actorOn(w.sucheng, ['stats.read']), {
      org_id: w.sucheng.id,
      ...NOV,
      measure,
      outcome,
      limit,
      cursor,
    });

  it('lists the cases behind each number, newest first, page by page', async () => {
    const names = (page: { items: Array<{ id: number }> }) =>
      page.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
    expect(names(await list('response', 'hit'))).toEqual(['c9', 'c6', 'c3', 'c1']);
    expect(names(await list('response', 'miss'))).toEqual(['c4', 'c2']);
    expect(names(await list('resolution', 'hit'))).toEqual(['c2', 'c1']);
    expect(names(await list('resolution', 'miss'))).toEqual(['c6', 'c3']);
    expect(names(await list('satisfaction', 'hit'))).toEqual(['c1']);
    expect(names(await list('satisfaction', 'miss'))).toEqual(['c3', 'c2']);
    const first = await list('response', 'hit', 3);
    expect(names(first)).toEqual(['c9', 'c6', 'c3']);
    const second = await list('response', 'hit', 3, first.next_cursor!);
    expect([names(second), second.next_cursor]).toEqual([['c1'], null]);
    expect(first.items[0]).toMatchObject({ tracking_no: tracking.c9, status: 'replied', category: 'resolved' });
  });

  it('refuses a forged cursor by name', async () => {
    await expect(list('response', 'hit', 3, 'bm9wZQ')).rejects.toMatchObject({ fields: { cursor: '分页游标无效' } });
  });
});

describe('the ledger (台账)', () => {
  const rows = async (actor: AccountActor, filters: { org_id: number; from?: string; to?: string }) => {
    const out = [];
    for await (const r of caseLedgerExportKind.rows(systemContext(t.deps), filters, { actor, unmask: false }))
      out.push(r);
    return out;
  };

  it('has one row per case of the figures, oldest first, masked, in Chinese', async () => {
    const sheet = await rows(actorOn(w.sucheng, ['stats.read']), { org_id: w.sucheng.id, ...NOV });
    expect(sheet.map((r) => r.tracking_no)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c9'].map((k) => tracking[k]));
    expect(sheet[0]).toMatchObject({
      received_at: '2026-11-02 09:00',
      kind: '投诉维权',
      subject: '欠薪',
      tier: '一般',
      emergency: '否',
      channel: '网上（H5）',
      requester: '张*',
      phone: expect.stringMatching(/^139\*{4}\d{4}$/),
      receiving_org: '幸福街道总工会',
      handling_org: '幸福街道总工会',
      status: '办结归档',
      signed_on_time: '是',
      due_date: '2026-12-09',
      closed_at: '2026-11-06 18:00',
      handling_days: 4,
      rating: '满意',
      resolved: '是',
      wage_claimed: 5000,
      wage_recovered: 3000,
    });
    expect(sheet[4]).toMatchObject({ status: '受理', handling_org: null, dispatched_at: null, wage_claimed: 1000 });
    expect(sheet.map((r) => r.rating)).toEqual(['满意', '基本满意', '不满意', null, null, null, null]);
    // Nothing sealed leaks into the sheet.
    // (No full phone: the fixtures' are 139 and 8 digits; the sheet holds them masked.)
    expect(JSON.stringify(sheet)).not.toMatch(/张三|工资拖欠|139\d{8}/);
  });

  it('exports nothing of an org out of scope', async () => {
    expect(await rows(actorOn(w.street, ['stats.read']), { org_id: w.sucheng.id, ...NOV })).toEqual([]);
  });
});

describe('over HTTP', () => {
  let admin: string, officer: string, agent: string;
  const get = (cookie: string, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
  const period = 'from=2026-11-01&to=2026-11-30';

  beforeAll(async () => {
    const account = async (org: BuiltOrg, role: string) => signIn(t, (await buildAccount(t, { org, role })).username);
    admin = await account(w.sucheng, 'org_admin');
    officer = await account(w.street, 'case_officer');
    agent = await account(w.sucheng, 'hotline_agent');
  });

  it('GET /cases/rates answers the figures, 404 out of scope, 403 without the permission, 422 naming the field', async () => {
    const res = await get(admin, `/cases/rates?org_id=${w.sucheng.id}&${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 7,
      response: { numerator: 4, denominator: 6, rate: 0.6667 },
      satisfaction: { numerator: 1, denominator: 3 },
    });
    // A street's case officer: its own subtree only; 宿城区 above it is as missing.
    expect((await get(officer, `/cases/rates?org_id=${w.street.id}&${period}`)).json()).toMatchObject({ total: 6 });
    expect((await get(officer, `/cases/rates?org_id=${w.sucheng.id}&${period}`)).statusCode).toBe(404);
    expect((await get(agent, `/cases/rates?org_id=${w.sucheng.id}&${period}`)).statusCode).toBe(403);
    const bad = await get(admin, `/cases/rates?org_id=${w.sucheng.id}&from=2026-11-30&to=2026-11-01`);
    expect([bad.statusCode, bad.json().error.code, bad.json().error.fields]).toEqual([
      422,
      'validation_failed',
      { to: '结束日期不能早于开始日期' },
    ]);
  });

  it('GET /cases/rates/children answers the unions below, 404 out of scope, 403 without the permission', async () => {
    const res = await get(admin, `/cases/rates/children?org_id=${w.sucheng.id}&${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.find((r: { org: { id: number } }) => r.org.id === w.street.id)).toMatchObject({
      total: 6,
    });
    expect((await get(officer, `/cases/rates/children?org_id=${w.sucheng.id}&${period}`)).statusCode).toBe(404);
    expect((await get(agent, `/cases/rates/children?org_id=${w.sucheng.id}&${period}`)).statusCode).toBe(403);
  });

  it('GET /cases/rates/cases pages the cases behind a number', async () => {
    const res = await get(admin, `/cases/rates/cases?org_id=${w.sucheng.id}&${period}&measure=response&outcome=miss`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        expect.objectContaining({ id: ids.c4, tracking_no: tracking.c4, signed_on_time: null }),
        expect.objectContaining({ id: ids.c2, tracking_no: tracking.c2, signed_on_time: false }),
      ],
      next_cursor: null,
    });
  });

  it('exports the ledger as xlsx (工单台账), empty for an org out of scope, 403 without stats.read', async () => {
    const res = await get(admin, `/cases/ledger/export.xlsx?org_id=${w.sucheng.id}&${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const sheet = (await readWorkbook(res.rawPayload))['工单台账']!;
    expect(sheet[0]!.slice(0, 4)).toEqual(['工单号', '受理时间', '诉求类别', '诉求事项']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c9'].map((k) => tracking[k]));
    const outOfScope = await get(officer, `/cases/ledger/export.xlsx?org_id=${w.sucheng.id}&${period}`);
    expect((await readWorkbook(outOfScope.rawPayload))['工单台账']).toHaveLength(1);
    expect((await get(agent, `/cases/ledger/export.xlsx?org_id=${w.sucheng.id}&${period}`)).statusCode).toBe(403);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'export.downloaded')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(audit.map((a) => (a.details as { kind: string }).kind)).toContain('cases.ledger');
  });
});
